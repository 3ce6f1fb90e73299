#include "models/tree/cart.h"
#include "models/tree/decision_tree.h"
#include "models/tree/random_forest.h"

#include "core/datasets.h"
#include "core/split.h"
#include "models/registry.h"
#include "reference/tree_references.h"
#include "test_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

using namespace mlplay;
using mlplay::test::builtin_table;

namespace {

// One sklearn tree of tests/reference/tree_references.h.
struct ExactRef {
    int node_count, max_depth, n_leaves;
    const int* feature;
    const double* threshold;
    const int* left;
    const int* n_samples;
    const double* impurity;
    const double* importances;
    size_t n_features;
    const double* predictions;
};

#define TREE_REF(tag)                                                                  \
    ExactRef{tree_ref::tag##_node_count, tree_ref::tag##_max_depth,                    \
             tree_ref::tag##_n_leaves,   tree_ref::tag##_feature,                      \
             tree_ref::tag##_threshold,  tree_ref::tag##_left,                         \
             tree_ref::tag##_n_samples,  tree_ref::tag##_impurity,                     \
             tree_ref::tag##_importances, std::size(tree_ref::tag##_importances),      \
             tree_ref::tag##_predictions}

// The same nodes in the same order, the same thresholds to the bit, the same
// training predictions, importances within 1e-9.
void check_exact(const CartTree& tree, const VectorD& importances, const VectorF& predictions,
                 const ExactRef& ref) {
    REQUIRE(tree.nodes().size() == static_cast<size_t>(ref.node_count));
    CHECK(tree.depth() == ref.max_depth);
    CHECK(tree.n_leaves() == ref.n_leaves);
    for (size_t i = 0; i < tree.nodes().size(); ++i) {
        const TreeNode& t = tree.nodes()[i];
        INFO("node ", i);
        CHECK(t.feature == ref.feature[i]);
        CHECK(t.left == ref.left[i]);
        CHECK(t.n_samples == ref.n_samples[i]);
        CHECK(std::fabs(t.impurity - ref.impurity[i]) <= 1e-12);
        if (!t.is_leaf()) CHECK(t.threshold == ref.threshold[i]);
    }
    REQUIRE(static_cast<size_t>(importances.size()) == ref.n_features);
    for (Eigen::Index f = 0; f < importances.size(); ++f)
        CHECK(std::fabs(importances(f) - ref.importances[f]) <= 1e-9);
    for (Eigen::Index i = 0; i < predictions.size(); ++i) {
        INFO("row ", i);
        double want = ref.predictions[i];
        CHECK(std::fabs(predictions(i) - want) <= 1e-4 * std::fabs(want));
    }
}

void check_classifier(const char* params, const ExactRef& ref) {
    SupervisedData d = builtin_table("iris");
    DecisionTreeClassifier tree;
    REQUIRE(tree.set_params(*Json::parse(params)).ok());
    REQUIRE(tree.fit(d.X, d.y).ok());
    check_exact(tree.tree(), tree.feature_importances(), *tree.predict(d.X), ref);
}

void check_regressor(const char* params, const ExactRef& ref) {
    SupervisedData d = builtin_table("diabetes");
    DecisionTreeRegressor tree;
    REQUIRE(tree.set_params(*Json::parse(params)).ok());
    REQUIRE(tree.fit(d.X, d.y).ok());
    check_exact(tree.tree(), tree.feature_importances(), *tree.predict(d.X), ref);
}

SupervisedData take_rows(const SupervisedData& d, const std::vector<uint32_t>& rows) {
    SupervisedData out;
    out.X.resize(static_cast<Eigen::Index>(rows.size()), d.X.cols());
    out.y.resize(static_cast<Eigen::Index>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) {
        out.X.row(static_cast<Eigen::Index>(i)) = d.X.row(rows[i]);
        out.y(static_cast<Eigen::Index>(i)) = d.y(rows[i]);
    }
    return out;
}

// Mean test score over mlplay's 75/25 splits with seeds 0..4, random_state =
// the seed: what make_tree_references.py computes for sklearn on the same rows.
double mean_split_score(const char* model, const char* data, const char* params) {
    SupervisedData d = builtin_table(data);
    double total = 0.0;
    for (uint64_t seed = 0; seed < 5; ++seed) {
        auto split = train_test_split_indices(static_cast<size_t>(d.y.size()), 0.25, seed);
        REQUIRE(split.ok());
        SupervisedData train = take_rows(d, split->train), test = take_rows(d, split->test);
        auto m = make_model(model);
        REQUIRE(m.ok());
        REQUIRE((*m)->set_params(*Json::parse(params)).ok());
        Json rs = Json::object();
        rs.set("random_state", static_cast<double>(seed));
        REQUIRE((*m)->set_params(rs).ok());
        REQUIRE((*m)->fit(train.X, train.y).ok());
        total += *(*m)->score(test.X, test.y);
    }
    return total / 5.0;
}

// FNV-1a over the bits of floats and doubles.
struct Fnv {
    uint64_t h = 1469598103934665603ULL;
    void add_bytes(const void* p, size_t n) {
        const unsigned char* b = static_cast<const unsigned char*>(p);
        for (size_t i = 0; i < n; ++i) {
            h ^= b[i];
            h *= 1099511628211ULL;
        }
    }
    void add(float v) { add_bytes(&v, sizeof v); }
    void add(double v) { add_bytes(&v, sizeof v); }
};

Json params_json(const std::string& text) { return *Json::parse(text); }

} // namespace

TEST_CASE("a gini tree equals scikit-learn's on iris, node for node") {
    check_classifier("{}", TREE_REF(iris_gini));
}

TEST_CASE("an entropy tree equals scikit-learn's on iris") {
    check_classifier(R"({"criterion": "entropy"})", TREE_REF(iris_entropy));
}

TEST_CASE("a depth-2 tree equals scikit-learn's on iris, probabilities included") {
    check_classifier(R"({"max_depth": 2})", TREE_REF(iris_depth2));
    SupervisedData d = builtin_table("iris");
    DecisionTreeClassifier tree;
    REQUIRE(tree.set_params(params_json(R"({"max_depth": 2})")).ok());
    REQUIRE(tree.fit(d.X, d.y).ok());
    // The leaf of the versicolor side holds 49 versicolor and 5 virginica rows.
    auto p = tree.predict_proba(d.X.row(60));
    REQUIRE(p.ok());
    CHECK((*p)(0, 1) == doctest::Approx(49.0 / 54.0));
    CHECK((*p)(0, 2) == doctest::Approx(5.0 / 54.0));
    CHECK(tree.classes() == std::vector<float>{0, 1, 2});
}

TEST_CASE("regression trees equal scikit-learn's on diabetes") {
    check_regressor(R"({"min_samples_leaf": 5})", TREE_REF(diabetes_leaf5));
    check_regressor(R"({"max_depth": 4})", TREE_REF(diabetes_depth4));
}

TEST_CASE("the reference script rebuilds mlplay's splits") {
    auto split = train_test_split_indices(150, 0.25, 0);
    REQUIRE(split.ok());
    for (size_t i = 0; i < std::size(tree_ref::parity_split_check); ++i)
        CHECK(static_cast<int>(split->test[i]) == tree_ref::parity_split_check[i]);
}

TEST_CASE("trees and forests score as scikit-learn's on five splits") {
    struct Case {
        const char* data;
        const char* tree;
        const char* forest;
        const char* tree_params;
        double tree_ref;
        double forest_ref;
    };
    const Case cases[] = {
        {"iris", "decision_tree_classifier", "random_forest_classifier", "{}",
         tree_ref::parity_iris_tree_same, tree_ref::parity_iris_forest_same},
        {"wine", "decision_tree_classifier", "random_forest_classifier", "{}",
         tree_ref::parity_wine_tree_same, tree_ref::parity_wine_forest_same},
        {"breast_cancer", "decision_tree_classifier", "random_forest_classifier", "{}",
         tree_ref::parity_breast_cancer_tree_same, tree_ref::parity_breast_cancer_forest_same},
        {"digits", "decision_tree_classifier", "random_forest_classifier", "{}",
         tree_ref::parity_digits_tree_same, tree_ref::parity_digits_forest_same},
        {"diabetes", "decision_tree_regressor", "random_forest_regressor",
         R"({"min_samples_leaf": 5})", tree_ref::parity_diabetes_tree_same,
         tree_ref::parity_diabetes_forest_same},
    };
    for (const Case& c : cases) {
        double tree = mean_split_score(c.tree, c.data, c.tree_params);
        double forest = mean_split_score(c.forest, c.data, "{}");
        INFO(c.data, ": tree ", tree, " (sklearn ", c.tree_ref, "), forest ", forest,
             " (sklearn ", c.forest_ref, ")");
        CHECK(std::fabs(tree - c.tree_ref) <= 0.02);
        CHECK(std::fabs(forest - c.forest_ref) <= 0.02);
    }
}

TEST_CASE("a random_state gives the same forest; another gives another") {
    SupervisedData d = builtin_table("wine");
    auto fit = [&](double seed) {
        RandomForestClassifier f;
        Json p = params_json(R"({"n_estimators": 20})");
        p.set("random_state", seed);
        REQUIRE(f.set_params(p).ok());
        REQUIRE(f.fit(d.X, d.y).ok());
        return f.save_state().dump();
    };
    std::string a = fit(7), b = fit(7), c = fit(8);
    CHECK(a == b);
    CHECK(a != c);
}

TEST_CASE("forest fingerprints: the wasm build grows the same trees") {
    // Printed by the native build; the wasm build must reproduce them bit for
    // bit (same Rng draws, same sort order, portable log for entropy).
    auto moons = make_toy_2d("moons", 300, 0.3, 11);
    REQUIRE(moons.ok());
    auto md = supervised_data(*moons, "target");
    REQUIRE(md.ok());
    RandomForestClassifier clf;
    REQUIRE(clf.set_params(params_json(
                   R"({"n_estimators": 15, "criterion": "entropy", "max_depth": 6,
                       "oob_score": true, "random_state": 3})"))
                .ok());
    REQUIRE(clf.fit(md->X, md->y).ok());
    Fnv fc;
    auto P = clf.predict_proba(md->X);
    REQUIRE(P.ok());
    for (Eigen::Index i = 0; i < P->size(); ++i) fc.add(P->data()[i]);
    for (const CartTree& t : clf.trees())
        for (const TreeNode& n : t.nodes()) fc.add(n.threshold);
    fc.add(clf.oob_score());

    SupervisedData d = builtin_table("diabetes");
    RandomForestRegressor reg;
    REQUIRE(reg.set_params(params_json(
                   R"({"n_estimators": 8, "max_features": "fraction",
                       "max_features_fraction": 0.4, "min_samples_leaf": 3,
                       "random_state": 5})"))
                .ok());
    REQUIRE(reg.fit(d.X, d.y).ok());
    Fnv fr;
    auto y = reg.predict(d.X);
    REQUIRE(y.ok());
    for (Eigen::Index i = 0; i < y->size(); ++i) fr.add((*y)(i));
    for (Eigen::Index f = 0; f < reg.feature_importances().size(); ++f)
        fr.add(reg.feature_importances()(f));

    CHECK(fc.h == 9618395945584197503ULL);
    CHECK(fr.h == 10943222570534599220ULL);
}

TEST_CASE("every tree model saves and loads through the registry") {
    SupervisedData iris = builtin_table("iris"), diabetes = builtin_table("diabetes");
    const char* names[] = {"decision_tree_classifier", "decision_tree_regressor",
                           "random_forest_classifier", "random_forest_regressor"};
    for (const char* name : names) {
        INFO(name);
        auto m = make_model(name);
        REQUIRE(m.ok());
        const SupervisedData& d = (*m)->task() == Task::classification ? iris : diabetes;
        REQUIRE((*m)->set_params(params_json(R"({"random_state": 4, "max_features": "sqrt"})"))
                    .ok());
        // Unfitted models save and load too.
        auto blank = load_model(*Json::parse((*m)->save().dump()));
        REQUIRE(blank.ok());
        CHECK_FALSE((*blank)->fitted());

        REQUIRE((*m)->fit(d.X, d.y).ok());
        auto loaded = load_model(*Json::parse((*m)->save().dump()));
        REQUIRE(loaded.ok());
        CHECK((*loaded)->params().dump() == (*m)->params().dump());
        auto p = (*m)->predict(d.X), q = (*loaded)->predict(d.X);
        REQUIRE(p.ok());
        REQUIRE(q.ok());
        CHECK((*p - *q).cwiseAbs().maxCoeff() == 0.0f);
        if ((*m)->task() == Task::classification) {
            auto pp = (*m)->predict_proba(d.X), qq = (*loaded)->predict_proba(d.X);
            CHECK((*pp - *qq).cwiseAbs().maxCoeff() == 0.0f);
        }
        CHECK((*loaded)->save().dump() == (*m)->save().dump());
    }
}

TEST_CASE("a damaged saved tree is refused") {
    SupervisedData d = builtin_table("iris");
    DecisionTreeClassifier tree;
    REQUIRE(tree.fit(d.X, d.y).ok());
    std::string text = tree.save().dump();
    // Point the root's left child back at the root: a cycle.
    size_t at = text.find("\"left\":[1,");
    REQUIRE(at != std::string::npos);
    text.replace(at, 10, "\"left\":[0,");
    auto loaded = load_model(*Json::parse(text));
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().message.find("node 0") != std::string::npos);
}

