// mlplay models: logistic regression, binary and multinomial, with an L2
// penalty, as sklearn.linear_model.LogisticRegression (penalty="l2").
//
// Minimises  C * sum_i loss_i + 1/2 ||W||^2  (the intercept is not
// penalised), where loss_i is the log loss of sample i:
//   binary (2 classes, or one-vs-rest): sigmoid of x_i . w + b;
//   multinomial (more than 2 classes, multi_class auto): softmax of x_i W + b.
// Solver: Newton-CG (Nocedal and Wright, Numerical Optimization, 2nd ed.,
// algorithm 7.1): an inexact Newton step from conjugate gradients on
// Hessian-vector products, then a backtracking Armijo line search. Being
// second order it converges on unscaled features too, where first-order
// methods stall. Stops when the largest gradient entry is below tol.
// Cost per Newton step: O(n d K) per CG iteration, at most d K of them.
#pragma once

#include "core/dataset.h"
#include "core/error.h"
#include "core/model.h"

#include <string>
#include <vector>

namespace mlplay {

class LogisticRegression : public Model {
public:
    LogisticRegression() = default;

    const char* name() const override { return "logistic_regression"; }
    Task task() const override { return Task::classification; }
    std::vector<ParamSpec> param_specs() const override;
    Json params() const override;

    // y holds class labels (any numbers: they are sorted into classes()).
    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return !m_classes.empty(); }
    Result<VectorF> predict(const MatrixF& X) const override;
    Result<MatrixF> predict_proba(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    const std::vector<float>& classes() const { return m_classes; }
    // (n_models, n_features): one row for binary, one per class otherwise.
    const MatrixD& coefficients() const { return m_coef; }
    const VectorD& intercepts() const { return m_intercept; }
    int n_iter() const { return m_n_iter; }
    bool converged() const { return m_converged; }

protected:
    Status apply_params(const Json& params) override;

private:
    // Decision values (n_samples, n_models).
    MatrixD decision(const MatrixF& X) const;

    double m_C = 1.0;
    int m_max_iter = 100;
    double m_tol = 1e-4;
    bool m_fit_intercept = true;
    std::string m_multi_class = "auto"; // auto, multinomial, ovr

    std::vector<float> m_classes;
    bool m_multinomial = false;
    MatrixD m_coef;
    VectorD m_intercept;
    int m_n_iter = 0;
    bool m_converged = false;
};

} // namespace mlplay
