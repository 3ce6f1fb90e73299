#include "models/tree/random_forest.h"

#include "core/log.h"
#include "core/metrics.h"

#include <algorithm>
#include <cmath>

namespace mlplay {

namespace {

std::vector<ParamSpec> forest_param_specs(bool classifier) {
    std::vector<ParamSpec> specs = {
        {"n_estimators", ParamKind::integer, 1, 2000, true, {}, "number of trees"},
        {"bootstrap", ParamKind::boolean, 0, 0, false, {},
         "grow each tree on n rows drawn with replacement; off: every tree sees every row"},
        {"oob_score", ParamKind::boolean, 0, 0, false, {},
         "score each row with the trees that did not draw it (needs bootstrap)"},
    };
    for (ParamSpec& s : tree_param_specs(classifier, true)) specs.push_back(std::move(s));
    return specs;
}

Json forest_params_json(const ForestParams& p) {
    Json j = Json::object();
    j.set("n_estimators", p.n_estimators);
    j.set("bootstrap", p.bootstrap);
    j.set("oob_score", p.oob_score);
    tree_params_to_json(p.tree, j);
    return j;
}

void forest_params_from_json(const Json& j, ForestParams& p) {
    p.n_estimators = static_cast<int>(j.find("n_estimators")->as_number());
    p.bootstrap = j.find("bootstrap")->as_bool();
    p.oob_score = j.find("oob_score")->as_bool();
    tree_params_from_json(j, p.tree);
}

// Adds one tree's output for row `row` of X to out(out_row, :): the leaf's
// class frequencies (n_classes > 0) or its mean.
void add_tree_output(const CartTree& tree, const MatrixF& X, Eigen::Index row, int n_classes,
                     MatrixD& out, Eigen::Index out_row) {
    const std::vector<double>& value = tree.nodes()[static_cast<size_t>(tree.apply(X, row))].value;
    if (n_classes == 0) {
        out(out_row, 0) += value[0];
        return;
    }
    double total = 0.0;
    for (double c : value) total += c;
    if (total <= 0.0) total = 1.0;
    for (int k = 0; k < n_classes; ++k) out(out_row, k) += value[static_cast<size_t>(k)] / total;
}

// The forest's mean output per row: (n, n_classes) probabilities, or (n, 1).
MatrixD forest_output(const std::vector<CartTree>& trees, const MatrixF& X, int n_classes) {
    MatrixD out = MatrixD::Zero(X.rows(), std::max(n_classes, 1));
    for (const CartTree& tree : trees)
        for (Eigen::Index i = 0; i < X.rows(); ++i) add_tree_output(tree, X, i, n_classes, out, i);
    out /= static_cast<double>(trees.size());
    return out;
}

struct GrownForest {
    std::vector<CartTree> trees;
    // oob_score only: the mean out-of-bag output of each row, (n, n_values).
    MatrixD oob_output;
};

// y holds class indices (n_classes > 0) or targets (n_classes == 0).
GrownForest grow_forest(const MatrixF& X, const std::vector<double>& y, int n_classes,
                        const ForestParams& p) {
    const uint32_t n = static_cast<uint32_t>(X.rows());
    const CartOptions options = cart_options(p.tree, static_cast<int>(X.cols()));
    Rng seeds(p.tree.random_state);
    GrownForest out;
    out.trees.reserve(static_cast<size_t>(p.n_estimators));
    std::vector<int> oob_count;
    if (p.oob_score) {
        out.oob_output = MatrixD::Zero(n, std::max(n_classes, 1));
        oob_count.assign(n, 0);
    }
    std::vector<double> weights;
    for (int t = 0; t < p.n_estimators; ++t) {
        // One generator per tree: its bootstrap rows, then its feature draws.
        Rng rng(seeds.next_u64());
        weights.clear();
        if (p.bootstrap) {
            weights.assign(n, 0.0);
            for (uint32_t i = 0; i < n; ++i) weights[rng.uniform_index(n)] += 1.0;
        }
        CartTree tree = CartTree::grow(X, y, n_classes, weights, options, &rng);
        if (p.oob_score) {
            for (uint32_t i = 0; i < n; ++i) {
                if (weights[i] != 0.0) continue;
                add_tree_output(tree, X, i, n_classes, out.oob_output, i);
                ++oob_count[i];
            }
        }
        out.trees.push_back(std::move(tree));
    }
    if (p.oob_score) {
        size_t never = 0;
        for (uint32_t i = 0; i < n; ++i) {
            never += oob_count[i] == 0;
            out.oob_output.row(i) /= static_cast<double>(std::max(oob_count[i], 1));
        }
        if (never > 0)
            MLPLAY_LOG_WARN("%zu of %u rows were drawn by every tree, so they have no "
                            "out-of-bag prediction and count as predicted 0; use more trees "
                            "for a reliable oob_score", never, n);
    }
    return out;
}

// Mean of the importances of the trees that split, normalised to sum to 1.
VectorD forest_importances(const std::vector<CartTree>& trees, int n_features) {
    VectorD sum = VectorD::Zero(n_features);
    int used = 0;
    for (const CartTree& tree : trees) {
        if (tree.nodes().size() <= 1) continue;
        sum += tree.feature_importances();
        ++used;
    }
    if (used == 0) return sum;
    sum /= static_cast<double>(used);
    double total = ordered_sum(sum);
    if (total > 0.0) sum /= total;
    return sum;
}

Status check_forest(const ForestParams& p) {
    if (p.oob_score && !p.bootstrap)
        return make_error("oob_score needs bootstrap: without it every tree sees every row, so "
                          "no row is out of bag; turn bootstrap on or oob_score off");
    return Status();
}

Json forest_state(const std::vector<CartTree>& trees, double oob_score) {
    Json s = Json::object();
    s.set("fitted", true);
    s.set("n_features", trees[0].n_features());
    if (std::isfinite(oob_score)) s.set("oob_score", oob_score);
    Json list = Json::array();
    for (const CartTree& tree : trees) list.push(tree.to_json());
    s.set("trees", list);
    return s;
}

// Reads the trees and the out-of-bag score of a fitted forest's state.
Status load_forest(const Json& s, int n_values, std::vector<CartTree>& trees,
                   double& oob_score) {
    Result<int> d = saved_n_features(s);
    if (!d) return d.error();
    const Json* list = s.find("trees");
    if (!list || !list->is_array() || list->size() == 0)
        return make_error("the saved forest needs \"trees\", a non-empty array");
    std::vector<CartTree> loaded;
    for (size_t t = 0; t < list->size(); ++t) {
        Result<CartTree> tree = CartTree::from_json((*list)[t], *d, n_values);
        if (!tree) return make_error("tree %zu: %s", t, tree.error().message.c_str());
        loaded.push_back(std::move(*tree));
    }
    oob_score = std::numeric_limits<double>::quiet_NaN();
    const Json* oob = s.find("oob_score");
    if (oob && oob->is_number()) oob_score = oob->as_number();
    trees = std::move(loaded);
    return Status();
}

} // namespace

// --- classifier -----------------------------------------------------------------

std::vector<ParamSpec> RandomForestClassifier::param_specs() const {
    return forest_param_specs(true);
}

Json RandomForestClassifier::params() const { return forest_params_json(m_params); }

Status RandomForestClassifier::apply_params(const Json& p) {
    forest_params_from_json(p, m_params);
    return Status();
}

Status RandomForestClassifier::fit(const MatrixF& X, const VectorF& y) {
    if (Status s = check_forest(m_params); !s) return s;
    if (Status s = check_training_data("a random forest", X, y); !s) return s;
    std::vector<float> classes;
    std::vector<double> codes;
    if (Status s = encode_classes(y, classes, codes); !s) return s;

    const int K = static_cast<int>(classes.size());
    GrownForest forest = grow_forest(X, codes, K, m_params);
    double oob = std::numeric_limits<double>::quiet_NaN();
    if (m_params.oob_score) {
        Eigen::Index hits = 0;
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            Eigen::Index best = 0;
            forest.oob_output.row(i).maxCoeff(&best);
            hits += static_cast<double>(best) == codes[static_cast<size_t>(i)];
        }
        oob = static_cast<double>(hits) / static_cast<double>(X.rows());
    }
    m_classes = std::move(classes);
    m_trees = std::move(forest.trees);
    m_importances = forest_importances(m_trees, static_cast<int>(X.cols()));
    m_oob_score = oob;
    return Status();
}

