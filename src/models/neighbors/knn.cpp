#include "models/neighbors/knn.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace mlplay {

namespace {

void knn_params_to_json(const KnnParams& params, Json& out) {
    out.set("n_neighbors", params.n_neighbors);
    out.set("weights", params.weights);
    out.set("metric", params.metric);
}

void knn_params_from_json(const Json& json, KnnParams& params) {
    params.n_neighbors = static_cast<int>(json.find("n_neighbors")->as_number());
    params.weights = json.find("weights")->as_string();
    params.metric = json.find("metric")->as_string();
}

Status check_training_data(const char* what, const MatrixF& X, const VectorF& y, int k) {
    if (X.rows() == 0 || X.cols() == 0)
        return make_error("%s needs at least one row and one feature", what);
    if (X.rows() != y.size()) return make_error("X and y have different numbers of rows");
    if (!X.allFinite() || !y.allFinite())
        return make_error("the training data has missing or infinite values; impute them first");
    if (k > X.rows())
        return make_error("n_neighbors=%d is more than the %lld training rows; lower "
                          "n_neighbors or add rows", k, static_cast<long long>(X.rows()));
    return Status();
}

// The vote of each neighbour (n_queries * k, as nb.index): 1 for uniform;
// 1 / distance, or where a query has neighbours at distance 0, 1 for those
// and 0 for the others (as sklearn's _get_weights).
std::vector<double> neighbor_weights(const KnnNeighbors& nb, const std::string& weights) {
    std::vector<double> w(nb.distance.size(), 1.0);
    if (weights == "uniform") return w;
    const size_t k = static_cast<size_t>(nb.k);
    for (size_t row = 0; row * k < w.size(); ++row) {
        const double* dist = nb.distance.data() + row * k;
        bool exact = std::any_of(dist, dist + k, [](double v) { return v == 0.0; });
        for (size_t j = 0; j < k; ++j)
            w[row * k + j] = exact ? (dist[j] == 0.0 ? 1.0 : 0.0) : 1.0 / dist[j];
    }
    return w;
}

// The training rows as a saved state: X row-major, with its shape.
void save_rows(const MatrixF& X, Json& s) {
    s.set("n_samples", static_cast<size_t>(X.rows()));
    s.set("n_features", static_cast<size_t>(X.cols()));
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = X;
    s.set("X", Json::numbers(std::vector<double>(rows.data(), rows.data() + rows.size())));
}

// Reads save_rows' state back, checking the shape and the values.
Result<MatrixF> load_rows(const Json& s) {
    Result<double> n = s.number_at("n_samples");
    Result<double> d = s.number_at("n_features");
    Result<std::vector<double>> x = s.numbers_at("X");
    if (!n) return n.error();
    if (!d) return d.error();
    if (!x) return x.error();
    if (*n < 1 || *d < 1 || *n != std::floor(*n) || *d != std::floor(*d) ||
        static_cast<double>(x->size()) != *n * *d)
        return make_error("the saved X has %zu values, not n_samples (%g) x n_features (%g)",
                          x->size(), *n, *d);
    const Eigen::Index rows = static_cast<Eigen::Index>(*n), cols = static_cast<Eigen::Index>(*d);
    MatrixF X = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic,
                                               Eigen::RowMajor>>(x->data(), rows, cols)
                    .cast<float>();
    if (!X.allFinite()) return make_error("the saved X has missing or infinite values");
    return X;
}

} // namespace

std::vector<ParamSpec> knn_param_specs() {
    return {
        {"n_neighbors", ParamKind::integer, 1, 1000, true, {},
         "how many nearest training rows vote (at most the number of training rows)"},
        {"weights", ParamKind::choice, 0, 0, false, {"uniform", "distance"},
         "uniform: one vote each; distance: votes weighted by 1 / distance"},
        {"metric", ParamKind::choice, 0, 0, false, {"euclidean", "manhattan"},
         "euclidean: straight-line distance; manhattan: sum of absolute differences"},
    };
}