TEST_CASE("constant features are never split on; all-constant data is one leaf") {
    MatrixF X(6, 2);
    X << 1, 0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5;
    VectorF y(6);
    y << 0, 0, 0, 1, 1, 1;
    DecisionTreeClassifier tree;
    REQUIRE(tree.fit(X, y).ok());
    CHECK(tree.nodes().size() == 3);
    CHECK(tree.nodes()[0].feature == 1);
    CHECK(tree.nodes()[0].threshold == 2.5);
    CHECK(tree.feature_importances()(0) == 0.0);
    CHECK(tree.feature_importances()(1) == 1.0);

    MatrixF C = MatrixF::Constant(6, 3, 2.0f);
    VectorF yc(6);
    yc << 0, 1, 1, 1, 0, 1;
    REQUIRE(tree.fit(C, yc).ok());
    CHECK(tree.nodes().size() == 1);
    CHECK(tree.feature_importances().isZero());
    CHECK((*tree.predict(C))(0) == 1.0f);
    RandomForestClassifier forest;
    REQUIRE(forest.fit(C, yc).ok());
    CHECK(forest.feature_importances().isZero());
    CHECK((*forest.predict(C))(0) == 1.0f);
}

TEST_CASE("duplicate rows with different labels end in a mixed leaf") {
    MatrixF X(4, 1);
    X << 1, 1, 2, 2;
    VectorF y(4);
    y << 0, 1, 1, 1;
    DecisionTreeClassifier tree;
    REQUIRE(tree.fit(X, y).ok());
    CHECK(tree.nodes().size() == 3);
    auto p = tree.predict_proba(X);
    CHECK((*p)(0, 0) == 0.5f);
    CHECK((*p)(0, 1) == 0.5f);
    CHECK((*tree.predict(X))(0) == 0.0f); // a tie goes to the first class, as numpy's argmax
    CHECK((*p)(2, 1) == 1.0f);
}