Result<MatrixF> RandomForestClassifier::predict_proba(const MatrixF& X) const {
    int d = fitted() ? m_trees[0].n_features() : 0;
    if (Status s = check_predict_data(fitted(), d, X); !s) return s.error();
    return MatrixF(forest_output(m_trees, X, static_cast<int>(m_classes.size())).cast<float>());
}

Result<VectorF> RandomForestClassifier::predict(const MatrixF& X) const {
    int d = fitted() ? m_trees[0].n_features() : 0;
    if (Status s = check_predict_data(fitted(), d, X); !s) return s.error();
    MatrixD P = forest_output(m_trees, X, static_cast<int>(m_classes.size()));
    VectorF out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        Eigen::Index best = 0; // the first of equal probabilities, as numpy's argmax
        P.row(i).maxCoeff(&best);
        out(i) = m_classes[static_cast<size_t>(best)];
    }
    return out;
}

Json RandomForestClassifier::save_state() const {
    if (!fitted()) {
        Json s = Json::object();
        s.set("fitted", false);
        return s;
    }
    Json s = forest_state(m_trees, m_oob_score);
    s.set("classes", Json::numbers(std::vector<double>(m_classes.begin(), m_classes.end())));
    return s;
}

Status RandomForestClassifier::load_state(const Json& s) {
    Result<bool> fitted_flag = saved_fitted_flag(s, "random forest");
    if (!fitted_flag) return fitted_flag.error();
    if (!*fitted_flag) {
        m_classes.clear();
        m_trees.clear();
        m_importances = VectorD();
        m_oob_score = std::numeric_limits<double>::quiet_NaN();
        return Status();
    }
    Result<std::vector<double>> classes = s.numbers_at("classes");
    if (!classes) return classes.error();
    if (classes->size() < 2) return make_error("the saved classifier has fewer than 2 classes");
    std::vector<CartTree> trees;
    double oob = 0.0;
    if (Status st = load_forest(s, static_cast<int>(classes->size()), trees, oob); !st)
        return st;
    m_classes.assign(classes->begin(), classes->end());
    m_trees = std::move(trees);
    m_importances = forest_importances(m_trees, m_trees[0].n_features());
    m_oob_score = oob;
    return Status();
}

