// mlplay core: the statistics behind preprocessing and feature selection,
// with scikit-learn 1.2.1's (and NumPy 1.24's) definitions.
//
// X is (n_samples, n_features) and y (n_samples), both in double: a float32
// Dataset column read as double is the value scikit-learn sees after
// `X.astype(np.float64)`. tests/test_preprocess.cpp checks each function
// against tests/reference/make_preprocess_references.py.
//
// - percentile_sorted: NumPy's default ("linear") percentile, Hyndman and Fan
//   definition 7 (Hyndman & Fan, "Sample quantiles in statistical packages",
//   The American Statistician 50, 1996), with NumPy's own interpolation
//   formula so results agree to the last bit. O(1) on sorted values.
// - f_classif: the one-way ANOVA F statistic of each feature against the
//   classes of y, and its p-value (sklearn.feature_selection.f_classif).
//   Sums of squares are taken around the group means (two passes); sklearn
//   uses one-pass sums, which agree to ~1e-12 on well-scaled data but leave
//   rounding noise where the exact answer is 0. As sklearn, a feature
//   constant within every class gives F = +inf (p = 0), and a feature
//   constant everywhere gives F = NaN (p = NaN); SelectStep (preprocess.h)
//   turns both into finite scores. O(n d).
// - r_regression: Pearson's r of each feature with y; f_regression: the F
//   statistic of a one-feature linear regression, F = r^2 / (1 - r^2) (n - 2),
//   and its p-value. Both with sklearn's force_finite=True: r = 0 and F = 0
//   (p = 1) for a constant feature or target, F = DBL_MAX (p = 0) for
//   |r| = 1. The norms are two-pass (sklearn's are one-pass: for a constant
//   column sklearn's r is rounding noise, ours exactly 0). O(n d).
// - p-values: the upper tail of the F distribution, Q(F | d1, d2) =
//   I_{d2 / (d2 + d1 F)}(d2 / 2, d1 / 2), from the regularized incomplete
//   beta function I_x(a, b) by its continued fraction evaluated with Lentz's
//   method (Numerical Recipes, 3rd ed., section 6.4; Abramowitz and Stegun
//   26.5.8 and 26.6.2). Relative accuracy ~1e-13 against scipy's fdtrc.
// - mutual_info_regression / mutual_info_classif: the k-nearest-neighbour
//   estimators of Kraskov, Stoegbauer and Grassberger ("Estimating mutual
//   information", Phys. Rev. E 69, 2004, estimator 1; continuous y) and Ross
//   ("Mutual information between discrete and continuous data sets", PLoS
//   ONE 9(2), 2014; discrete y), exactly as sklearn 1.2.1 prepares and runs
//   them: each feature (and a continuous y) divided by its standard
//   deviation, plus noise 1e-10 * max(1, mean |x|) * N(0, 1) to break ties,
//   Chebyshev distances, radii just below the k-th neighbour's distance,
//   negative estimates clipped to 0. The noise comes from mlplay's Rng (the
//   seed), not NumPy's, so on data with repeated values the estimate differs
//   from sklearn's as much as two sklearn runs with different random_state
//   values differ from each other (the test bounds this); on data without
//   repeated values the two agree to ~1e-12. Cost per feature: O(n log n)
//   for sorting, plus the neighbour search, O(n k) on spread-out data and up
//   to O(n^2) when most values are (nearly) equal.
//
// Errors (returned, never thrown): fewer rows than a statistic needs, a
// non-finite value in X or y (impute first), a single class.
#pragma once

#include "core/dataset.h"
#include "core/error.h"

#include <cstdint>
#include <vector>

namespace mlplay {

// The q-th percentile (0 <= q <= 100) of `sorted`, which is ascending,
// non-empty and free of NaN (asserted): np.percentile(values, q).
double percentile_sorted(const std::vector<double>& sorted, double q);

// I_x(a, b) for a, b > 0 and 0 <= x <= 1.
double regularized_incomplete_beta(double a, double b, double x);
// P(F > f) for an F(d1, d2) variable; f >= 0 (+inf gives 0).
double f_distribution_sf(double f, double d1, double d2);

// One score and p-value per feature, in the column order of X.
struct FeatureTest {
    std::vector<double> scores;
    std::vector<double> p_values;
};

// y holds class labels (any numbers, grouped by exact value): at least two
// classes and more rows than classes.
Result<FeatureTest> f_classif(const MatrixD& X, const VectorD& y);
// At least 3 rows.
Result<FeatureTest> f_regression(const MatrixD& X, const VectorD& y);
// At least 2 rows.
Result<std::vector<double>> r_regression(const MatrixD& X, const VectorD& y);

// In nats, >= 0. n_neighbors >= 1 and fewer than the rows (classif: than
// the rows of some class). seed drives the tie-breaking noise.
Result<std::vector<double>> mutual_info_regression(const MatrixD& X, const VectorD& y,
                                                   uint64_t seed = 0, int n_neighbors = 3);
Result<std::vector<double>> mutual_info_classif(const MatrixD& X, const VectorD& y,
                                                uint64_t seed = 0, int n_neighbors = 3);

// The estimators alone, on columns already scaled and noised (sklearn's
// _compute_mi_cc and _compute_mi_cd). cc: x and y continuous, same length
// n > k. cd: c continuous, d discrete labels; classes of one row are left
// out, as sklearn does, and some class must have two rows (asserted).
double mutual_info_cc(const std::vector<double>& x, const std::vector<double>& y, int k);
double mutual_info_cd(const std::vector<double>& c, const std::vector<double>& d, int k);

} // namespace mlplay
