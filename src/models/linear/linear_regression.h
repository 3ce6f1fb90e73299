// mlplay models: ordinary least squares linear regression.
//
// Fits y ~ X w + b by minimising the squared error, as
// sklearn.linear_model.LinearRegression does.
//
// solver qr: centre X and y (when fitting an intercept), then solve the least
// squares problem with a complete orthogonal decomposition (Householder QR
// with column pivoting, then an RZ step), in double. For a rank-deficient X
// this gives the minimum-norm solution, the same one LAPACK's gelsd (used by
// scikit-learn) returns. Cost O(n d^2) time, O(n d) memory.
// Reference: Golub and Van Loan, Matrix Computations, 4th ed., section 5.5.
//
// solver gd: full-batch gradient descent on the half mean squared error of
// standardised features, one epoch per step, resumable (fit_steps) so the UI
// can animate the loss. Coefficients are mapped back to the original units
// after every step. A loss that turns NaN or infinite stops training and
// restores the last finite weights, with a message naming the learning rate.
// Cost O(n d) per epoch.
#pragma once

#include "core/dataset.h"
#include "core/error.h"
#include "core/model.h"

#include <string>
#include <vector>

namespace mlplay {

enum class LinearSolver { qr, gd };

// X coef + intercept for X (n_samples, n_features), shared by the linear
// models: an error when not fitted or when the feature count differs.
Result<VectorF> predict_linear(const MatrixF& X, const VectorD& coef, double intercept,
                               bool fitted);

struct LinearRegressionParams {
    LinearSolver solver = LinearSolver::qr;
    bool fit_intercept = true;
    double learning_rate = 0.1; // gd only, on standardised features; (0, 10]
    int epochs = 200;           // gd only, epochs that fit() runs; 1..1e6
};

class LinearRegression : public Model {
public:
    LinearRegression() = default;
    explicit LinearRegression(LinearRegressionParams params) : m_params(params) {}

    const LinearRegressionParams& typed_params() const { return m_params; }
    // Checks ranges; the current model is kept on failure.
    Status set_params(const LinearRegressionParams& params);
    using Model::set_params;

    // Model interface.
    const char* name() const override { return "linear_regression"; }
    Task task() const override { return Task::regression; }
    std::vector<ParamSpec> param_specs() const override;
    Json params() const override;
    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    // Fits on X (n_samples, n_features) and y (n_samples). With the gd
    // solver this runs params().epochs epochs.
    Status fit(const MatrixF& X, const VectorF& y) override;
    // Convenience: every column but `target` is a feature.
    Status fit(const Dataset& ds, const std::string& target);

    // gd: prepares training on (X, y) without running an epoch, then
    // fit_steps(n) runs up to n epochs and returns how many it ran (fewer
    // when training stopped on divergence; see last_error()).
    Status begin_gd(const MatrixF& X, const VectorF& y);
    Status begin_gd(const Dataset& ds, const std::string& target);
    int fit_steps(int n_epochs);
    // Ends gradient-descent training early, keeping the weights reached.
    void end_gd();
    bool training() const { return m_gd.active; }
    int epochs_done() const { return m_gd.epoch; }
    // MSE on the training data in the target's units, one value per epoch.
    const std::vector<double>& loss_history() const { return m_loss_history; }
    const Error& last_error() const { return m_last_error; }

    bool fitted() const override { return m_fitted; }
    // Predictions for X (n_samples, n_features); the model must be fitted
    // with the same number of features.
    Result<VectorF> predict(const MatrixF& X) const override;
    Result<VectorF> predict(const Dataset& ds) const;
    // R^2 of the predictions for X against y.
    Result<double> score(const MatrixF& X, const VectorF& y) const override;

    const VectorD& coefficients() const { return m_coef; }
    double intercept() const { return m_intercept; }
    const std::vector<std::string>& feature_names() const { return m_feature_names; }

protected:
    Status apply_params(const Json& params) override;

private:
    Status check_input(const MatrixF& X, const VectorF& y) const;
    void gd_update_coefficients();
    double gd_loss() const;

    LinearRegressionParams m_params;
    bool m_fitted = false;
    VectorD m_coef;
    double m_intercept = 0.0;
    std::vector<std::string> m_feature_names;
    std::vector<double> m_loss_history;
    Error m_last_error;

    // Gradient-descent state: standardised copy of the training data.
    struct GdState {
        bool active = false;
        int epoch = 0;
        MatrixD Z;      // (n_samples, n_features), standardised X
        VectorD yc;     // (n_samples), y minus its mean
        VectorD mean;   // (n_features)
        VectorD scale;  // (n_features), 1 for constant columns
        double y_mean = 0.0;
        VectorD w;      // weights on Z
        VectorD w_prev; // last finite weights
    } m_gd;
};

} // namespace mlplay
