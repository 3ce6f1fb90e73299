#include "core/metrics.h"

#include "reference/references.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace mlplay;

namespace {

VectorF to_vector(const double* v, size_t n) {
    VectorF out(static_cast<Eigen::Index>(n));
    for (size_t i = 0; i < n; ++i) out(static_cast<Eigen::Index>(i)) = static_cast<float>(v[i]);
    return out;
}

} // namespace

TEST_CASE("regression metrics match scikit-learn") {
    const size_t n = sizeof ref::metric_y_true / sizeof(double);
    VectorF t = to_vector(ref::metric_y_true, n), p = to_vector(ref::metric_y_pred, n);
    CHECK(r2_score(t, p) == doctest::Approx(ref::metric_r2).epsilon(1e-9));
    CHECK(mean_squared_error(t, p) == doctest::Approx(ref::metric_mse).epsilon(1e-9));
    CHECK(mean_absolute_error(t, p) == doctest::Approx(ref::metric_mae).epsilon(1e-9));
}

TEST_CASE("r2 of a constant target follows scikit-learn's convention") {
    VectorF c = VectorF::Constant(5, 3.0f);
    CHECK(r2_score(c, c) == 1.0);
    VectorF off = VectorF::Constant(5, 4.0f);
    CHECK(r2_score(c, off) == 0.0);
}

TEST_CASE("r2 of a single sample is undefined, as in scikit-learn") {
    VectorF one = VectorF::Constant(1, 3.0f);
    CHECK(std::isnan(r2_score(one, one)));
}
