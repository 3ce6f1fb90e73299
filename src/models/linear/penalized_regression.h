// mlplay models: linear regression with a penalty on the weights.
//
// ridge: minimises ||y - X w - b||^2 + alpha ||w||^2, as
//   sklearn.linear_model.Ridge; solved in closed form on centred data,
//   (Xc^T Xc + alpha I) w = Xc^T yc, by an LDL^T factorisation in double.
//   Cost O(n d^2 + d^3).
// lasso: minimises (1 / 2n) ||y - X w - b||^2 + alpha ||w||_1, as
//   sklearn.linear_model.Lasso; cyclic coordinate descent with soft
//   thresholding (Friedman, Hastie, Tibshirani, "Regularization Paths for
//   Generalized Linear Models via Coordinate Descent", 2010), stopped when the
//   duality gap falls below tol * ||yc||^2 / n as scikit-learn does.
//   Cost O(n d) per sweep, at most max_iter sweeps.
// The intercept is never penalised: both centre X and y first and recover
// b = mean(y) - mean(X) . w.
#pragma once

#include "core/model.h"

#include <string>
#include <vector>

namespace mlplay {

class PenalizedRegression : public Model {
public:
    enum class Penalty { ridge, lasso };
    explicit PenalizedRegression(Penalty penalty) : m_penalty(penalty) {}

    const char* name() const override { return m_penalty == Penalty::ridge ? "ridge" : "lasso"; }
    Task task() const override { return Task::regression; }
    std::vector<ParamSpec> param_specs() const override;
    Json params() const override;

    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return m_fitted; }
    Result<VectorF> predict(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    const VectorD& coefficients() const { return m_coef; }
    double intercept() const { return m_intercept; }
    int n_iter() const { return m_n_iter; }

protected:
    Status apply_params(const Json& params) override;

private:
    Penalty m_penalty;
    double m_alpha = 1.0;
    bool m_fit_intercept = true;
    int m_max_iter = 1000; // lasso
    double m_tol = 1e-4;   // lasso

    bool m_fitted = false;
    VectorD m_coef;
    double m_intercept = 0.0;
    int m_n_iter = 0;
};

} // namespace mlplay
