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

double portable_log(double x) {
    MLPLAY_ASSERT(x > 0.0 && std::isfinite(x), "portable_log needs a finite positive x");
    // x = m * 2^e with m in [0.5, 1); frexp is exact. Move m into
    // [sqrt(1/2), sqrt(2)) so the series below converges fast.
    int e = 0;
    double m = std::frexp(x, &e);
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172:
    // 2 (s + s^3/3 + s^5/5 + ...), 12 terms reach below 1e-17 relative.
    double s = (m - 1.0) / (m + 1.0);
    double s2 = s * s;
    double term = s;
    double sum = 0.0;
    for (int k = 1; k <= 23; k += 2) {
        sum += term / k;
        term *= s2;
    }
    // ln 2 split in a high part exact in 32 bits and a low correction.
    const double ln2_hi = 6.93147180369123816490e-01;
    const double ln2_lo = 1.90821492927058770002e-10;
    return e * ln2_hi + (2.0 * sum + e * ln2_lo);
}

} // namespace mlplay
