#include "models/linear/logistic_regression.h"

#include "core/log.h"

#include <algorithm>
#include <cmath>

namespace mlplay {

namespace {

// The penalised log loss of one problem, in a flat parameter vector theta =
// [W (d x m, column-major) ; b (m)], m = 1 (sigmoid) or K (softmax).
class Objective {
public:
    Objective(const MatrixD& X, const MatrixD& Y, double C, bool intercept, bool softmax)
        : m_X(X), m_Y(Y), m_C(C), m_intercept(intercept), m_softmax(softmax),
          m_d(X.cols()), m_m(Y.cols()) {}

    Eigen::Index size() const { return m_d * m_m + m_m; }

    // Loss and gradient at theta; keeps the probabilities for hess_vec.
    double value_grad(const VectorD& theta, VectorD& grad) {
        MatrixD Z = scores(theta);
        double loss = 0.0;
        m_P.resize(Z.rows(), Z.cols());
        if (m_softmax) {
            for (Eigen::Index i = 0; i < Z.rows(); ++i) {
                double mx = Z.row(i).maxCoeff();
                double sum = (Z.row(i).array() - mx).exp().sum();
                double lse = mx + std::log(sum);
                m_P.row(i) = (Z.row(i).array() - lse).exp();
                loss += lse - Z.row(i).dot(m_Y.row(i));
            }
        } else {
            for (Eigen::Index i = 0; i < Z.rows(); ++i) {
                double z = Z(i, 0);
                // log(1 + e^z) without overflow.
                loss += std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))) - m_Y(i, 0) * z;
                m_P(i, 0) = z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
            }
        }
        Eigen::Map<const MatrixD> W(theta.data(), m_d, m_m);
        MatrixD R = m_P - m_Y; // (n, m)
        grad.resize(size());
        Eigen::Map<MatrixD> gW(grad.data(), m_d, m_m);
        gW = m_C * (m_X.transpose() * R) + W;
        Eigen::Map<VectorD> gb(grad.data() + m_d * m_m, m_m);
        if (m_intercept) gb = m_C * R.colwise().sum().transpose();
        else gb.setZero();
        return m_C * loss + 0.5 * W.squaredNorm();
    }

    // Hessian times v at the point of the last value_grad call.
    VectorD hess_vec(const VectorD& v) const {
        Eigen::Map<const MatrixD> V(v.data(), m_d, m_m);
        Eigen::Map<const VectorD> vb(v.data() + m_d * m_m, m_m);
        MatrixD U = m_X * V; // (n, m)
        if (m_intercept) U.rowwise() += vb.transpose();
        MatrixD R(U.rows(), U.cols());
        if (m_softmax) {
            for (Eigen::Index i = 0; i < U.rows(); ++i) {
                double pu = m_P.row(i).dot(U.row(i));
                R.row(i) = m_P.row(i).array() * (U.row(i).array() - pu);
            }
        } else {
            R = (m_P.array() * (1.0 - m_P.array())) * U.array();
        }
        VectorD out(size());
        Eigen::Map<MatrixD> oW(out.data(), m_d, m_m);
        oW = m_C * (m_X.transpose() * R) + V;
        Eigen::Map<VectorD> ob(out.data() + m_d * m_m, m_m);
        if (m_intercept) ob = m_C * R.colwise().sum().transpose();
        else ob = vb; // the intercept is fixed at 0: an identity block keeps H definite
        return out;
    }

private:
    MatrixD scores(const VectorD& theta) const {
        Eigen::Map<const MatrixD> W(theta.data(), m_d, m_m);
        Eigen::Map<const VectorD> b(theta.data() + m_d * m_m, m_m);
        MatrixD Z = m_X * W;
        Z.rowwise() += b.transpose();
        return Z;
    }

    const MatrixD& m_X;
    const MatrixD& m_Y;
    double m_C;
    bool m_intercept;
    bool m_softmax;
    Eigen::Index m_d, m_m;
    MatrixD m_P;
};

struct SolveResult {
    VectorD theta;
    int iterations = 0;
    bool converged = false;
};