TEST_CASE("one class, missing values and bad settings are errors that say what to do") {
    MatrixF X(4, 2);
    X << 0, 1, 1, 2, 2, 3, 3, 4;
    VectorF y(4);
    y << 5, 5, 9, 9;
    DecisionTreeClassifier tree;
    REQUIRE(tree.fit(X, y).ok());

    VectorF one = VectorF::Constant(4, 2.0f);
    auto s = tree.fit(X, one);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("one class") != std::string::npos);
    CHECK((*tree.predict(X))(3) == 9.0f); // the previous fit is kept
    RandomForestClassifier forest;
    CHECK_FALSE(forest.fit(X, one).ok());

    MatrixF bad = X;
    bad(2, 1) = std::numeric_limits<float>::quiet_NaN();
    s = tree.fit(bad, y);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("row 2, feature 1") != std::string::npos);
    auto p = tree.predict(bad);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().message.find("missing") != std::string::npos);
    DecisionTreeRegressor reg;
    CHECK_FALSE(reg.fit(bad, y).ok());
    CHECK_FALSE(RandomForestRegressor().fit(bad, y).ok());
    CHECK_FALSE(reg.predict(X).ok()); // not fitted
    CHECK_FALSE(tree.predict(MatrixF::Zero(2, 3)).ok()); // wrong feature count

    CHECK_FALSE(tree.set_params(params_json(R"({"max_depth": 101})")).ok());
    CHECK_FALSE(tree.set_params(params_json(R"({"criterion": "squared_error"})")).ok());
    CHECK_FALSE(tree.set_params(params_json(R"({"max_features": "half"})")).ok());
    REQUIRE(forest.set_params(params_json(R"({"bootstrap": false, "oob_score": true})")).ok());
    s = forest.fit(X, y);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("bootstrap") != std::string::npos);
}

