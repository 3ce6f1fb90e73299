// mlplay core: statistics for preprocessing and feature selection (see
// preprocess_scores.h for the definitions, their sources and costs).
#include "core/preprocess_scores.h"

#include "core/rng.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>

namespace mlplay {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// --- input checks ------------------------------------------------------------------

Status check_xy(const MatrixD& X, const VectorD& y, Eigen::Index min_rows, const char* what) {
    MLPLAY_ASSERT(X.rows() == y.size(), "X and y must have one row per sample");
    if (X.rows() < min_rows)
        return make_error("%s needs at least %ld rows; the data has %ld", what,
                          static_cast<long>(min_rows), static_cast<long>(X.rows()));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        if (!std::isfinite(y(i)))
            return make_error("the target has a missing or infinite value in row %ld; "
                              "drop the rows without a target first", static_cast<long>(i) + 1);
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            if (!std::isfinite(X(i, j)))
                return make_error("feature %ld has a missing or infinite value in row %ld; "
                                  "impute it first", static_cast<long>(j) + 1,
                                  static_cast<long>(i) + 1);
    return Status();
}

// The distinct values of y, ascending, and each row's index among them.
std::vector<double> class_labels(const VectorD& y, std::vector<int>& codes) {
    std::vector<double> labels(y.data(), y.data() + y.size());
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    codes.resize(static_cast<size_t>(y.size()));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        codes[static_cast<size_t>(i)] = static_cast<int>(
            std::lower_bound(labels.begin(), labels.end(), y(i)) - labels.begin());
    return labels;
}

// --- incomplete beta -----------------------------------------------------------------

// The continued fraction of I_x(a, b), by the modified Lentz method
// (Numerical Recipes, 3rd ed., section 6.4, betacf).
double beta_continued_fraction(double a, double b, double x) {
    const double tiny = 1e-300;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double m2 = 2.0 * m;
        // even step
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        // odd step
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        const double step = d * c;
        h *= step;
        if (std::fabs(step - 1.0) < 4.0 * kEps) break;
    }
    return h;
}

// I_x(a, b) given both x and y = 1 - x, so a caller that knows 1 - x
// exactly loses nothing to the subtraction.
double incomplete_beta(double a, double b, double x, double y) {
    if (x <= 0.0) return 0.0;
    if (y <= 0.0) return 1.0;
    const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                             a * std::log(x) + b * std::log(y);
    if (x < (a + 1.0) / (a + b + 2.0))
        return std::exp(log_front) * beta_continued_fraction(a, b, x) / a;
    return 1.0 - std::exp(log_front) * beta_continued_fraction(b, a, y) / b;
}

// --- mutual information helpers ------------------------------------------------------

// digamma(1..n) for whole numbers: psi(1) = -gamma, psi(m + 1) = psi(m) + 1/m.
std::vector<double> digamma_table(size_t n) {
    std::vector<double> psi(n + 1, 0.0);
    if (n >= 1) psi[1] = -0.57721566490153286061;
    for (size_t m = 1; m < n; ++m) psi[m + 1] = psi[m] + 1.0 / static_cast<double>(m);
    return psi;
}

// Positions of v sorted ascending (stable), and the sorted values.
std::vector<uint32_t> sort_order(const std::vector<double>& v, std::vector<double>& sorted) {
    std::vector<uint32_t> order(v.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return v[a] < v[b]; });
    sorted.resize(v.size());
    for (size_t p = 0; p < v.size(); ++p) sorted[p] = v[order[p]];
    return order;
}

// How many values of `sorted` lie within `radius` of sorted[p] (itself
// included), distances computed as |a - b| in double, as sklearn's KDTree.
size_t count_within(const std::vector<double>& sorted, size_t p, double radius) {
    const double v = sorted[p];
    auto left = std::partition_point(sorted.begin(), sorted.begin() + static_cast<long>(p),
                                     [&](double w) { return v - w > radius; });
    auto right = std::partition_point(sorted.begin() + static_cast<long>(p), sorted.end(),
                                      [&](double w) { return w - v <= radius; });
    return static_cast<size_t>(right - left);
}

// Distance from sorted[p] to its k-th nearest other value (1-D), k < size.
double kth_distance_1d(const std::vector<double>& sorted, size_t p, int k) {
    size_t l = p, r = p + 1;
    double d = 0.0;
    for (int taken = 0; taken < k; ++taken) {
        const double dl = l > 0 ? sorted[p] - sorted[l - 1] : HUGE_VAL;
        const double dr = r < sorted.size() ? sorted[r] - sorted[p] : HUGE_VAL;
        if (dl <= dr) {
            d = dl;
            --l;
        } else {
            d = dr;
            ++r;
        }
    }
    return d;
}

