#include "models/linear/logistic_regression.h"

#include "core/datasets.h"
#include "models/registry.h"
#include "reference/model_references.h"
#include "test_helpers.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace mlplay;
using mlplay::test::builtin_table;

namespace {

// Relative closeness of two coefficient sets, against the larger norm.
double relative_gap(const MatrixD& ours, const double* ref, Eigen::Index n) {
    Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>
        r(ref, ours.rows(), n / ours.rows());
    return (ours - MatrixD(r)).norm() / std::max(1e-12, MatrixD(r).norm());
}

void compare(const char* data, double C, const double* coef, size_t n_coef,
             const double* intercept, const double* proba0, double accuracy) {
    SupervisedData d = builtin_table(data);
    LogisticRegression lr;
    REQUIRE(lr.set_params(*Json::parse(std::string("{\"C\": ") + std::to_string(C) +
                                       ", \"max_iter\": 1000, \"tol\": 1e-8}"))
                .ok());
    REQUIRE(lr.fit(d.X, d.y).ok());
    CHECK(lr.converged());
    CHECK(relative_gap(lr.coefficients(), coef, static_cast<Eigen::Index>(n_coef)) < 1e-3);
    for (Eigen::Index k = 0; k < lr.intercepts().size(); ++k)
        CHECK(lr.intercepts()(k) == doctest::Approx(intercept[k]).epsilon(2e-3).scale(1.0));
    auto p = lr.predict_proba(d.X.topRows(1));
    REQUIRE(p.ok());
    for (Eigen::Index k = 0; k < p->cols(); ++k)
        CHECK((*p)(0, k) == doctest::Approx(proba0[k]).epsilon(1e-3).scale(1e-3));
    CHECK(*lr.score(d.X, d.y) == doctest::Approx(accuracy).epsilon(1e-9));
}

} // namespace

TEST_CASE("multinomial logistic regression matches scikit-learn on iris") {
    compare("iris", 1.0, model_ref::logreg_iris_coef, std::size(model_ref::logreg_iris_coef),
            model_ref::logreg_iris_intercept, model_ref::logreg_iris_proba_row0,
            model_ref::logreg_iris_accuracy);
}

TEST_CASE("binary logistic regression matches scikit-learn on unscaled breast_cancer") {
    compare("breast_cancer", 1.0, model_ref::logreg_breast_cancer_coef,
            std::size(model_ref::logreg_breast_cancer_coef),
            model_ref::logreg_breast_cancer_intercept, model_ref::logreg_breast_cancer_proba_row0,
            model_ref::logreg_breast_cancer_accuracy);
}

TEST_CASE("a stronger penalty (C = 0.1) matches scikit-learn on wine") {
    compare("wine", 0.1, model_ref::logreg_wine_c01_coef,
            std::size(model_ref::logreg_wine_c01_coef), model_ref::logreg_wine_c01_intercept,
            model_ref::logreg_wine_c01_proba_row0, model_ref::logreg_wine_c01_accuracy);
}

TEST_CASE("perfectly separable data stays finite under the L2 penalty") {
    MatrixF X(4, 1);
    X << -2, -1, 1, 2;
    VectorF y(4);
    y << 0, 0, 1, 1;
    LogisticRegression lr;
    REQUIRE(lr.fit(X, y).ok());
    CHECK(lr.coefficients().allFinite());
    CHECK(*lr.score(X, y) == 1.0);
}

TEST_CASE("class labels keep their values; one class is an error") {
    MatrixF X(4, 1);
    X << 0, 1, 2, 3;
    VectorF y(4);
    y << 5, 5, 9, 9;
    LogisticRegression lr;
    REQUIRE(lr.fit(X, y).ok());
    auto p = lr.predict(X);
    CHECK((*p)(0) == 5.0f);
    CHECK((*p)(3) == 9.0f);
    VectorF one = VectorF::Constant(4, 2.0f);
    auto s = lr.fit(X, one);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("one class") != std::string::npos);
    CHECK((*lr.predict(X))(3) == 9.0f); // the previous fit is kept
}

TEST_CASE("one-vs-rest probabilities sum to one and the model saves and loads") {
    SupervisedData d = builtin_table("iris");
    auto m = make_model("logistic_regression");
    REQUIRE((*m)->set_params(*Json::parse(R"({"multi_class": "ovr"})")).ok());
    REQUIRE((*m)->fit(d.X, d.y).ok());
    auto p = (*m)->predict_proba(d.X);
    REQUIRE(p.ok());
    for (Eigen::Index i = 0; i < p->rows(); ++i) CHECK(p->row(i).sum() == doctest::Approx(1.0));
    CHECK(*(*m)->score(d.X, d.y) > 0.9);

    auto loaded = load_model(*Json::parse((*m)->save().dump()));
    REQUIRE(loaded.ok());
    auto q = (*loaded)->predict_proba(d.X);
    REQUIRE(q.ok());
    CHECK((*p - *q).cwiseAbs().maxCoeff() < 1e-6f);
}