Result<KnnNeighbors> knn_search(const MatrixF& train, const MatrixF& X, int k,
                                const std::string& metric) {
    const Eigen::Index n = train.rows(), d = train.cols();
    MLPLAY_ASSERT(k >= 1, "n_neighbors is checked against its spec");
    if (k > n)
        return make_error("n_neighbors=%d is more than the %lld training rows; lower "
                          "n_neighbors or add rows", k, static_cast<long long>(n));
    if (X.cols() != d)
        return make_error("the model was fitted on %lld features but got %lld",
                          static_cast<long long>(d), static_cast<long long>(X.cols()));
    if (!X.allFinite())
        return make_error("X has missing or infinite values; impute them first");
    MLPLAY_ASSERT(metric == "euclidean" || metric == "manhattan", "unknown metric");
    const bool euclidean = metric == "euclidean";

    KnnNeighbors out;
    out.k = k;
    const size_t kk = static_cast<size_t>(k);
    out.index.resize(static_cast<size_t>(X.rows()) * kk);
    out.distance.resize(out.index.size());
    std::vector<double> acc(static_cast<size_t>(n));
    std::vector<std::pair<double, int>> order(static_cast<size_t>(n));

    for (Eigen::Index q = 0; q < X.rows(); ++q) {
        // Feature by feature: the training matrix is column-major.
        std::fill(acc.begin(), acc.end(), 0.0);
        for (Eigen::Index f = 0; f < d; ++f) {
            const double xq = X(q, f);
            const float* col = train.col(f).data();
            for (Eigen::Index j = 0; j < n; ++j) {
                double diff = static_cast<double>(col[j]) - xq;
                acc[static_cast<size_t>(j)] += euclidean ? diff * diff : std::fabs(diff);
            }
        }
        // (distance, index) pairs: equal distances keep the lower index first.
        for (Eigen::Index j = 0; j < n; ++j)
            order[static_cast<size_t>(j)] = {acc[static_cast<size_t>(j)], static_cast<int>(j)};
        std::partial_sort(order.begin(), order.begin() + k, order.end());
        for (size_t j = 0; j < kk; ++j) {
            size_t at = static_cast<size_t>(q) * kk + j;
            out.index[at] = order[j].second;
            out.distance[at] = euclidean ? std::sqrt(order[j].first) : order[j].first;
        }
    }
    return out;
}

// ---- classifier

Json KNeighborsClassifier::params() const {
    Json p = Json::object();
    knn_params_to_json(m_params, p);
    return p;
}

Status KNeighborsClassifier::apply_params(const Json& p) {
    knn_params_from_json(p, m_params);
    return Status();
}

Status KNeighborsClassifier::fit(const MatrixF& X, const VectorF& y) {
    if (Status s = check_training_data("a k-nearest-neighbours classifier", X, y,
                                       m_params.n_neighbors);
        !s)
        return s;
    // One class is allowed here: every vote then goes to it.
    ClassLabels labels = class_labels(y);
    if (labels.classes.size() > 1000)
        return make_error("the target has %zu distinct values; is it a regression target?",
                          labels.classes.size());
    std::vector<int> label = std::move(labels.index);
    m_classes = std::move(labels.classes);
    m_label = std::move(label);
    m_X = X;
    return Status();
}

Result<KnnNeighbors> KNeighborsClassifier::kneighbors(const MatrixF& X) const {
    if (!fitted()) return make_error("the model is not fitted yet; call fit first");
    return knn_search(m_X, X, m_params.n_neighbors, m_params.metric);
}

Result<MatrixF> KNeighborsClassifier::predict_proba(const MatrixF& X) const {
    Result<KnnNeighbors> nb = kneighbors(X);
    if (!nb) return nb.error();
    std::vector<double> w = neighbor_weights(*nb, m_params.weights);
    const size_t k = static_cast<size_t>(nb->k);
    MatrixD votes = MatrixD::Zero(X.rows(), static_cast<Eigen::Index>(m_classes.size()));
    for (Eigen::Index q = 0; q < X.rows(); ++q)
        for (size_t j = 0; j < k; ++j) {
            size_t at = static_cast<size_t>(q) * k + j;
            votes(q, m_label[static_cast<size_t>(nb->index[at])]) += w[at];
        }
    for (Eigen::Index q = 0; q < X.rows(); ++q) {
        double total = votes.row(q).sum();
        if (total > 0) votes.row(q) /= total;
    }
    return MatrixF(votes.cast<float>());
}

Result<VectorF> KNeighborsClassifier::predict(const MatrixF& X) const {
    Result<KnnNeighbors> nb = kneighbors(X);
    if (!nb) return nb.error();
    std::vector<double> w = neighbor_weights(*nb, m_params.weights);
    const size_t k = static_cast<size_t>(nb->k);
    std::vector<double> votes(m_classes.size());
    VectorF out(X.rows());
    for (Eigen::Index q = 0; q < X.rows(); ++q) {
        std::fill(votes.begin(), votes.end(), 0.0);
        for (size_t j = 0; j < k; ++j) {
            size_t at = static_cast<size_t>(q) * k + j;
            votes[static_cast<size_t>(m_label[static_cast<size_t>(nb->index[at])])] += w[at];
        }
        // The first largest: a tie goes to the smallest class, as sklearn.
        size_t best = static_cast<size_t>(
            std::max_element(votes.begin(), votes.end()) - votes.begin());
        out(q) = m_classes[best];
    }
    return out;
}

Json KNeighborsClassifier::save_state() const {
    Json s = Json::object();
    s.set("fitted", fitted());
    if (!fitted()) return s;
    s.set("classes", Json::numbers(std::vector<double>(m_classes.begin(), m_classes.end())));
    save_rows(m_X, s);
    s.set("labels", Json::numbers(std::vector<double>(m_label.begin(), m_label.end())));
    return s;
}