TEST_CASE("min_samples_leaf above half the rows leaves one leaf; max_depth 1 a stump") {
    SupervisedData d = builtin_table("iris");
    DecisionTreeClassifier tree;
    REQUIRE(tree.set_params(params_json(R"({"min_samples_leaf": 1000})")).ok());
    REQUIRE(tree.fit(d.X, d.y).ok());
    CHECK(tree.nodes().size() == 1);
    CHECK(tree.nodes()[0].value == std::vector<double>{50, 50, 50});
    CHECK((*tree.predict(d.X)).isConstant(0.0f)); // equal counts: the first class
    CHECK(tree.feature_importances().isZero());

    SupervisedData diabetes = builtin_table("diabetes");
    DecisionTreeRegressor reg;
    REQUIRE(reg.set_params(params_json(R"({"min_samples_leaf": 300})")).ok());
    REQUIRE(reg.fit(diabetes.X, diabetes.y).ok());
    CHECK(reg.nodes().size() == 1);
    CHECK((*reg.predict(diabetes.X))(0) == doctest::Approx(diabetes.y.cast<double>().mean()));

    REQUIRE(tree.set_params(params_json(R"({"min_samples_leaf": 1, "max_depth": 1})")).ok());
    REQUIRE(tree.fit(d.X, d.y).ok());
    CHECK(tree.depth() == 1);
    CHECK(tree.nodes().size() == 3);
    CHECK(tree.n_leaves() == 2);
    CHECK(*tree.score(d.X, d.y) == doctest::Approx(100.0 / 150.0));
}

