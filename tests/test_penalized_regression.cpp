#include "models/linear/penalized_regression.h"

#include "models/registry.h"
#include "reference/model_references.h"
#include "test_helpers.h"

#include <doctest/doctest.h>

#include <string>

using namespace mlplay;
using mlplay::test::builtin_table;

namespace {

void compare(const char* model, const char* params, const double* coef, double intercept,
             double tolerance) {
    SupervisedData d = builtin_table("diabetes");
    auto m = make_model(model);
    REQUIRE(m.ok());
    REQUIRE((*m)->set_params(*Json::parse(params)).ok());
    REQUIRE((*m)->fit(d.X, d.y).ok());
    auto& pr = dynamic_cast<PenalizedRegression&>(**m);
    for (Eigen::Index j = 0; j < pr.coefficients().size(); ++j) {
        CAPTURE(j);
        CHECK(pr.coefficients()(j) == doctest::Approx(coef[j]).epsilon(tolerance).scale(1.0));
    }
    CHECK(pr.intercept() == doctest::Approx(intercept).epsilon(tolerance));
}

} // namespace

TEST_CASE("ridge equals scikit-learn's Ridge on diabetes") {
    compare("ridge", R"({"alpha": 1.0})", model_ref::ridge_1_coef, model_ref::ridge_1_intercept,
            1e-6);
    compare("ridge", R"({"alpha": 0.01})", model_ref::ridge_001_coef,
            model_ref::ridge_001_intercept, 1e-6);
}

TEST_CASE("lasso equals scikit-learn's Lasso on diabetes, zeros included") {
    compare("lasso", R"({"alpha": 0.1, "tol": 1e-12, "max_iter": 100000})",
            model_ref::lasso_01_coef, model_ref::lasso_01_intercept, 1e-5);
    compare("lasso", R"({"alpha": 0.001, "tol": 1e-12, "max_iter": 100000})",
            model_ref::lasso_0001_coef, model_ref::lasso_0001_intercept, 1e-5);
    // A strong penalty zeroes every weight; the intercept is the mean.
    SupervisedData d = builtin_table("diabetes");
    PenalizedRegression lasso(PenalizedRegression::Penalty::lasso);
    REQUIRE(lasso.set_params(*Json::parse(R"({"alpha": 1000})")).ok());
    REQUIRE(lasso.fit(d.X, d.y).ok());
    CHECK(lasso.coefficients().cwiseAbs().maxCoeff() == 0.0);
    CHECK(lasso.intercept() == doctest::Approx(d.y.cast<double>().mean()));
}

TEST_CASE("ridge and lasso save, load and refuse bad input") {
    SupervisedData d = builtin_table("diabetes");
    for (const char* name : {"ridge", "lasso"}) {
        CAPTURE(name);
        auto m = make_model(name);
        REQUIRE((*m)->fit(d.X, d.y).ok());
        auto loaded = load_model(*Json::parse((*m)->save().dump()));
        REQUIRE(loaded.ok());
        CHECK((*(*m)->predict(d.X) - *(*loaded)->predict(d.X)).cwiseAbs().maxCoeff() == 0.0f);
        CHECK_FALSE((*m)->set_params(*Json::parse(R"({"alpha": -1})")).ok());
        MatrixF bad = d.X;
        bad(0, 0) = NAN;
        CHECK_FALSE((*m)->fit(bad, d.y).ok());
        CHECK((*m)->fitted()); // the earlier fit is kept
    }
}