SolveResult newton_cg(Objective& f, int max_iter, double tol) {
    SolveResult r;
    r.theta = VectorD::Zero(f.size());
    VectorD g;
    double value = f.value_grad(r.theta, g);
    for (r.iterations = 0; r.iterations < max_iter; ++r.iterations) {
        double gmax = g.cwiseAbs().maxCoeff();
        if (gmax <= tol) {
            r.converged = true;
            break;
        }
        // Conjugate gradients on H s = -g, stopped early (inexact Newton).
        double gnorm = g.norm();
        double cg_tol = std::min(0.5, std::sqrt(gnorm)) * gnorm;
        VectorD s = VectorD::Zero(g.size()), res = -g, p = res;
        double rr = res.squaredNorm();
        for (Eigen::Index k = 0; k < std::min<Eigen::Index>(g.size(), 250); ++k) {
            if (std::sqrt(rr) <= cg_tol) break;
            VectorD Hp = f.hess_vec(p);
            double curvature = p.dot(Hp);
            if (curvature <= 0) break; // cannot happen for this convex loss; be safe
            double alpha = rr / curvature;
            s += alpha * p;
            res -= alpha * Hp;
            double rr_new = res.squaredNorm();
            p = res + (rr_new / rr) * p;
            rr = rr_new;
        }
        if (s.squaredNorm() == 0) s = -g;

        // Backtracking line search with the Armijo condition.
        double slope = g.dot(s), step = 1.0;
        VectorD trial, g_trial;
        double v_trial = 0;
        bool moved = false;
        for (int ls = 0; ls < 40; ++ls) {
            trial = r.theta + step * s;
            v_trial = f.value_grad(trial, g_trial);
            if (std::isfinite(v_trial) && v_trial <= value + 1e-4 * step * slope) {
                moved = true;
                break;
            }
            step *= 0.5;
        }
        if (!moved) {
            // No decrease along the Newton direction: at the limit of precision.
            f.value_grad(r.theta, g);
            r.converged = g.cwiseAbs().maxCoeff() <= std::max(tol, 1e-8);
            break;
        }
        r.theta = trial;
        g = g_trial;
        value = v_trial;
    }
    if (!r.converged) f.value_grad(r.theta, g); // leave the objective at theta
    return r;
}

} // namespace

std::vector<ParamSpec> LogisticRegression::param_specs() const {
    return {
        {"C", ParamKind::real, 1e-6, 1e6, true, {},
         "inverse regularisation strength: smaller means a stronger L2 penalty"},
        {"max_iter", ParamKind::integer, 1, 10000, true, {}, "Newton iterations at most"},
        {"tol", ParamKind::real, 1e-10, 0.1, true, {}, "stop when every gradient entry is below"},
        {"fit_intercept", ParamKind::boolean, 0, 0, false, {}, "learn a constant per class"},
        {"multi_class", ParamKind::choice, 0, 0, false, {"auto", "multinomial", "ovr"},
         "auto: softmax for 3+ classes; ovr: one binary model per class"},
    };
}

Json LogisticRegression::params() const {
    Json p = Json::object();
    p.set("C", m_C);
    p.set("max_iter", m_max_iter);
    p.set("tol", m_tol);
    p.set("fit_intercept", m_fit_intercept);
    p.set("multi_class", m_multi_class);
    return p;
}

Status LogisticRegression::apply_params(const Json& p) {
    m_C = p.find("C")->as_number();
    m_max_iter = static_cast<int>(p.find("max_iter")->as_number());
    m_tol = p.find("tol")->as_number();
    m_fit_intercept = p.find("fit_intercept")->as_bool();
    m_multi_class = p.find("multi_class")->as_string();
    return Status();
}

Status LogisticRegression::fit(const MatrixF& X, const VectorF& y) {
    if (X.rows() == 0 || X.cols() == 0)
        return make_error("logistic regression needs at least one row and one feature");
    if (X.rows() != y.size()) return make_error("X and y have different numbers of rows");
    if (!X.allFinite() || !y.allFinite())
        return make_error("the training data has missing or infinite values; impute them first");

    Result<ClassLabels> labels = classifier_labels(y);
    if (!labels) return labels.error();
    std::vector<float>& classes = labels->classes;
    const std::vector<int>& label = labels->index;
    const Eigen::Index n = X.rows(), d = X.cols(), K = static_cast<Eigen::Index>(classes.size());

    MatrixD Xd = X.cast<double>();
    bool multinomial = K > 2 && m_multi_class != "ovr";
    // Binary: one sigmoid model; ovr: one per class; multinomial: one softmax.
    Eigen::Index n_models = K == 2 ? 1 : K;
    MatrixD coef(n_models, d);
    VectorD intercept(n_models);
    int iters = 0;
    bool converged = true;

    if (multinomial) {
        MatrixD Y = MatrixD::Zero(n, K);
        for (Eigen::Index i = 0; i < n; ++i) Y(i, label[static_cast<size_t>(i)]) = 1.0;
        Objective f(Xd, Y, m_C, m_fit_intercept, true);
        SolveResult r = newton_cg(f, m_max_iter, m_tol);
        Eigen::Map<const MatrixD> W(r.theta.data(), d, K);
        coef = W.transpose();
        intercept = r.theta.tail(K);
        iters = r.iterations;
        converged = r.converged;
    } else {
        for (Eigen::Index k = 0; k < n_models; ++k) {
            // Positive class: the second of two, else class k against the rest.
            int positive = K == 2 ? 1 : static_cast<int>(k);
            MatrixD Y(n, 1);
            for (Eigen::Index i = 0; i < n; ++i)
                Y(i, 0) = label[static_cast<size_t>(i)] == positive ? 1.0 : 0.0;
            Objective f(Xd, Y, m_C, m_fit_intercept, false);
            SolveResult r = newton_cg(f, m_max_iter, m_tol);
            coef.row(k) = r.theta.head(d).transpose();
            intercept(k) = r.theta(d);
            iters = std::max(iters, r.iterations);
            converged = converged && r.converged;
        }
    }
    if (!coef.allFinite() || !intercept.allFinite())
        return make_error("logistic regression diverged (non-finite weights); scale the "
                          "features or lower C");

    m_classes = std::move(classes);
    m_multinomial = multinomial;
    m_coef = std::move(coef);
    m_intercept = std::move(intercept);
    m_n_iter = iters;
    m_converged = converged;
    if (!converged)
        MLPLAY_LOG_WARN("logistic regression stopped after max_iter=%d iterations before "
                        "reaching tol=%g; raise max_iter or scale the features", m_max_iter,
                        m_tol);
    return Status();
}

