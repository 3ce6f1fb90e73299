#include "core/rng.h"

#include "core/error.h"

#include <cmath>

namespace mlplay {

Rng::Rng(uint64_t seed, uint64_t stream) {
    // Seeding procedure of the PCG reference: the increment must be odd.
    m_inc = (stream << 1u) | 1u;
    m_state = 0;
    next_u32();
    m_state += seed;
    next_u32();
}

uint32_t Rng::next_u32() {
    uint64_t old = m_state;
    m_state = old * 6364136223846793005ULL + m_inc;
    // XSH RR output: xorshift the high bits, then rotate by the top 5 bits.
    uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

uint64_t Rng::next_u64() {
    uint64_t hi = next_u32();
    return (hi << 32u) | next_u32();
}

uint32_t Rng::uniform_index(uint32_t bound) {
    MLPLAY_ASSERT(bound > 0, "uniform_index needs a positive bound");
    // Reject the low values that would make the modulo biased.
    uint32_t threshold = (0u - bound) % bound;
    for (;;) {
        uint32_t r = next_u32();
        if (r >= threshold) return r % bound;
    }
}

double Rng::uniform() {
    // 53 high bits of a 64-bit draw, scaled by 2^-53: exact in double.
    return static_cast<double>(next_u64() >> 11u) * (1.0 / 9007199254740992.0);
}

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
    if (m_has_spare) {
        m_has_spare = false;
        return m_spare;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    // sqrt is correctly rounded by IEEE 754, so only log needed care.
    double factor = std::sqrt(-2.0 * portable_log(s) / s);
    m_spare = v * factor;
    m_has_spare = true;
    return u * factor;
}

double Rng::normal(double mean, double stddev) { return mean + stddev * normal(); }

void Rng::shuffle(std::vector<uint32_t>& v) {
    for (size_t i = v.size(); i > 1; --i) {
        uint32_t j = uniform_index(static_cast<uint32_t>(i));
        std::swap(v[i - 1], v[j]);
    }
}

std::vector<uint32_t> Rng::permutation(uint32_t n) {
    std::vector<uint32_t> v(n);
    for (uint32_t i = 0; i < n; ++i) v[i] = i;
    shuffle(v);
    return v;
}

} // namespace mlplay