Status KNeighborsClassifier::load_state(const Json& s) {
    Result<bool> flag = saved_fitted_flag(s, "k-nearest-neighbours classifier");
    if (!flag) return flag.error();
    if (!*flag) {
        m_classes.clear();
        m_label.clear();
        m_X.resize(0, 0);
        return Status();
    }
    Result<std::vector<double>> classes = s.numbers_at("classes");
    Result<std::vector<double>> labels = s.numbers_at("labels");
    if (!classes) return classes.error();
    if (!labels) return labels.error();
    Result<MatrixF> X = load_rows(s);
    if (!X) return X.error();
    if (classes->empty() || !std::is_sorted(classes->begin(), classes->end()))
        return make_error("the saved classes must be a non-empty, sorted list");
    if (labels->size() != static_cast<size_t>(X->rows()))
        return make_error("the saved labels have %zu values for %lld rows of X",
                          labels->size(), static_cast<long long>(X->rows()));
    std::vector<int> label(labels->size());
    for (size_t i = 0; i < labels->size(); ++i) {
        double v = (*labels)[i];
        if (v < 0 || v >= static_cast<double>(classes->size()) || v != std::floor(v))
            return make_error("saved label %g is not a class index 0..%zu", v,
                              classes->size() - 1);
        label[i] = static_cast<int>(v);
    }
    m_classes.assign(classes->begin(), classes->end());
    m_label = std::move(label);
    m_X = std::move(*X);
    return Status();
}

std::unique_ptr<Model> KNeighborsClassifier::clone_unfitted() const {
    auto m = std::make_unique<KNeighborsClassifier>();
    m->m_params = m_params;
    return m;
}

// ---- regressor

Json KNeighborsRegressor::params() const {
    Json p = Json::object();
    knn_params_to_json(m_params, p);
    return p;
}

Status KNeighborsRegressor::apply_params(const Json& p) {
    knn_params_from_json(p, m_params);
    return Status();
}

Status KNeighborsRegressor::fit(const MatrixF& X, const VectorF& y) {
    if (Status s = check_training_data("a k-nearest-neighbours regressor", X, y,
                                       m_params.n_neighbors);
        !s)
        return s;
    m_X = X;
    m_y = y;
    return Status();
}

Result<KnnNeighbors> KNeighborsRegressor::kneighbors(const MatrixF& X) const {
    if (!fitted()) return make_error("the model is not fitted yet; call fit first");
    return knn_search(m_X, X, m_params.n_neighbors, m_params.metric);
}

Result<VectorF> KNeighborsRegressor::predict(const MatrixF& X) const {
    Result<KnnNeighbors> nb = kneighbors(X);
    if (!nb) return nb.error();
    std::vector<double> w = neighbor_weights(*nb, m_params.weights);
    const size_t k = static_cast<size_t>(nb->k);
    VectorF out(X.rows());
    for (Eigen::Index q = 0; q < X.rows(); ++q) {
        double sum = 0.0, total = 0.0;
        for (size_t j = 0; j < k; ++j) {
            size_t at = static_cast<size_t>(q) * k + j;
            sum += w[at] * static_cast<double>(m_y(nb->index[at]));
            total += w[at];
        }
        out(q) = static_cast<float>(sum / total);
    }
    return out;
}

Json KNeighborsRegressor::save_state() const {
    Json s = Json::object();
    s.set("fitted", fitted());
    if (!fitted()) return s;
    save_rows(m_X, s);
    s.set("y", Json::numbers(std::vector<double>(m_y.data(), m_y.data() + m_y.size())));
    return s;
}

Status KNeighborsRegressor::load_state(const Json& s) {
    Result<bool> flag = saved_fitted_flag(s, "k-nearest-neighbours regressor");
    if (!flag) return flag.error();
    if (!*flag) {
        m_X.resize(0, 0);
        m_y.resize(0);
        return Status();
    }
    Result<std::vector<double>> y = s.numbers_at("y");
    if (!y) return y.error();
    Result<MatrixF> X = load_rows(s);
    if (!X) return X.error();
    if (y->size() != static_cast<size_t>(X->rows()))
        return make_error("the saved y has %zu values for %lld rows of X", y->size(),
                          static_cast<long long>(X->rows()));
    VectorF yf = Eigen::Map<const VectorD>(y->data(), X->rows()).cast<float>();
    if (!yf.allFinite()) return make_error("the saved y has missing or infinite values");
    m_X = std::move(*X);
    m_y = std::move(yf);
    return Status();
}

std::unique_ptr<Model> KNeighborsRegressor::clone_unfitted() const {
    auto m = std::make_unique<KNeighborsRegressor>();
    m->m_params = m_params;
    return m;
}

} // namespace mlplay