MatrixD LogisticRegression::decision(const MatrixF& X) const {
    MatrixD Z = X.cast<double>() * m_coef.transpose();
    Z.rowwise() += m_intercept.transpose();
    return Z;
}

Result<MatrixF> LogisticRegression::predict_proba(const MatrixF& X) const {
    if (!fitted()) return make_error("the model is not fitted yet; call fit first");
    if (X.cols() != m_coef.cols())
        return make_error("the model was fitted on %lld features but got %lld",
                          static_cast<long long>(m_coef.cols()),
                          static_cast<long long>(X.cols()));
    MatrixD Z = decision(X);
    const Eigen::Index K = static_cast<Eigen::Index>(m_classes.size());
    MatrixD P(Z.rows(), K);
    for (Eigen::Index i = 0; i < Z.rows(); ++i) {
        if (K == 2) {
            double p = 1.0 / (1.0 + std::exp(-Z(i, 0)));
            P(i, 0) = 1.0 - p;
            P(i, 1) = p;
        } else if (m_multinomial) {
            double mx = Z.row(i).maxCoeff();
            P.row(i) = (Z.row(i).array() - mx).exp();
            P.row(i) /= P.row(i).sum();
        } else {
            // One-vs-rest: sigmoids, normalised to sum to one, as scikit-learn.
            P.row(i) = (1.0 + (-Z.row(i).array()).exp()).inverse();
            P.row(i) /= P.row(i).sum();
        }
    }
    return MatrixF(P.cast<float>());
}

Result<VectorF> LogisticRegression::predict(const MatrixF& X) const {
    Result<MatrixF> P = predict_proba(X);
    if (!P) return P.error();
    VectorF out(P->rows());
    for (Eigen::Index i = 0; i < P->rows(); ++i) {
        Eigen::Index best = 0;
        P->row(i).maxCoeff(&best);
        out(i) = m_classes[static_cast<size_t>(best)];
    }
    return out;
}

Json LogisticRegression::save_state() const {
    Json s = Json::object();
    s.set("fitted", fitted());
    if (!fitted()) return s;
    s.set("classes", Json::numbers(std::vector<double>(m_classes.begin(), m_classes.end())));
    s.set("multinomial", m_multinomial);
    s.set("n_features", static_cast<size_t>(m_coef.cols()));
    MatrixD rowmajor_src = m_coef.transpose(); // columns are models: contiguous rows
    s.set("coefficients", Json::numbers(std::vector<double>(
                              rowmajor_src.data(), rowmajor_src.data() + rowmajor_src.size())));
    s.set("intercepts", Json::numbers(std::vector<double>(
                            m_intercept.data(), m_intercept.data() + m_intercept.size())));
    return s;
}

Status LogisticRegression::load_state(const Json& s) {
    Result<bool> fitted_flag = saved_fitted_flag(s, "logistic regression");
    if (!fitted_flag) return fitted_flag.error();
    if (!*fitted_flag) {
        m_classes.clear();
        return Status();
    }
    Result<std::vector<double>> classes = s.numbers_at("classes");
    Result<std::vector<double>> coef = s.numbers_at("coefficients");
    Result<std::vector<double>> intercepts = s.numbers_at("intercepts");
    Result<double> n_features = s.number_at("n_features");
    const Json* multinomial = s.find("multinomial");
    if (!classes) return classes.error();
    if (!coef) return coef.error();
    if (!intercepts) return intercepts.error();
    if (!n_features) return n_features.error();
    if (!multinomial || !multinomial->is_bool()) return make_error("\"multinomial\" missing");
    size_t K = classes->size(), d = static_cast<size_t>(*n_features);
    size_t models = K == 2 ? 1 : K;
    if (K < 2 || d < 1 || *n_features != static_cast<double>(d) || coef->size() != models * d ||
        intercepts->size() != models)
        return make_error("the saved coefficients do not match the classes and features");

    m_classes.assign(classes->begin(), classes->end());
    m_multinomial = multinomial->as_bool();
    m_coef = Eigen::Map<const MatrixD>(coef->data(), static_cast<Eigen::Index>(d),
                                       static_cast<Eigen::Index>(models)).transpose();
    m_intercept = Eigen::Map<const VectorD>(intercepts->data(),
                                            static_cast<Eigen::Index>(models));
    return Status();
}

std::unique_ptr<Model> LogisticRegression::clone_unfitted() const {
    auto m = std::make_unique<LogisticRegression>();
    m->m_C = m_C;
    m->m_max_iter = m_max_iter;
    m->m_tol = m_tol;
    m->m_fit_intercept = m_fit_intercept;
    m->m_multi_class = m_multi_class;
    return m;
}

} // namespace mlplay
