#include "core/datasets.h"

#include "core/portable_math.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <set>

using namespace mlplay;

namespace {

uint64_t fingerprint(const Dataset& ds) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t j = 0; j < ds.n_columns(); ++j)
        for (size_t i = 0; i < ds.n_rows(); ++i) {
            float v = ds.at(i, j);
            uint32_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            for (int b = 0; b < 4; ++b) {
                h ^= (bits >> (8 * b)) & 0xffu;
                h *= 1099511628211ULL;
            }
        }
    return h;
}

} // namespace

TEST_CASE("portable exp, sin and cos agree with the C library") {
    for (double x = -40.0; x <= 40.0; x += 0.0137) {
        CHECK(std::fabs(portable_sin(x) - std::sin(x)) <= 4.5e-16);
        CHECK(std::fabs(portable_cos(x) - std::cos(x)) <= 4.5e-16);
    }
    for (double x = -700.0; x <= 700.0; x += 0.731)
        CHECK(std::fabs(portable_exp(x) - std::exp(x)) <= 1e-15 * std::exp(x));
    CHECK(portable_exp(0.0) == 1.0);
    CHECK(portable_sin(0.0) == 0.0);
    CHECK(portable_cos(0.0) == 1.0);
}

TEST_CASE("every registered dataset loads and has its target column") {
    for (const BuiltinDatasetInfo& info : builtin_datasets()) {
        CAPTURE(info.name);
        auto ds = load_builtin_dataset(info.name);
        REQUIRE(ds.ok());
        CHECK(ds->n_rows() > 0);
        CHECK(ds->find_column(info.target) >= 0);
        CHECK_FALSE(info.source.empty());
    }
    auto missing = load_builtin_dataset("titanic");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("iris") != std::string::npos);
}

TEST_CASE("the classic tables have scikit-learn's shapes") {
    struct Shape { const char* name; size_t rows, cols; };
    const Shape shapes[] = {{"iris", 150, 5},          {"wine", 178, 14},
                            {"breast_cancer", 569, 31}, {"digits", 1797, 65},
                            {"diabetes", 442, 11},      {"moons_sklearn", 1000, 3}};
    for (const Shape& s : shapes) {
        CAPTURE(s.name);
        auto ds = load_builtin_dataset(s.name);
        REQUIRE(ds.ok());
        CHECK(ds->n_rows() == s.rows);
        CHECK(ds->n_columns() == s.cols);
    }
    auto iris = load_builtin_dataset("iris");
    CHECK(iris->column_name(0) == "sepal length (cm)");
    CHECK(iris->at(0, 0) == 5.1f);
}

TEST_CASE("toy generators follow their shapes without noise") {
    auto circles = make_toy_2d("circles", 200, 0.0, 1);
    REQUIRE(circles.ok());
    for (size_t i = 0; i < circles->n_rows(); ++i) {
        double r = std::hypot(circles->at(i, 0), circles->at(i, 1));
        CHECK(r == doctest::Approx(circles->at(i, 2) == 0 ? 1.0 : 0.5).epsilon(1e-6));
    }
    // make_moons(n, noise=0): the outer moon lies on the unit circle's upper
    // half, the inner one on a circle centred at (1, 0.5).
    auto moons = make_toy_2d("moons", 100, 0.0, 1);
    REQUIRE(moons.ok());
    for (size_t i = 0; i < moons->n_rows(); ++i) {
        double x = moons->at(i, 0), y = moons->at(i, 1);
        if (moons->at(i, 2) == 0) CHECK(std::hypot(x, y) == doctest::Approx(1.0).epsilon(1e-6));
        else CHECK(std::hypot(x - 1.0, y - 0.5) == doctest::Approx(1.0).epsilon(1e-6));
    }
    auto xr = make_toy_2d("xor", 300, 0.0, 3);
    for (size_t i = 0; i < xr->n_rows(); ++i)
        CHECK((xr->at(i, 2) == 1) == (xr->at(i, 0) * xr->at(i, 1) < 0));
}

TEST_CASE("toy generators balance and size their classes") {
    for (const char* kind : {"circles", "moons", "spiral"}) {
        auto ds = make_toy_2d(kind, 301, 0.1, 5);
        REQUIRE(ds.ok());
        size_t ones = 0;
        for (size_t i = 0; i < ds->n_rows(); ++i) ones += ds->at(i, 2) == 1;
        CHECK(ones == 151);
    }
    auto blobs = make_toy_2d("blobs", 400, 1.0, 2, 4);
    REQUIRE(blobs.ok());
    std::set<float> labels;
    for (size_t i = 0; i < blobs->n_rows(); ++i) labels.insert(blobs->at(i, 2));
    CHECK(labels == std::set<float>{0, 1, 2, 3});
}

TEST_CASE("bad generator settings are errors") {
    CHECK_FALSE(make_toy_2d("torus", 100, 0.1, 1).ok());
    CHECK_FALSE(make_toy_2d("moons", 1, 0.1, 1).ok());
    CHECK_FALSE(make_toy_2d("moons", 100, -1, 1).ok());
    CHECK_FALSE(make_toy_2d("moons", 100, std::nan(""), 1).ok());
    CHECK_FALSE(make_toy_2d("blobs", 100, 1, 1, 1).ok());
}

TEST_CASE("generated datasets are identical on every target") {
    // Printed by the native build; the wasm build must make the same bits.
    CHECK(fingerprint(*make_toy_2d("circles", 500, 0.1, 42)) == 10575172147047392104ULL);
    CHECK(fingerprint(*make_toy_2d("moons", 500, 0.1, 42)) == 12873663676908768462ULL);
    CHECK(fingerprint(*make_toy_2d("spiral", 500, 0.2, 42)) == 1595209721093710810ULL);
    CHECK(fingerprint(*make_toy_2d("blobs", 500, 1.0, 42, 3)) == 378111082593190958ULL);
    CHECK(fingerprint(*make_housing(300, 15.0, 42)) == 2061113821321236266ULL);
}
