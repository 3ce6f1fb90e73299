// mlplay core: elementary functions that give the same bits on every target.
//
// glibc (native) and musl (WebAssembly) round log, sin and cos differently in
// the last place, which would make a seed draw different data natively and
// in the browser. These use only + - * / and exactly rounded operations
// (frexp, floor, sqrt), so with -ffp-contract=off (set in CMakeLists.txt) the
// results are bit-identical everywhere. Accuracy: within 2 ulp of the C
// library over the ranges used here (tests/test_rng.cpp checks it).
//
// Method: argument reduction, then short series (atanh series for log,
// Taylor series for sin and cos on [-pi/4, pi/4]); see Muller, "Elementary
// Functions: Algorithms and Implementation", chapters 9 and 11.
#pragma once

namespace mlplay {

// Natural logarithm; x must be finite and > 0.
double portable_log(double x);
// e^x; x in [-700, 700].
double portable_exp(double x);
// Sine and cosine; |x| < 1e6 (beyond that the reduction loses bits).
double portable_sin(double x);
double portable_cos(double x);

} // namespace mlplay