// Each column of X (and y when continuous) as sklearn's _estimate_mi
// prepares it: divided by its population standard deviation (1 when that is
// below 10 eps), plus 1e-10 * max(1, mean |x|) * N(0, 1).
std::vector<double> scaled_with_noise(const double* x, size_t n, Rng& rng) {
    double mean = 0.0;
    for (size_t i = 0; i < n; ++i) mean += x[i];
    mean /= static_cast<double>(n);
    double ss = 0.0;
    for (size_t i = 0; i < n; ++i) ss += (x[i] - mean) * (x[i] - mean);
    double sd = std::sqrt(ss / static_cast<double>(n));
    if (sd < 10.0 * kEps) sd = 1.0;

    std::vector<double> out(n);
    double mean_abs = 0.0;
    for (size_t i = 0; i < n; ++i) {
        out[i] = x[i] / sd;
        mean_abs += std::fabs(out[i]);
    }
    const double amplitude = 1e-10 * std::max(1.0, mean_abs / static_cast<double>(n));
    for (size_t i = 0; i < n; ++i) out[i] += amplitude * rng.normal();
    return out;
}

} // namespace

// --- percentiles and distributions ---------------------------------------------------

double percentile_sorted(const std::vector<double>& sorted, double q) {
    MLPLAY_ASSERT(!sorted.empty(), "percentile of no values");
    MLPLAY_ASSERT(q >= 0.0 && q <= 100.0, "percentile outside 0..100");
    // NumPy 1.24 _quantile, method "linear": virtual index (n - 1) q, then
    // _lerp, which interpolates from the nearer end.
    const double index = static_cast<double>(sorted.size() - 1) * (q / 100.0);
    const double below = std::floor(index);
    const double gamma = index - below;
    const size_t lo = static_cast<size_t>(below);
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double a = sorted[lo], b = sorted[hi];
    const double diff = b - a;
    return gamma >= 0.5 ? b - diff * (1.0 - gamma) : a + diff * gamma;
}

double regularized_incomplete_beta(double a, double b, double x) {
    MLPLAY_ASSERT(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0,
                  "incomplete beta needs a, b > 0 and 0 <= x <= 1");
    return incomplete_beta(a, b, x, 1.0 - x);
}

double f_distribution_sf(double f, double d1, double d2) {
    MLPLAY_ASSERT(d1 > 0.0 && d2 > 0.0, "F distribution needs positive degrees of freedom");
    if (std::isnan(f)) return kNaN;
    MLPLAY_ASSERT(f >= 0.0, "F statistic below 0");
    const double d1f = d1 * f;
    if (std::isinf(d1f)) return 0.0;
    // x = d2 / (d2 + d1 f) and 1 - x = d1 f / (d2 + d1 f), each without cancellation.
    return incomplete_beta(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1f), d1f / (d2 + d1f));
}

// --- F-tests and correlation -----------------------------------------------------------

Result<FeatureTest> f_classif(const MatrixD& X, const VectorD& y) {
    if (Status s = check_xy(X, y, 2, "an ANOVA F-test"); !s) return s.error();
    std::vector<int> codes;
    const std::vector<double> labels = class_labels(y, codes);
    const size_t n = static_cast<size_t>(X.rows());
    const size_t k = labels.size();
    if (k < 2)
        return make_error("an ANOVA F-test needs at least two classes in the target; "
                          "it holds only %g", labels[0]);
    if (n <= k)
        return make_error("an ANOVA F-test needs more rows than classes; the data has %zu rows "
                          "and %zu classes", n, k);

    std::vector<double> class_n(k, 0.0);
    for (int c : codes) class_n[static_cast<size_t>(c)] += 1.0;
    const double df_between = static_cast<double>(k - 1);
    const double df_within = static_cast<double>(n - k);

    FeatureTest out;
    std::vector<double> class_mean(k);
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        // group means, then sums of squares around them
        std::fill(class_mean.begin(), class_mean.end(), 0.0);
        double mean = 0.0;
        for (size_t i = 0; i < n; ++i) {
            const double v = X(static_cast<Eigen::Index>(i), j);
            class_mean[static_cast<size_t>(codes[i])] += v;
            mean += v;
        }
        mean /= static_cast<double>(n);
        for (size_t c = 0; c < k; ++c) class_mean[c] /= class_n[c];

        double ss_between = 0.0, ss_within = 0.0;
        for (size_t c = 0; c < k; ++c)
            ss_between += class_n[c] * (class_mean[c] - mean) * (class_mean[c] - mean);
        for (size_t i = 0; i < n; ++i) {
            const double r = X(static_cast<Eigen::Index>(i), j) -
                             class_mean[static_cast<size_t>(codes[i])];
            ss_within += r * r;
        }
        const double f = (ss_between / df_between) / (ss_within / df_within);
        out.scores.push_back(f);
        out.p_values.push_back(f_distribution_sf(f, df_between, df_within));
    }
    return out;
}