std::unique_ptr<Model> RandomForestClassifier::clone_unfitted() const {
    auto m = std::make_unique<RandomForestClassifier>();
    m->m_params = m_params;
    return m;
}

// --- regressor ------------------------------------------------------------------

std::vector<ParamSpec> RandomForestRegressor::param_specs() const {
    return forest_param_specs(false);
}

Json RandomForestRegressor::params() const { return forest_params_json(m_params); }

Status RandomForestRegressor::apply_params(const Json& p) {
    forest_params_from_json(p, m_params);
    return Status();
}

Status RandomForestRegressor::fit(const MatrixF& X, const VectorF& y) {
    if (Status s = check_forest(m_params); !s) return s;
    if (Status s = check_training_data("a random forest", X, y); !s) return s;
    std::vector<double> targets(y.data(), y.data() + y.size());
    GrownForest forest = grow_forest(X, targets, 0, m_params);
    double oob = std::numeric_limits<double>::quiet_NaN();
    if (m_params.oob_score) oob = r2_score(y, VectorF(forest.oob_output.col(0).cast<float>()));
    m_trees = std::move(forest.trees);
    m_importances = forest_importances(m_trees, static_cast<int>(X.cols()));
    m_oob_score = oob;
    return Status();
}

Result<VectorF> RandomForestRegressor::predict(const MatrixF& X) const {
    int d = fitted() ? m_trees[0].n_features() : 0;
    if (Status s = check_predict_data(fitted(), d, X); !s) return s.error();
    return VectorF(forest_output(m_trees, X, 0).col(0).cast<float>());
}

Json RandomForestRegressor::save_state() const {
    if (!fitted()) {
        Json s = Json::object();
        s.set("fitted", false);
        return s;
    }
    return forest_state(m_trees, m_oob_score);
}

Status RandomForestRegressor::load_state(const Json& s) {
    Result<bool> fitted_flag = saved_fitted_flag(s, "random forest");
    if (!fitted_flag) return fitted_flag.error();
    if (!*fitted_flag) {
        m_trees.clear();
        m_importances = VectorD();
        m_oob_score = std::numeric_limits<double>::quiet_NaN();
        return Status();
    }
    std::vector<CartTree> trees;
    double oob = 0.0;
    if (Status st = load_forest(s, 1, trees, oob); !st) return st;
    m_trees = std::move(trees);
    m_importances = forest_importances(m_trees, m_trees[0].n_features());
    m_oob_score = oob;
    return Status();
}

std::unique_ptr<Model> RandomForestRegressor::clone_unfitted() const {
    auto m = std::make_unique<RandomForestRegressor>();
    m->m_params = m_params;
    return m;
}

} // namespace mlplay
