#include "models/neighbors/knn.h"

#include "core/datasets.h"
#include "models/registry.h"
#include "reference/knn_references.h"
#include "test_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace mlplay;
using mlplay::test::builtin_table;

namespace {

Json knn_params(int k, const char* weights, const char* metric) {
    return *Json::parse("{\"n_neighbors\": " + std::to_string(k) + ", \"weights\": \"" +
                        weights + "\", \"metric\": \"" + metric + "\"}");
}

// Fits on rows [0, n_fit) of a built-in table, or on its even rows when
// n_fit is 0, and checks predict and predict_proba on the other rows.
void compare_classifier(int n_fit, int k, const char* weights, const char* metric,
                        const double* predict, const double* proba) {
    SupervisedData d = builtin_table("iris");
    MatrixF X_fit, X_test;
    VectorF y_fit;
    if (n_fit > 0) {
        X_fit = d.X.topRows(n_fit);
        y_fit = d.y.head(n_fit);
        X_test = d.X.bottomRows(d.X.rows() - n_fit);
    } else {
        const Eigen::Index half = d.X.rows() / 2;
        X_fit.resize(half, d.X.cols());
        X_test.resize(half, d.X.cols());
        y_fit.resize(half);
        for (Eigen::Index i = 0; i < half; ++i) {
            X_fit.row(i) = d.X.row(2 * i);
            y_fit(i) = d.y(2 * i);
            X_test.row(i) = d.X.row(2 * i + 1);
        }
    }
    KNeighborsClassifier knn;
    REQUIRE(knn.set_params(knn_params(k, weights, metric)).ok());
    REQUIRE(knn.fit(X_fit, y_fit).ok());
    auto p = knn.predict(X_test);
    auto q = knn.predict_proba(X_test);
    REQUIRE(p.ok());
    REQUIRE(q.ok());
    const Eigen::Index n_classes = static_cast<Eigen::Index>(knn.classes().size());
    REQUIRE(q->cols() == n_classes);
    for (Eigen::Index i = 0; i < X_test.rows(); ++i) {
        CHECK((*p)(i) == predict[i]);
        for (Eigen::Index c = 0; c < n_classes; ++c)
            CHECK((*q)(i, c) == doctest::Approx(proba[i * n_classes + c]).epsilon(1e-6));
    }
}

void compare_regressor(const char* weights, const double* predict) {
    SupervisedData d = builtin_table("diabetes");
    KNeighborsRegressor knn;
    REQUIRE(knn.set_params(knn_params(5, weights, "euclidean")).ok());
    REQUIRE(knn.fit(d.X.topRows(300), d.y.head(300)).ok());
    auto p = knn.predict(d.X.bottomRows(d.X.rows() - 300));
    REQUIRE(p.ok());
    REQUIRE(p->size() == 142);
    for (Eigen::Index i = 0; i < p->size(); ++i)
        CHECK((*p)(i) == doctest::Approx(predict[i]).epsilon(1e-5));
}

} // namespace

TEST_CASE("knn classifier matches scikit-learn on iris (k=5, uniform)") {
    compare_classifier(100, 5, "uniform", "euclidean", knn_ref::iris_k5_predict,
                       knn_ref::iris_k5_proba);
}

TEST_CASE("knn classifier matches scikit-learn on iris (k=7, distance)") {
    compare_classifier(100, 7, "distance", "euclidean", knn_ref::iris_k7_distance_predict,
                       knn_ref::iris_k7_distance_proba);
}

TEST_CASE("knn classifier matches scikit-learn on iris (k=5, manhattan)") {
    compare_classifier(100, 5, "uniform", "manhattan", knn_ref::iris_k5_manhattan_predict,
                       knn_ref::iris_k5_manhattan_proba);
}

TEST_CASE("knn classifier ties in the vote go to the smallest class, as scikit-learn") {
    compare_classifier(0, 4, "uniform", "euclidean", knn_ref::iris_even_k4_predict,
                       knn_ref::iris_even_k4_proba);
}

TEST_CASE("knn regressor matches scikit-learn on diabetes (k=5, uniform and distance)") {
    compare_regressor("uniform", knn_ref::diabetes_k5_predict);
    compare_regressor("distance", knn_ref::diabetes_k5_distance_predict);
}

