#include "core/portable_math.h"

#include "core/error.h"

#include <cmath>

namespace mlplay {

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

double portable_exp(double x) {
    MLPLAY_ASSERT(x >= -700.0 && x <= 700.0, "portable_exp: x must lie in [-700, 700]");
    // x = k ln2 + r with |r| <= ln2 / 2; e^x = 2^k e^r, ldexp is exact.
    const double ln2_hi = 6.93147180369123816490e-01;
    const double ln2_lo = 1.90821492927058770002e-10;
    double k = std::floor(x / 0.69314718055994530942 + 0.5);
    double r = (x - k * ln2_hi) - k * ln2_lo;
    // Taylor series of e^r, |r| < 0.347: 18 terms reach below 1e-18.
    double term = 1.0, sum = 1.0;
    for (int i = 1; i <= 18; ++i) {
        term *= r / i;
        sum += term;
    }
    return std::ldexp(sum, static_cast<int>(k));
}

namespace {

// sin and cos of r in [-pi/4, pi/4] by their Taylor series; the first
// omitted term is below 1e-19.
double sin_kernel(double r) {
    double r2 = r * r;
    double term = r, sum = 0.0;
    for (int k = 1; k <= 17; k += 2) {
        sum += term;
        term *= -r2 / ((k + 1) * (k + 2));
    }
    return sum;
}

double cos_kernel(double r) {
    double r2 = r * r;
    double term = 1.0, sum = 0.0;
    for (int k = 0; k <= 16; k += 2) {
        sum += term;
        term *= -r2 / ((k + 1) * (k + 2));
    }
    return sum;
}

// x = q * pi/2 + r with |r| <= pi/4 (Cody-Waite: pi/2 in two parts, the
// first with trailing zero bits so q * pio2_hi is exact for |q| < 2^20).
double reduce(double x, long& q) {
    MLPLAY_ASSERT(std::fabs(x) < 1e6, "portable sin/cos: |x| must be below 1e6");
    const double two_over_pi = 6.36619772367581382433e-01;
    const double pio2_hi = 1.57079632673412561417e+00;
    const double pio2_lo = 6.07710050650619224932e-11;
    double qd = std::floor(x * two_over_pi + 0.5);
    q = static_cast<long>(qd);
    return (x - qd * pio2_hi) - qd * pio2_lo;
}

} // namespace

double portable_sin(double x) {
    long q = 0;
    double r = reduce(x, q);
    switch (((q % 4) + 4) % 4) {
    case 0: return sin_kernel(r);
    case 1: return cos_kernel(r);
    case 2: return -sin_kernel(r);
    default: return -cos_kernel(r);
    }
}

double portable_cos(double x) {
    long q = 0;
    double r = reduce(x, q);
    switch (((q % 4) + 4) % 4) {
    case 0: return cos_kernel(r);
    case 1: return -sin_kernel(r);
    case 2: return -cos_kernel(r);
    default: return sin_kernel(r);
    }
}

} // namespace mlplay