TEST_CASE("max_features counts features as scikit-learn") {
    TreeParams p;
    p.max_features = "sqrt";
    CHECK(tree_max_features(p, 64) == 8);
    CHECK(tree_max_features(p, 63) == 7);
    CHECK(tree_max_features(p, 1) == 1);
    p.max_features = "log2";
    CHECK(tree_max_features(p, 64) == 6);
    CHECK(tree_max_features(p, 13) == 3);
    CHECK(tree_max_features(p, 1) == 1);
    p.max_features = "fraction";
    p.max_features_fraction = 0.3;
    CHECK(tree_max_features(p, 30) == 9);
    p.max_features_fraction = 0.01;
    CHECK(tree_max_features(p, 30) == 1);
    p.max_features = "all";
    CHECK(tree_max_features(p, 30) == 30);
}

TEST_CASE("forest probabilities sum to one; the out-of-bag score is sensible") {
    SupervisedData d = builtin_table("iris");
    RandomForestClassifier forest;
    REQUIRE(forest.set_params(params_json(R"({"n_estimators": 50, "oob_score": true})")).ok());
    REQUIRE(forest.fit(d.X, d.y).ok());
    auto p = forest.predict_proba(d.X);
    REQUIRE(p.ok());
    for (Eigen::Index i = 0; i < p->rows(); ++i) CHECK(p->row(i).sum() == doctest::Approx(1.0));
    // sklearn's RandomForestClassifier(50, oob_score=True) on iris: 0.93-0.96.
    CHECK(forest.oob_score() > 0.9);
    CHECK(forest.oob_score() < 1.0);
    CHECK(forest.feature_importances().sum() == doctest::Approx(1.0));
    // The petals carry most of the signal, as in sklearn's importances.
    CHECK(forest.feature_importances()(2) + forest.feature_importances()(3) > 0.7);

    SupervisedData diabetes = builtin_table("diabetes");
    RandomForestRegressor reg;
    REQUIRE(reg.set_params(params_json(R"({"n_estimators": 50, "oob_score": true})")).ok());
    REQUIRE(reg.fit(diabetes.X, diabetes.y).ok());
    // sklearn's RandomForestRegressor(50, oob_score=True) on diabetes: about 0.4.
    CHECK(reg.oob_score() > 0.3);
    CHECK(reg.oob_score() < 0.55);
    CHECK(std::isnan(RandomForestRegressor().oob_score()));
}
