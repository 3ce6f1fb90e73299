#include "models/linear/linear_regression.h"

#include "core/datasets.h"
#include "core/metrics.h"
#include "core/split.h"
#include "reference/references.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace mlplay;

TEST_CASE("the generator still makes the data the references were computed on") {
    auto ds = make_housing(300, 15.0, 42);
    REQUIRE(ds.ok());
    for (size_t j = 0; j < 4; ++j) {
        double sum = 0.0;
        for (size_t i = 0; i < ds->n_rows(); ++i) sum += ds->at(i, j);
        // Fails when make_housing changes: rerun tests/reference/make_references.py.
        CHECK(sum == doctest::Approx(ref::housing_column_sums[j]).epsilon(1e-12));
    }
}

TEST_CASE("QR least squares matches numpy.linalg.lstsq on the generated houses") {
    auto ds = make_housing(300, 15.0, 42);
    REQUIRE(ds.ok());
    LinearRegression lr;
    REQUIRE(lr.fit(*ds, "售价").ok());
    REQUIRE(lr.coefficients().size() == 3);
    for (int j = 0; j < 3; ++j)
        CHECK(lr.coefficients()(j) == doctest::Approx(ref::housing_coef[j]).epsilon(1e-9));
    CHECK(lr.intercept() == doctest::Approx(ref::housing_intercept).epsilon(1e-9));
    CHECK(lr.feature_names() == std::vector<std::string>{"面积", "卧室数量", "地理位置"});

    auto d = supervised_data(*ds, "售价");
    auto r2 = lr.score(d->X, d->y);
    REQUIRE(r2.ok());
    CHECK(*r2 == doctest::Approx(ref::housing_r2).epsilon(1e-6));

    // And it recovers the law the data was drawn from, within the noise.
    HousingLaw law;
    CHECK(std::fabs(lr.coefficients()(0) - law.area_coef) < 0.1);
    CHECK(std::fabs(lr.coefficients()(2) - law.location_coef) < 4.0);
}

TEST_CASE("the course's four-row table is solved exactly") {
    auto ds = load_builtin_dataset("housing");
    REQUIRE(ds.ok());
    LinearRegression lr;
    REQUIRE(lr.fit(*ds, "售价").ok());
    for (int j = 0; j < 3; ++j)
        CHECK(lr.coefficients()(j) == doctest::Approx(ref::table_coef[j]).epsilon(1e-9));
    CHECK(lr.intercept() == doctest::Approx(ref::table_intercept).epsilon(1e-9));
    auto p = lr.predict(*ds);
    REQUIRE(p.ok());
    CHECK((*p)(1) == doctest::Approx(450.0).epsilon(1e-5));
}

TEST_CASE("gradient descent converges to the least-squares solution") {
    auto ds = make_housing(300, 15.0, 42);
    LinearRegressionParams p;
    p.solver = LinearSolver::gd;
    p.epochs = 3000;
    LinearRegression gd(p);
    REQUIRE(gd.fit(*ds, "售价").ok());
    for (int j = 0; j < 3; ++j)
        CHECK(gd.coefficients()(j) == doctest::Approx(ref::housing_coef[j]).epsilon(1e-6));
    CHECK(gd.intercept() == doctest::Approx(ref::housing_intercept).epsilon(1e-4));

    // The loss never rises with a stable step.
    const auto& loss = gd.loss_history();
    REQUIRE(loss.size() == 3000);
    for (size_t i = 1; i < loss.size(); ++i) CHECK(loss[i] <= loss[i - 1] * (1 + 1e-12));
}

TEST_CASE("gradient descent runs in resumable steps") {
    auto ds = make_housing(100, 15.0, 1);
    LinearRegression a(LinearRegressionParams{LinearSolver::gd, true, 0.1, 50});
    REQUIRE(a.fit(*ds, "售价").ok());

    LinearRegression b(LinearRegressionParams{LinearSolver::gd, true, 0.1, 50});
    REQUIRE(b.begin_gd(*ds, "售价").ok());
    int done = 0;
    while (done < 50) done += b.fit_steps(7 < 50 - done ? 7 : 50 - done);
    CHECK(b.epochs_done() == 50);
    for (int j = 0; j < 3; ++j) CHECK(b.coefficients()(j) == a.coefficients()(j));
    CHECK(b.intercept() == a.intercept());
}

TEST_CASE("a diverging learning rate stops with a message and keeps finite weights") {
    auto ds = make_housing(100, 15.0, 1);
    LinearRegression lr(LinearRegressionParams{LinearSolver::gd, true, 9.5, 5000});
    Status s = lr.fit(*ds, "售价");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("learning rate") != std::string::npos);
    CHECK(lr.coefficients().allFinite());
    CHECK(std::isfinite(lr.intercept()));
    CHECK(lr.epochs_done() < 5000);
}

TEST_CASE("bad parameters and inputs are refused, the fitted model kept") {
    auto ds = load_builtin_dataset("housing");
    LinearRegression lr;
    REQUIRE(lr.fit(*ds, "售价").ok());
    double before = lr.coefficients()(0);

    LinearRegressionParams bad;
    bad.learning_rate = -1;
    CHECK_FALSE(lr.set_params(bad).ok());
    bad.learning_rate = 0.1;
    bad.epochs = 0;
    CHECK_FALSE(lr.set_params(bad).ok());
    CHECK_FALSE(lr.fit(*ds, "no such column").ok());
    CHECK(lr.coefficients()(0) == before);

    MatrixF wrong(2, 5);
    wrong.setZero();
    CHECK_FALSE(lr.predict(wrong).ok());
    CHECK_FALSE(LinearRegression().predict(wrong).ok());
}

TEST_CASE("rank-deficient features give the minimum-norm solution") {
    // Two identical columns: lstsq splits the weight evenly between them.
    Dataset ds;
    ds.add_column("a", {1, 2, 3, 4});
    ds.add_column("a_copy", {1, 2, 3, 4});
    ds.add_column("y", {2, 4, 6, 8});
    LinearRegression lr;
    REQUIRE(lr.fit(ds, "y").ok());
    CHECK(lr.coefficients()(0) == doctest::Approx(1.0).epsilon(1e-9));
    CHECK(lr.coefficients()(1) == doctest::Approx(1.0).epsilon(1e-9));
    CHECK(lr.intercept() == doctest::Approx(0.0).scale(1.0).epsilon(1e-9));
}
