// mlplay core: the one random generator of the project.
//
// PCG32 (M. E. O'Neill, "PCG: A Family of Simple Fast Space-Efficient
// Statistically Good Algorithms for Random Number Generation", 2014): a 64-bit
// linear congruential state with a permuted 32-bit output. Every distribution
// below is written here with integer arithmetic and correctly rounded IEEE
// operations only (no std:: distributions, no libm transcendental functions),
// so a seed yields bit-identical sequences natively (libstdc++/glibc) and in
// the browser (libc++/musl). tests/test_rng.cpp pins the sequences.
#pragma once

#include "core/portable_math.h"

#include <cstdint>
#include <vector>

namespace mlplay {

class Rng {
public:
    explicit Rng(uint64_t seed = 0, uint64_t stream = 0x5851f42d4c957f2dULL);

    uint32_t next_u32();
    uint64_t next_u64();

    // Uniform integer in [0, bound); bound > 0. Unbiased (rejection).
    uint32_t uniform_index(uint32_t bound);
    // Uniform double in [0, 1) with 53 random bits.
    double uniform();
    // Uniform double in [lo, hi).
    double uniform(double lo, double hi);
    // Standard normal by Marsaglia's polar method.
    double normal();
    double normal(double mean, double stddev);

    // Fisher-Yates shuffle of an index vector, driven by uniform_index.
    void shuffle(std::vector<uint32_t>& v);
    // 0..n-1 in random order.
    std::vector<uint32_t> permutation(uint32_t n);

private:
    uint64_t m_state = 0;
    uint64_t m_inc = 0;
    bool m_has_spare = false;
    double m_spare = 0.0;
};

} // namespace mlplay
