#include "core/metrics.h"

#include "core/error.h"

#include <cmath>

namespace mlplay {

namespace {

void check_lengths(const VectorF& a, const VectorF& b) {
    MLPLAY_ASSERT(a.size() == b.size() && a.size() > 0,
                  "metrics need two non-empty vectors of equal length");
}

} // namespace

double mean_squared_error(const VectorF& y_true, const VectorF& y_pred) {
    check_lengths(y_true, y_pred);
    double sum = 0.0;
    for (Eigen::Index i = 0; i < y_true.size(); ++i) {
        double d = static_cast<double>(y_true(i)) - y_pred(i);
        sum += d * d;
    }
    return sum / static_cast<double>(y_true.size());
}

double mean_absolute_error(const VectorF& y_true, const VectorF& y_pred) {
    check_lengths(y_true, y_pred);
    double sum = 0.0;
    for (Eigen::Index i = 0; i < y_true.size(); ++i)
        sum += std::fabs(static_cast<double>(y_true(i)) - y_pred(i));
    return sum / static_cast<double>(y_true.size());
}

double r2_score(const VectorF& y_true, const VectorF& y_pred) {
    check_lengths(y_true, y_pred);
    // As scikit-learn: R^2 is not defined for a single sample.
    if (y_true.size() < 2) return NAN;
    double mean = 0.0;
    for (Eigen::Index i = 0; i < y_true.size(); ++i) mean += y_true(i);
    mean /= static_cast<double>(y_true.size());

    double ss_res = 0.0, ss_tot = 0.0;
    for (Eigen::Index i = 0; i < y_true.size(); ++i) {
        double r = static_cast<double>(y_true(i)) - y_pred(i);
        double t = static_cast<double>(y_true(i)) - mean;
        ss_res += r * r;
        ss_tot += t * t;
    }
    if (ss_tot == 0.0) return ss_res == 0.0 ? 1.0 : 0.0;
    return 1.0 - ss_res / ss_tot;
}

} // namespace mlplay
