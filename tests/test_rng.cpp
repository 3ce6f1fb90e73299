#include "core/rng.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdint>

using mlplay::Rng;

namespace {

// FNV-1a over 64-bit words: a fingerprint of a whole sequence.
struct Fnv {
    uint64_t h = 1469598103934665603ULL;
    void add(uint64_t v) {
        for (int i = 0; i < 8; ++i) {
            h ^= (v >> (8 * i)) & 0xffu;
            h *= 1099511628211ULL;
        }
    }
    void add_double(double d) {
        uint64_t bits;
        static_assert(sizeof bits == sizeof d);
        std::memcpy(&bits, &d, sizeof d);
        add(bits);
    }
};

} // namespace

TEST_CASE("pcg32 matches the reference implementation's published output") {
    // pcg32-demo from the PCG reference C library, pcg32_srandom(42, 54).
    Rng rng(42, 54);
    const uint32_t expected[] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
                                 0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
    for (uint32_t e : expected) CHECK(rng.next_u32() == e);
}

TEST_CASE("uniform draws stay in range and look uniform") {
    Rng rng(7);
    double sum = 0.0;
    int counts[10] = {};
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        double u = rng.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        ++counts[rng.uniform_index(10)];
    }
    CHECK(sum / n == doctest::Approx(0.5).epsilon(0.01));
    for (int c : counts) CHECK(std::abs(c - n / 10) < 600); // ~6 sigma
}

TEST_CASE("normal draws have mean 0 and variance 1") {
    Rng rng(11);
    double sum = 0.0, sum2 = 0.0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        double z = rng.normal();
        sum += z;
        sum2 += z * z;
    }
    double mean = sum / n;
    CHECK(std::fabs(mean) < 0.01);
    CHECK(sum2 / n - mean * mean == doctest::Approx(1.0).epsilon(0.01));
}

TEST_CASE("portable_log agrees with the C library to the last bits") {
    const double xs[] = {1e-300, 1e-10, 0.001, 0.3, 0.5, 0.7071, 0.9999, 1.0,
                         1.0001, 2.0, 3.14159, 10.0, 12345.678, 1e300};
    for (double x : xs) {
        double want = std::log(x);
        double got = mlplay::portable_log(x);
        CHECK(std::fabs(got - want) <= 4e-16 * std::max(1.0, std::fabs(want)));
    }
}

TEST_CASE("a seed gives the same sequence on every target") {
    // These fingerprints were printed by the native build; the wasm build runs
    // this same test under node, so a mismatch there means the browser would
    // draw different splits, weights or data than the native runner.
    Rng rng(42);
    Fnv ints, doubles, normals, perm;
    for (int i = 0; i < 1000; ++i) ints.add(rng.next_u32());
    for (int i = 0; i < 1000; ++i) doubles.add_double(rng.uniform());
    for (int i = 0; i < 1000; ++i) normals.add_double(rng.normal());
    for (uint32_t v : rng.permutation(1000)) perm.add(v);
    CHECK(ints.h == 12575518067804063889ULL);
    CHECK(doubles.h == 9534494462716396769ULL);
    CHECK(normals.h == 7991257699733750065ULL);
    CHECK(perm.h == 3643773122938487327ULL);
}
