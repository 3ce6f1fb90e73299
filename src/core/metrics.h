// mlplay core: evaluation metrics, with scikit-learn's definitions.
//
// Regression: mean squared error, mean absolute error, coefficient of
// determination R^2 = 1 - SS_res / SS_tot (sklearn.metrics.r2_score: 1.0 for a
// perfect fit of a constant target, 0.0 for an imperfect one, NaN for fewer
// than two samples). Sums are
// accumulated in double. y_true and y_pred have the same length, at least 1.
#pragma once

#include "core/dataset.h"

namespace mlplay {

double mean_squared_error(const VectorF& y_true, const VectorF& y_pred);
double mean_absolute_error(const VectorF& y_true, const VectorF& y_pred);
double r2_score(const VectorF& y_true, const VectorF& y_pred);

} // namespace mlplay
