#include "models/linear/linear_regression.h"

#include "core/metrics.h"

#include <Eigen/QR>

#include <cmath>

namespace mlplay {

namespace {

// supervised_data, refusing a categorical target: its values are category
// indices, which a regression would treat as amounts.
Result<SupervisedData> regression_data(const Dataset& ds, const std::string& target) {
    Result<SupervisedData> d = supervised_data(ds, target);
    if (d && !d->target_categories.empty())
        return make_error("target \"%s\" is categorical; a regression needs a numeric target "
                          "(use a classifier for categories)", target.c_str());
    return d;
}

} // namespace

Status LinearRegression::set_params(const LinearRegressionParams& p) {
    if (!(p.learning_rate > 0.0 && p.learning_rate <= 10.0))
        return make_error("learning_rate %g is out of range; use a value in (0, 10] "
                          "(0.1 suits standardised features)", p.learning_rate);
    if (p.epochs < 1 || p.epochs > 1000000)
        return make_error("epochs %d is out of range; use 1 to 1,000,000", p.epochs);
    m_params = p;
    return Status();
}

std::vector<ParamSpec> LinearRegression::param_specs() const {
    return {
        {"solver", ParamKind::choice, 0, 0, false, {"qr", "gd"},
         "qr: exact least squares; gd: gradient descent, epoch by epoch"},
        {"fit_intercept", ParamKind::boolean, 0, 0, false, {}, "learn a constant term"},
        {"learning_rate", ParamKind::real, 1e-4, 10.0, true, {},
         "gd step size on standardised features"},
        {"epochs", ParamKind::integer, 1, 1e6, true, {}, "gd passes over the training rows"},
    };
}

Json LinearRegression::params() const {
    Json p = Json::object();
    p.set("solver", m_params.solver == LinearSolver::qr ? "qr" : "gd");
    p.set("fit_intercept", m_params.fit_intercept);
    p.set("learning_rate", m_params.learning_rate);
    p.set("epochs", m_params.epochs);
    return p;
}

Status LinearRegression::apply_params(const Json& p) {
    LinearRegressionParams typed;
    typed.solver = p.find("solver")->as_string() == "qr" ? LinearSolver::qr : LinearSolver::gd;
    typed.fit_intercept = p.find("fit_intercept")->as_bool();
    typed.learning_rate = p.find("learning_rate")->as_number();
    typed.epochs = static_cast<int>(p.find("epochs")->as_number());
    return set_params(typed);
}

Json LinearRegression::save_state() const {
    Json s = Json::object();
    s.set("fitted", m_fitted);
    if (!m_fitted) return s;
    s.set("coefficients", Json::numbers(std::vector<double>(m_coef.data(),
                                                            m_coef.data() + m_coef.size())));
    s.set("intercept", m_intercept);
    Json names = Json::array();
    for (const std::string& n : m_feature_names) names.push(n);
    s.set("feature_names", names);
    return s;
}

Status LinearRegression::load_state(const Json& s) {
    Result<bool> fitted = saved_fitted_flag(s, "linear regression");
    if (!fitted) return fitted.error();
    if (!*fitted) {
        m_fitted = false;
        return Status();
    }
    Result<std::vector<double>> coef = s.numbers_at("coefficients");
    if (!coef) return coef.error();
    Result<double> intercept = s.number_at("intercept");
    if (!intercept) return intercept.error();
    if (coef->empty()) return make_error("\"coefficients\" is empty");
    std::vector<std::string> names;
    if (const Json* n = s.find("feature_names")) {
        if (!n->is_array() || n->size() != coef->size())
            return make_error("\"feature_names\" must name each coefficient");
        for (const Json& item : n->items()) {
            if (!item.is_string()) return make_error("\"feature_names\" must hold text");
            names.push_back(item.as_string());
        }
    }
    m_coef = Eigen::Map<const VectorD>(coef->data(), static_cast<Eigen::Index>(coef->size()));
    m_intercept = *intercept;
    m_feature_names = std::move(names);
    m_fitted = true;
    m_gd.active = false;
    m_loss_history.clear();
    return Status();
}

std::unique_ptr<Model> LinearRegression::clone_unfitted() const {
    return std::make_unique<LinearRegression>(m_params);
}

Status LinearRegression::check_input(const MatrixF& X, const VectorF& y) const {
    if (X.rows() == 0) return make_error("no training rows; a fit needs at least one row");
    if (X.cols() == 0) return make_error("no feature columns; a fit needs at least one");
    if (X.rows() != y.size())
        return make_error("X has %lld rows but y has %lld values",
                          static_cast<long long>(X.rows()), static_cast<long long>(y.size()));
    if (!X.allFinite() || !y.allFinite())
        return make_error("the training data has missing or infinite values; "
                          "impute or drop them before fitting");
    return Status();
}

Status LinearRegression::fit(const Dataset& ds, const std::string& target) {
    Result<SupervisedData> d = regression_data(ds, target);
    if (!d) return d.error();
    Status s = fit(d->X, d->y);
    if (s) m_feature_names = d->feature_names;
    return s;
}

Status LinearRegression::fit(const MatrixF& X, const VectorF& y) {
    if (m_params.solver == LinearSolver::gd) {
        Status s = begin_gd(X, y);
        if (!s) return s;
        fit_steps(m_params.epochs);
        end_gd();
        if (!m_last_error.message.empty()) return m_last_error;
        return Status();
    }

    Status s = check_input(X, y);
    if (!s) return s;

    // Least squares in double: the normal equations are never formed, so the
    // conditioning is that of X, not of X^T X.
    MatrixD Xd = X.cast<double>();
    VectorD yd = y.cast<double>();
    VectorD x_mean = VectorD::Zero(Xd.cols());
    double y_mean = 0.0;
    if (m_params.fit_intercept) {
        x_mean = Xd.colwise().mean().transpose();
        y_mean = yd.mean();
        Xd.rowwise() -= x_mean.transpose();
        yd.array() -= y_mean;
    }
    Eigen::CompleteOrthogonalDecomposition<MatrixD> cod(Xd);
    m_coef = cod.solve(yd);
    m_intercept = m_params.fit_intercept ? y_mean - x_mean.dot(m_coef) : 0.0;
    m_fitted = true;
    m_feature_names.clear();
    m_loss_history.clear();
    m_last_error = Error();
    return Status();
}

Status LinearRegression::begin_gd(const MatrixF& X, const VectorF& y) {
    Status s = check_input(X, y);
    if (!s) return s;

    GdState& g = m_gd;
    g.Z = X.cast<double>();
    VectorD yd = y.cast<double>();
    Eigen::Index n = g.Z.rows(), d = g.Z.cols();
    g.mean = VectorD::Zero(d);
    g.scale = VectorD::Ones(d);
    g.y_mean = 0.0;
    if (m_params.fit_intercept) {
        g.mean = g.Z.colwise().mean().transpose();
        g.y_mean = yd.mean();
    }
    for (Eigen::Index j = 0; j < d; ++j) {
        g.Z.col(j).array() -= g.mean(j);
        double sd = std::sqrt(g.Z.col(j).squaredNorm() / static_cast<double>(n));
        // A constant column carries no signal; leave it unscaled (all zeros).
        if (sd > 0.0) {
            g.scale(j) = sd;
            g.Z.col(j) /= sd;
        }
    }
    g.yc = yd.array() - g.y_mean;
    g.w = VectorD::Zero(d);
    g.w_prev = g.w;
    g.epoch = 0;
    g.active = true;

    m_loss_history.clear();
    m_last_error = Error();
    m_feature_names.clear();
    gd_update_coefficients();
    m_fitted = true;
    return Status();
}

Status LinearRegression::begin_gd(const Dataset& ds, const std::string& target) {
    Result<SupervisedData> d = regression_data(ds, target);
    if (!d) return d.error();
    Status s = begin_gd(d->X, d->y);
    if (s) m_feature_names = d->feature_names;
    return s;
}

double LinearRegression::gd_loss() const {
    VectorD r = m_gd.Z * m_gd.w - m_gd.yc;
    return r.squaredNorm() / static_cast<double>(r.size());
}

void LinearRegression::gd_update_coefficients() {
    m_coef = m_gd.w.cwiseQuotient(m_gd.scale);
    m_intercept = m_gd.y_mean - m_gd.mean.dot(m_coef);
}

int LinearRegression::fit_steps(int n_epochs) {
    if (!m_gd.active) return 0;
    GdState& g = m_gd;
    double n = static_cast<double>(g.Z.rows());
    int done = 0;
    for (; done < n_epochs; ++done) {
        // Gradient of (1/2n) ||Z w - y||^2 is Z^T (Z w - y) / n.
        VectorD r = g.Z * g.w - g.yc;
        VectorD grad = g.Z.transpose() * r / n;
        g.w_prev = g.w;
        g.w -= m_params.learning_rate * grad;
        double loss = gd_loss();
        if (!std::isfinite(loss) || !g.w.allFinite()) {
            g.w = g.w_prev;
            g.active = false;
            m_last_error = make_error(
                "gradient descent diverged at epoch %d (the loss became %s); the weights "
                "were restored to epoch %d. Lower the learning rate (now %g)",
                g.epoch + 1, std::isnan(loss) ? "NaN" : "infinite", g.epoch,
                m_params.learning_rate);
            break;
        }
        ++g.epoch;
        m_loss_history.push_back(loss);
    }
    gd_update_coefficients();
    return done;
}

void LinearRegression::end_gd() {
    m_gd.active = false;
    // The standardised copy of the data is no longer needed.
    m_gd.Z.resize(0, 0);
    m_gd.yc.resize(0);
}

Result<VectorF> predict_linear(const MatrixF& X, const VectorD& coef, double intercept,
                               bool fitted) {
    if (!fitted) return make_error("the model is not fitted yet; call fit first");
    if (X.cols() != coef.size())
        return make_error("the model was fitted on %lld features but got %lld",
                          static_cast<long long>(coef.size()),
                          static_cast<long long>(X.cols()));
    VectorD p = X.cast<double>() * coef;
    p.array() += intercept;
    return VectorF(p.cast<float>());
}

Result<VectorF> LinearRegression::predict(const MatrixF& X) const {
    return predict_linear(X, m_coef, m_intercept, m_fitted);
}

Result<VectorF> LinearRegression::predict(const Dataset& ds) const {
    if (m_feature_names.empty()) {
        std::vector<size_t> all;
        for (size_t j = 0; j < ds.n_columns(); ++j) all.push_back(j);
        return predict(ds.to_matrix(all));
    }
    // Pick the features by name, so a table that still has the target (or
    // columns in another order) predicts correctly.
    Result<MatrixF> X = feature_matrix(ds, m_feature_names);
    if (!X) return X.error();
    return predict(*X);
}

Result<double> LinearRegression::score(const MatrixF& X, const VectorF& y) const {
    Result<VectorF> p = predict(X);
    if (!p) return p.error();
    if (p->size() != y.size()) return make_error("X and y have different numbers of rows");
    return r2_score(y, *p);
}

} // namespace mlplay
