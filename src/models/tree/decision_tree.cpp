#include "models/tree/decision_tree.h"

#include <algorithm>

namespace mlplay {

// --- classifier -----------------------------------------------------------------

Json DecisionTreeClassifier::params() const {
    Json p = Json::object();
    tree_params_to_json(m_params, p);
    return p;
}

Status DecisionTreeClassifier::apply_params(const Json& p) {
    tree_params_from_json(p, m_params);
    return Status();
}

Status DecisionTreeClassifier::fit(const MatrixF& X, const VectorF& y) {
    if (Status s = check_training_data("a decision tree", X, y); !s) return s;
    std::vector<float> classes;
    std::vector<double> codes;
    if (Status s = encode_classes(y, classes, codes); !s) return s;

    const int d = static_cast<int>(X.cols());
    Rng rng(m_params.random_state);
    m_tree = CartTree::grow(X, codes, static_cast<int>(classes.size()), {},
                            cart_options(m_params, d), &rng);
    m_classes = std::move(classes);
    m_importances = m_tree.feature_importances();
    return Status();
}

Result<MatrixF> DecisionTreeClassifier::predict_proba(const MatrixF& X) const {
    if (Status s = check_predict_data(fitted(), m_tree.n_features(), X); !s) return s.error();
    const Eigen::Index K = static_cast<Eigen::Index>(m_classes.size());
    MatrixF P(X.rows(), K);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        const std::vector<double>& counts = m_tree.nodes()[m_tree.apply(X, i)].value;
        double total = 0.0;
        for (double c : counts) total += c;
        if (total <= 0.0) total = 1.0;
        for (Eigen::Index k = 0; k < K; ++k)
            P(i, k) = static_cast<float>(counts[static_cast<size_t>(k)] / total);
    }
    return P;
}

Result<VectorF> DecisionTreeClassifier::predict(const MatrixF& X) const {
    if (Status s = check_predict_data(fitted(), m_tree.n_features(), X); !s) return s.error();
    VectorF out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        const std::vector<double>& counts = m_tree.nodes()[m_tree.apply(X, i)].value;
        // The first of equal counts wins, as numpy's argmax.
        size_t best = static_cast<size_t>(
            std::max_element(counts.begin(), counts.end()) - counts.begin());
        out(i) = m_classes[best];
    }
    return out;
}

Json DecisionTreeClassifier::save_state() const {
    Json s = Json::object();
    s.set("fitted", fitted());
    if (!fitted()) return s;
    s.set("classes", Json::numbers(std::vector<double>(m_classes.begin(), m_classes.end())));
    s.set("n_features", m_tree.n_features());
    s.set("tree", m_tree.to_json());
    return s;
}

Status DecisionTreeClassifier::load_state(const Json& s) {
    Result<bool> fitted_flag = saved_fitted_flag(s, "decision tree");
    if (!fitted_flag) return fitted_flag.error();
    if (!*fitted_flag) {
        m_classes.clear();
        m_tree = CartTree();
        m_importances = VectorD();
        return Status();
    }
    Result<std::vector<double>> classes = s.numbers_at("classes");
    if (!classes) return classes.error();
    if (classes->size() < 2) return make_error("the saved classifier has fewer than 2 classes");
    Result<int> d = saved_n_features(s);
    if (!d) return d.error();
    const Json* tree_json = s.find("tree");
    if (!tree_json) return make_error("the saved decision tree has no \"tree\"");
    Result<CartTree> tree =
        CartTree::from_json(*tree_json, *d, static_cast<int>(classes->size()));
    if (!tree) return tree.error();

    m_classes.assign(classes->begin(), classes->end());
    m_tree = std::move(*tree);
    m_importances = m_tree.feature_importances();
    return Status();
}

std::unique_ptr<Model> DecisionTreeClassifier::clone_unfitted() const {
    auto m = std::make_unique<DecisionTreeClassifier>();
    m->m_params = m_params;
    return m;
}

// --- regressor ------------------------------------------------------------------

Json DecisionTreeRegressor::params() const {
    Json p = Json::object();
    tree_params_to_json(m_params, p);
    return p;
}

Status DecisionTreeRegressor::apply_params(const Json& p) {
    tree_params_from_json(p, m_params);
    return Status();
}

Status DecisionTreeRegressor::fit(const MatrixF& X, const VectorF& y) {
    if (Status s = check_training_data("a decision tree", X, y); !s) return s;
    std::vector<double> targets(y.data(), y.data() + y.size());
    Rng rng(m_params.random_state);
    m_tree = CartTree::grow(X, targets, 0, {}, cart_options(m_params, static_cast<int>(X.cols())),
                            &rng);
    m_importances = m_tree.feature_importances();
    return Status();
}

Result<VectorF> DecisionTreeRegressor::predict(const MatrixF& X) const {
    if (Status s = check_predict_data(fitted(), m_tree.n_features(), X); !s) return s.error();
    VectorF out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        out(i) = static_cast<float>(m_tree.nodes()[m_tree.apply(X, i)].value[0]);
    return out;
}

Json DecisionTreeRegressor::save_state() const {
    Json s = Json::object();
    s.set("fitted", fitted());
    if (!fitted()) return s;
    s.set("n_features", m_tree.n_features());
    s.set("tree", m_tree.to_json());
    return s;
}

Status DecisionTreeRegressor::load_state(const Json& s) {
    Result<bool> fitted_flag = saved_fitted_flag(s, "decision tree");
    if (!fitted_flag) return fitted_flag.error();
    if (!*fitted_flag) {
        m_tree = CartTree();
        m_importances = VectorD();
        return Status();
    }
    Result<int> d = saved_n_features(s);
    if (!d) return d.error();
    const Json* tree_json = s.find("tree");
    if (!tree_json) return make_error("the saved decision tree has no \"tree\"");
    Result<CartTree> tree = CartTree::from_json(*tree_json, *d, 1);
    if (!tree) return tree.error();
    m_tree = std::move(*tree);
    m_importances = m_tree.feature_importances();
    return Status();
}

std::unique_ptr<Model> DecisionTreeRegressor::clone_unfitted() const {
    auto m = std::make_unique<DecisionTreeRegressor>();
    m->m_params = m_params;
    return m;
}

} // namespace mlplay