Result<std::vector<double>> r_regression(const MatrixD& X, const VectorD& y) {
    if (Status s = check_xy(X, y, 2, "a correlation"); !s) return s.error();
    const VectorD yc = y.array() - y.mean();
    const double y_norm = yc.norm();

    std::vector<double> r;
    r.reserve(static_cast<size_t>(X.cols()));
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const VectorD xc = X.col(j).array() - X.col(j).mean();
        const double x_norm = xc.norm();
        // sklearn's force_finite: a constant feature or target has r = 0
        r.push_back(x_norm == 0.0 || y_norm == 0.0 ? 0.0 : xc.dot(yc) / x_norm / y_norm);
    }
    return r;
}

Result<FeatureTest> f_regression(const MatrixD& X, const VectorD& y) {
    if (Status s = check_xy(X, y, 3, "an F-test for regression"); !s) return s.error();
    Result<std::vector<double>> r = r_regression(X, y);
    if (!r) return r.error();
    const double dof = static_cast<double>(X.rows() - 2);

    FeatureTest out;
    for (double rj : *r) {
        const double r2 = rj * rj;
        double f = r2 / (1.0 - r2) * dof;
        if (!(f <= DBL_MAX)) f = DBL_MAX; // |r| = 1 (force_finite)
        out.scores.push_back(f);
        out.p_values.push_back(f == DBL_MAX ? 0.0 : f_distribution_sf(f, 1.0, dof));
    }
    return out;
}

// --- mutual information --------------------------------------------------------------

double mutual_info_cc(const std::vector<double>& x, const std::vector<double>& y, int k) {
    const size_t n = x.size();
    MLPLAY_ASSERT(y.size() == n, "x and y differ in length");
    MLPLAY_ASSERT(k >= 1 && static_cast<size_t>(k) < n, "need more points than neighbours");

    std::vector<double> xs, ys;
    const std::vector<uint32_t> by_x = sort_order(x, xs);
    const std::vector<uint32_t> by_y = sort_order(y, ys);
    std::vector<uint32_t> y_pos(n);
    for (size_t p = 0; p < n; ++p) y_pos[by_y[p]] = static_cast<uint32_t>(p);
    const std::vector<double> psi = digamma_table(n);

    // For each point, the Chebyshev distance to its k-th neighbour in (x, y):
    // walk outwards in x order, nearer side first, until |dx| alone reaches
    // the k-th best distance found so far.
    double sum_psi_x = 0.0, sum_psi_y = 0.0;
    std::priority_queue<double> best; // the k smallest distances, largest on top
    for (size_t p = 0; p < n; ++p) {
        const uint32_t i = by_x[p];
        best = std::priority_queue<double>();
        size_t l = p, r = p + 1;
        for (;;) {
            const double dl = l > 0 ? xs[p] - xs[l - 1] : HUGE_VAL;
            const double dr = r < n ? xs[r] - xs[p] : HUGE_VAL;
            const double dx = std::min(dl, dr);
            if (dx == HUGE_VAL) break;
            if (best.size() == static_cast<size_t>(k) && dx >= best.top()) break;
            const uint32_t j = dl <= dr ? by_x[--l] : by_x[r++];
            const double d = std::max(dx, std::fabs(y[j] - y[i]));
            if (best.size() < static_cast<size_t>(k)) {
                best.push(d);
            } else if (d < best.top()) {
                best.pop();
                best.push(d);
            }
        }
        const double radius = std::nextafter(best.top(), 0.0);
        sum_psi_x += psi[count_within(xs, p, radius)];
        sum_psi_y += psi[count_within(ys, y_pos[i], radius)];
    }
    const double nd = static_cast<double>(n);
    const double mi = psi[n] + psi[static_cast<size_t>(k)] - sum_psi_x / nd - sum_psi_y / nd;
    return std::max(0.0, mi);
}

