#include "models/linear/penalized_regression.h"

#include "core/log.h"
#include "models/linear/linear_regression.h"

#include <Eigen/Cholesky>

#include <cmath>

namespace mlplay {

std::vector<ParamSpec> PenalizedRegression::param_specs() const {
    std::vector<ParamSpec> specs = {
        {"alpha", ParamKind::real, 1e-8, 1e6, true, {},
         m_penalty == Penalty::ridge ? "weight of the squared-norm penalty"
                                     : "weight of the absolute-value penalty (zeros weights)"},
        {"fit_intercept", ParamKind::boolean, 0, 0, false, {}, "learn a constant term"},
    };
    if (m_penalty == Penalty::lasso) {
        specs.push_back({"max_iter", ParamKind::integer, 1, 100000, true, {},
                         "coordinate-descent sweeps at most"});
        specs.push_back({"tol", ParamKind::real, 1e-12, 0.1, true, {},
                         "stop when the duality gap is below tol * ||y||^2 / n"});
    }
    return specs;
}

Json PenalizedRegression::params() const {
    Json p = Json::object();
    p.set("alpha", m_alpha);
    p.set("fit_intercept", m_fit_intercept);
    if (m_penalty == Penalty::lasso) {
        p.set("max_iter", m_max_iter);
        p.set("tol", m_tol);
    }
    return p;
}

Status PenalizedRegression::apply_params(const Json& p) {
    m_alpha = p.find("alpha")->as_number();
    m_fit_intercept = p.find("fit_intercept")->as_bool();
    if (m_penalty == Penalty::lasso) {
        m_max_iter = static_cast<int>(p.find("max_iter")->as_number());
        m_tol = p.find("tol")->as_number();
    }
    return Status();
}

Status PenalizedRegression::fit(const MatrixF& X, const VectorF& y) {
    if (X.rows() == 0 || X.cols() == 0)
        return make_error("%s needs at least one row and one feature", name());
    if (X.rows() != y.size()) return make_error("X and y have different numbers of rows");
    if (!X.allFinite() || !y.allFinite())
        return make_error("the training data has missing or infinite values; impute them first");

    // Centre, so the intercept stays out of the penalty.
    MatrixD Xc = X.cast<double>();
    VectorD yc = y.cast<double>();
    const Eigen::Index n = Xc.rows(), d = Xc.cols();
    VectorD x_mean = VectorD::Zero(d);
    double y_mean = 0.0;
    if (m_fit_intercept) {
        x_mean = Xc.colwise().mean().transpose();
        y_mean = yc.mean();
        Xc.rowwise() -= x_mean.transpose();
        yc.array() -= y_mean;
    }

    VectorD w = VectorD::Zero(d);
    int iterations = 0;
    if (m_penalty == Penalty::ridge) {
        MatrixD A = Xc.transpose() * Xc;
        A.diagonal().array() += m_alpha;
        w = A.ldlt().solve(Xc.transpose() * yc);
    } else {
        // Coordinate descent on (1/2n)||yc - Xc w||^2 + alpha ||w||_1, with
        // the residual r = yc - Xc w kept up to date.
        VectorD col_sq = Xc.colwise().squaredNorm().transpose();
        VectorD r = yc;
        const double l1 = m_alpha * static_cast<double>(n);
        const double tol = m_tol * yc.squaredNorm();
        bool converged = false;
        for (iterations = 1; iterations <= m_max_iter; ++iterations) {
            double max_change = 0.0, max_w = 0.0;
            for (Eigen::Index j = 0; j < d; ++j) {
                if (col_sq(j) == 0.0) continue; // a constant column keeps weight 0
                double old = w(j);
                double rho = Xc.col(j).dot(r) + col_sq(j) * old;
                double fresh = std::copysign(std::max(std::fabs(rho) - l1, 0.0), rho) / col_sq(j);
                if (fresh != old) r -= (fresh - old) * Xc.col(j);
                w(j) = fresh;
                max_change = std::max(max_change, std::fabs(fresh - old));
                max_w = std::max(max_w, std::fabs(fresh));
            }
            if (max_w == 0.0 || max_change / max_w < m_tol || iterations == m_max_iter) {
                // Duality gap, as scikit-learn's cd_fast (scaled by n).
                VectorD xtr = Xc.transpose() * r;
                double dual_norm = xtr.cwiseAbs().maxCoeff();
                double r_norm2 = r.squaredNorm();
                double const_ = dual_norm > l1 ? l1 / dual_norm : 1.0;
                double gap = 0.5 * r_norm2 * (1.0 + const_ * const_) +
                             l1 * w.cwiseAbs().sum() - const_ * r.dot(yc);
                if (gap < tol) {
                    converged = true;
                    break;
                }
            }
        }
        if (!converged) {
            iterations = m_max_iter;
            MLPLAY_LOG_WARN("lasso stopped after max_iter=%d sweeps before the duality gap met "
                            "tol=%g; raise max_iter or scale the features", m_max_iter, m_tol);
        }
    }
    if (!w.allFinite())
        return make_error("%s produced non-finite weights; scale the features or raise alpha",
                          name());

    m_coef = std::move(w);
    m_intercept = m_fit_intercept ? y_mean - x_mean.dot(m_coef) : 0.0;
    m_n_iter = iterations;
    m_fitted = true;
    return Status();
}

Result<VectorF> PenalizedRegression::predict(const MatrixF& X) const {
    return predict_linear(X, m_coef, m_intercept, m_fitted);
}

Json PenalizedRegression::save_state() const {
    Json s = Json::object();
    s.set("fitted", m_fitted);
    if (!m_fitted) return s;
    s.set("coefficients",
          Json::numbers(std::vector<double>(m_coef.data(), m_coef.data() + m_coef.size())));
    s.set("intercept", m_intercept);
    return s;
}

Status PenalizedRegression::load_state(const Json& s) {
    Result<bool> fitted_flag = saved_fitted_flag(s, name());
    if (!fitted_flag) return fitted_flag.error();
    if (!*fitted_flag) {
        m_fitted = false;
        return Status();
    }
    Result<std::vector<double>> coef = s.numbers_at("coefficients");
    Result<double> intercept = s.number_at("intercept");
    if (!coef) return coef.error();
    if (!intercept) return intercept.error();
    if (coef->empty()) return make_error("\"coefficients\" is empty");
    m_coef = Eigen::Map<const VectorD>(coef->data(), static_cast<Eigen::Index>(coef->size()));
    m_intercept = *intercept;
    m_fitted = true;
    return Status();
}

std::unique_ptr<Model> PenalizedRegression::clone_unfitted() const {
    auto m = std::make_unique<PenalizedRegression>(m_penalty);
    m->m_alpha = m_alpha;
    m->m_fit_intercept = m_fit_intercept;
    m->m_max_iter = m_max_iter;
    m->m_tol = m_tol;
    return m;
}

} // namespace mlplay
