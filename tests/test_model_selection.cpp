#include "core/model_selection.h"

#include "core/datasets.h"
#include "core/log.h"
#include "core/preprocess.h"
#include "models/linear/linear_regression.h"
#include "models/linear/logistic_regression.h"
#include "reference/model_references.h"
#include "test_helpers.h"

#include <doctest/doctest.h>

using namespace mlplay;
using mlplay::test::builtin_table;

namespace {

LogisticRegression tight_logreg() {
    LogisticRegression lr;
    REQUIRE(lr.set_params(*Json::parse(R"({"tol": 1e-8, "max_iter": 10000})")).ok());
    return lr;
}

} // namespace

TEST_CASE("k-fold cross-validation of a regressor equals scikit-learn's") {
    SupervisedData d = builtin_table("diabetes");
    auto cv = cross_validate(LinearRegression(), d.X, d.y);
    REQUIRE(cv.ok());
    REQUIRE(cv->fold_scores.size() == 5);
    for (size_t f = 0; f < 5; ++f)
        CHECK(cv->fold_scores[f] ==
              doctest::Approx(model_ref::cv_linear_diabetes[f]).epsilon(1e-5));
}

TEST_CASE("stratified cross-validation of a classifier equals scikit-learn's") {
    SupervisedData d = builtin_table("iris");
    auto cv = cross_validate(tight_logreg(), d.X, d.y);
    REQUIRE(cv.ok());
    for (size_t f = 0; f < 5; ++f)
        CHECK(cv->fold_scores[f] == doctest::Approx(model_ref::cv_logreg_iris[f]).epsilon(1e-12));
}

TEST_CASE("grid search scores and ranks as GridSearchCV") {
    SupervisedData d = builtin_table("wine");
    ParamGrid grid = {{"C", {Json(0.001), Json(0.01), Json(0.1), Json(1.0)}}};
    auto r = grid_search(tight_logreg(), grid, d.X, d.y);
    REQUIRE(r.ok());
    REQUIRE(r->rows.size() == 4);
    for (size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(r->rows[i].scores.mean ==
              doctest::Approx(model_ref::grid_wine_mean[i]).epsilon(1e-9));
        CHECK(r->rows[i].scores.std == doctest::Approx(model_ref::grid_wine_std[i]).epsilon(1e-6));
        CHECK(r->rows[i].rank == static_cast<int>(model_ref::grid_wine_rank[i]));
    }
    CHECK(r->best == 3);
    Json table_json = search_result_json(*r);
    CHECK(table_json.size() == 4);
    CHECK(table_json[3].find("params")->find("C")->as_number() == 1.0);
}

TEST_CASE("grids combine every value, the last parameter fastest") {
    SupervisedData d = builtin_table("diabetes");
    ParamGrid grid = {{"fit_intercept", {Json(true), Json(false)}},
                      {"solver", {Json("qr"), Json("gd")}}};
    auto r = grid_search(LinearRegression(), grid, d.X, d.y, CvOptions{3, true, 1});
    REQUIRE(r.ok());
    REQUIRE(r->rows.size() == 4);
    CHECK(r->rows[1].params.dump() == R"({"fit_intercept":true,"solver":"gd"})");
    CHECK(r->rows[2].params.dump() == R"({"fit_intercept":false,"solver":"qr"})");
}

TEST_CASE("random search draws within the ranges, reproducibly") {
    SupervisedData d = builtin_table("iris");
    // Default tol and max_iter: a huge C makes the optimum far away, and
    // this test is about the draws, not convergence.
    LogisticRegression lr;
    log_set_level(LogLevel::error);
    auto a = random_search(lr, {"C", "fit_intercept"}, 6, 42, d.X, d.y);
    auto b = random_search(lr, {"C", "fit_intercept"}, 6, 42, d.X, d.y);
    log_set_level(LogLevel::info);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(a->rows.size() == 6);
    for (size_t i = 0; i < 6; ++i) {
        double C = a->rows[i].params.find("C")->as_number();
        CHECK(C >= 1e-6);
        CHECK(C <= 1e6);
        CHECK(a->rows[i].params.dump() == b->rows[i].params.dump());
        CHECK(a->rows[i].scores.mean == b->rows[i].scores.mean);
    }
}

TEST_CASE("bad searches are errors that say why") {
    SupervisedData d = builtin_table("iris");
    CHECK_FALSE(grid_search(tight_logreg(), {}, d.X, d.y).ok());
    CHECK_FALSE(grid_search(tight_logreg(), {{"C", {}}}, d.X, d.y).ok());
    auto bad_value = grid_search(tight_logreg(), {{"C", {Json(-1.0)}}}, d.X, d.y);
    REQUIRE_FALSE(bad_value.ok());
    CHECK(bad_value.error().message.find("out of range") != std::string::npos);
    CHECK_FALSE(random_search(tight_logreg(), {"depth"}, 3, 1, d.X, d.y).ok());
    CHECK_FALSE(cross_validate(tight_logreg(), d.X, d.y, CvOptions{1, false, 0}).ok());
    CHECK_FALSE(cross_validate(tight_logreg(), d.X, d.y, CvOptions{200, false, 0}).ok());
    ParamGrid huge = {{"C", std::vector<Json>(40, Json(1.0))},
                      {"tol", std::vector<Json>(40, Json(1e-4))}};
    auto too_big = grid_search(tight_logreg(), huge, d.X, d.y);
    REQUIRE_FALSE(too_big.ok());
    CHECK(too_big.error().message.find("random search") != std::string::npos);
}

TEST_CASE("cross-validation fits preprocessing inside each fold") {
    auto wine = load_builtin_dataset("wine");
    REQUIRE(wine.ok());
    auto scaled = Pipeline::parse("scale:standard");
    REQUIRE(scaled.ok());
    auto with = cross_validate(tight_logreg(), *scaled, *wine, "target");
    REQUIRE(with.ok());
    // Scaling helps a penalised model on wine's mixed units: sklearn's
    // make_pipeline(StandardScaler(), LogisticRegression()) scores 0.983 here.
    CHECK(with->mean == doctest::Approx(model_ref::cv_scaled_logreg_wine).epsilon(1e-9));

    // An empty pipeline gives the matrix version's scores.
    auto none = Pipeline::parse("");
    SupervisedData d = builtin_table("wine");
    auto plain = cross_validate(tight_logreg(), *none, *wine, "target");
    auto matrix = cross_validate(tight_logreg(), d.X, d.y);
    REQUIRE(plain.ok());
    CHECK(plain->fold_scores == matrix->fold_scores);
    CHECK_FALSE(cross_validate(tight_logreg(), *scaled, *wine, "nope").ok());
}