double mutual_info_cd(const std::vector<double>& c, const std::vector<double>& d, int k) {
    const size_t n = c.size();
    MLPLAY_ASSERT(d.size() == n, "c and d differ in length");
    MLPLAY_ASSERT(k >= 1, "need at least one neighbour");

    // Rows grouped by label, each group's values sorted.
    std::vector<double> ds;
    const std::vector<uint32_t> by_label = sort_order(d, ds);
    std::vector<double> radius(n, 0.0), k_all(n, 0.0), label_count(n, 0.0);
    for (size_t start = 0; start < n;) {
        size_t end = start;
        while (end < n && ds[end] == ds[start]) ++end;
        const size_t count = end - start;
        if (count > 1) {
            std::vector<double> group;
            for (size_t p = start; p < end; ++p) group.push_back(c[by_label[p]]);
            std::vector<double> sorted;
            const std::vector<uint32_t> order = sort_order(group, sorted);
            const int kk = static_cast<int>(std::min<size_t>(static_cast<size_t>(k), count - 1));
            for (size_t q = 0; q < count; ++q) {
                const uint32_t row = by_label[start + order[q]];
                radius[row] = std::nextafter(kth_distance_1d(sorted, q, kk), 0.0);
                k_all[row] = kk;
            }
        }
        for (size_t p = start; p < end; ++p) label_count[by_label[p]] = static_cast<double>(count);
        start = end;
    }

    // Rows whose label occurs once are left out.
    std::vector<double> kept;
    std::vector<uint32_t> kept_rows;
    for (size_t i = 0; i < n; ++i)
        if (label_count[i] > 1.0) {
            kept.push_back(c[i]);
            kept_rows.push_back(static_cast<uint32_t>(i));
        }
    const size_t m = kept.size();
    MLPLAY_ASSERT(m > 0, "every label occurs once");

    std::vector<double> sorted;
    const std::vector<uint32_t> order = sort_order(kept, sorted);
    const std::vector<double> psi = digamma_table(n);
    double sum_k = 0.0, sum_labels = 0.0, sum_m = 0.0;
    for (size_t p = 0; p < m; ++p) {
        const uint32_t row = kept_rows[order[p]];
        sum_k += psi[static_cast<size_t>(k_all[row])];
        sum_labels += psi[static_cast<size_t>(label_count[row])];
        sum_m += psi[count_within(sorted, p, radius[row])];
    }
    const double md = static_cast<double>(m);
    const double mi = psi[m] + sum_k / md - sum_labels / md - sum_m / md;
    return std::max(0.0, mi);
}

Result<std::vector<double>> mutual_info_regression(const MatrixD& X, const VectorD& y,
                                                   uint64_t seed, int n_neighbors) {
    MLPLAY_ASSERT(n_neighbors >= 1, "n_neighbors must be at least 1");
    if (Status s = check_xy(X, y, n_neighbors + 1, "mutual information"); !s) return s.error();
    const size_t n = static_cast<size_t>(X.rows());

    Rng rng(seed);
    std::vector<std::vector<double>> columns;
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        columns.push_back(scaled_with_noise(X.col(j).data(), n, rng));
    const std::vector<double> target = scaled_with_noise(y.data(), n, rng);

    std::vector<double> mi;
    for (const std::vector<double>& x : columns)
        mi.push_back(mutual_info_cc(x, target, n_neighbors));
    return mi;
}

Result<std::vector<double>> mutual_info_classif(const MatrixD& X, const VectorD& y,
                                                uint64_t seed, int n_neighbors) {
    MLPLAY_ASSERT(n_neighbors >= 1, "n_neighbors must be at least 1");
    if (Status s = check_xy(X, y, 2, "mutual information"); !s) return s.error();
    const size_t n = static_cast<size_t>(X.rows());
    std::vector<int> codes;
    const std::vector<double> labels = class_labels(y, codes);
    if (labels.size() == n)
        return make_error("every row of the target is a class of its own (%zu classes); "
                          "a continuous target needs the regression estimator", n);

    Rng rng(seed);
    const std::vector<double> target(y.data(), y.data() + n);
    std::vector<double> mi;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const std::vector<double> x = scaled_with_noise(X.col(j).data(), n, rng);
        mi.push_back(mutual_info_cd(x, target, n_neighbors));
    }
    return mi;
}

} // namespace mlplay