TEST_CASE("knn: more neighbours than training rows is an error naming both") {
    MatrixF X(3, 1);
    X << 0, 1, 2;
    VectorF y(3);
    y << 0, 1, 1;
    KNeighborsClassifier knn;
    auto s = knn.fit(X, y); // default n_neighbors = 5
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("n_neighbors=5") != std::string::npos);
    CHECK(s.error().message.find("3 training rows") != std::string::npos);

    // Raised after fitting: predict reports it too.
    REQUIRE(knn.set_params(knn_params(3, "uniform", "euclidean")).ok());
    REQUIRE(knn.fit(X, y).ok());
    REQUIRE(knn.set_params(knn_params(4, "uniform", "euclidean")).ok());
    auto p = knn.predict(X);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().message.find("n_neighbors=4") != std::string::npos);

    KNeighborsRegressor reg;
    CHECK_FALSE(reg.fit(X, y).ok());
    CHECK_FALSE(knn.set_params(knn_params(1001, "uniform", "euclidean")).ok());
}

TEST_CASE("knn: NaN in X is an error") {
    MatrixF X(3, 1);
    X << 0, std::nanf(""), 2;
    VectorF y(3);
    y << 0, 1, 1;
    KNeighborsRegressor reg;
    REQUIRE(reg.set_params(knn_params(1, "uniform", "euclidean")).ok());
    auto s = reg.fit(X, y);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("missing") != std::string::npos);
    X(1, 0) = 1;
    REQUIRE(reg.fit(X, y).ok());
    X(1, 0) = std::nanf("");
    CHECK_FALSE(reg.predict(X).ok());
}

TEST_CASE("knn distance weighting: an exact match gets all the weight") {
    MatrixF X(4, 1);
    X << 0, 1, 1, 3;
    VectorF y(4);
    y << 10, 20, 30, 40;
    KNeighborsRegressor reg;
    REQUIRE(reg.set_params(knn_params(4, "distance", "euclidean")).ok());
    REQUIRE(reg.fit(X, y).ok());
    MatrixF q(2, 1);
    q << 1, 2;
    auto p = reg.predict(q);
    REQUIRE(p.ok());
    CHECK((*p)(0) == doctest::Approx(25.0)); // the two rows at 1, equally
    // At 2: weights 1/2, 1, 1, 1 for 10, 20, 30, 40.
    CHECK((*p)(1) == doctest::Approx((5.0 + 20 + 30 + 40) / 3.5));

    KNeighborsClassifier clf;
    VectorF labels(4);
    labels << 7, 3, 3, 7;
    REQUIRE(clf.set_params(knn_params(4, "distance", "manhattan")).ok());
    REQUIRE(clf.fit(X, labels).ok());
    MatrixF at0(1, 1);
    at0 << 0;
    auto proba = clf.predict_proba(at0);
    REQUIRE(proba.ok());
    CHECK((*proba)(0, 0) == 0.0f); // class 3: no exact match
    CHECK((*proba)(0, 1) == 1.0f); // class 7: the row at 0
    CHECK((*clf.predict(at0))(0) == 7.0f);
}

TEST_CASE("knn models save and load through load_model and predict identically") {
    SupervisedData d = builtin_table("iris");
    for (const char* name : {"knn_classifier", "knn_regressor"}) {
        auto m = make_model(name);
        REQUIRE(m.ok());
        REQUIRE((*m)->set_params(knn_params(7, "distance", "manhattan")).ok());
        REQUIRE((*m)->fit(d.X, d.y).ok());
        auto loaded = load_model(*Json::parse((*m)->save().dump()));
        REQUIRE(loaded.ok());
        CHECK(std::string((*loaded)->name()) == name);
        CHECK((*loaded)->params().dump() == (*m)->params().dump());
        auto p = (*m)->predict(d.X);
        auto q = (*loaded)->predict(d.X);
        REQUIRE(p.ok());
        REQUIRE(q.ok());
        CHECK(*p == *q);
    }
    auto clf = make_model("knn_classifier");
    REQUIRE((*clf)->fit(d.X, d.y).ok());
    CHECK(*(*clf)->score(d.X, d.y) > 0.9);

    // A state whose X does not match its shape is refused.
    Json doc = (*clf)->save();
    Json state = *doc.find("state");
    state.set("n_samples", 149);
    doc.set("state", state);
    auto bad = load_model(doc);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("n_samples") != std::string::npos);
}
