// mlplay core: evaluation metrics, with scikit-learn's definitions.
//
// Every metric below is checked against scikit-learn 1.2.1 by the doctest suite
// (tests/reference/make_references.py). Sums are accumulated in double; inputs
// in float are read as the same values in double, which is what sklearn sees.
//
// Regression: mean squared error, mean absolute error, coefficient of
// determination R^2 = 1 - SS_res / SS_tot (sklearn.metrics.r2_score: 1.0 for a
// perfect fit of a constant target, 0.0 for an imperfect one, NaN for fewer
// than two samples). y_true and y_pred have the same length, at least 1
// (asserted: the models produce y_pred, so a mismatch is a bug).
//
// Classification, on integer class labels (class indices 0..k-1 as a rule;
// where no column is indexed by the label, any int works). Cost O(n log k + k^2).
//   - accuracy, confusion matrix, and per class precision = tp / (tp + fp),
//     recall = tp / (tp + fn), F1 = 2 P R / (P + R), with sklearn's
//     zero_division=0: a 0/0 ratio is 0. Macro averages are plain means over
//     the classes, weighted ones use the support (the count of true rows).
//     The classes are the sorted union of the labels in y_true and y_pred, as
//     sklearn's unique_labels, so a class that is only ever predicted counts
//     in the macro average with recall 0. (sklearn.metrics.precision_recall_
//     fscore_support; Manning, Raghavan, Schuetze, "Introduction to
//     Information Retrieval", section 8.3.)
//   - log loss, -mean(log p[i, y_i]), after sklearn 1.2.1's treatment of the
//     probabilities: clip to [eps, 1 - eps], then divide each row by its sum.
//     Cost O(n k). (Bishop, "Pattern Recognition and Machine Learning", 4.3.4.)
//   - ROC curve of a binary problem (labels 0 and 1; 1 is the positive class):
//     the scores sorted once, O(n log n), one point per distinct score, then
//     the collinear points dropped exactly as sklearn.metrics.roc_curve with
//     drop_intermediate=True. As sklearn 1.2.1, the first threshold is the
//     highest score + 1 (later versions use +inf). AUC is the trapezoidal area
//     under that curve; one-vs-rest AUC (multi-class) is the mean of each
//     class's AUC against the rest. (Fawcett, "An introduction to ROC
//     analysis", Pattern Recognition Letters 27, 2006; Provost & Domingos 2003
//     for the one-vs-rest average.)
//
// Clustering:
//   - inertia: sum over rows of the squared Euclidean distance to the centroid
//     of the row's cluster (KMeans.inertia_). O(n d).
//   - silhouette (Rousseeuw, J. Comput. Appl. Math. 20, 1987): for each row,
//     a = mean distance to the other rows of its cluster, b = the smallest mean
//     distance to the rows of another cluster, s = (b - a) / max(a, b); s = 0
//     for a row alone in its cluster, as sklearn. The score is the mean of s.
//     Euclidean distances computed directly (not through the dot-product
//     expansion sklearn uses; they agree to ~1e-12). O(n^2 d) time, each pair
//     once, O(n k) memory.
//   - adjusted Rand index (Hubert & Arabie, J. Classification 2, 1985), from
//     the pair confusion matrix as sklearn 1.2.1 computes it. O(n log n).
//
// Every function that takes labels or matrices that come from a user returns
// an Error naming the problem: empty input, lengths that differ, a label out
// of range, a shape that does not fit, a value that is not finite.
#pragma once

#include "core/dataset.h"
#include "core/error.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace mlplay {

// --- regression ------------------------------------------------------------------

double mean_squared_error(const VectorF& y_true, const VectorF& y_pred);
double mean_absolute_error(const VectorF& y_true, const VectorF& y_pred);
double r2_score(const VectorF& y_true, const VectorF& y_pred);

// --- classification ----------------------------------------------------------------

using MatrixI64 = Eigen::Matrix<int64_t, Eigen::Dynamic, Eigen::Dynamic>;

// Fraction of rows where y_pred equals y_true.
Result<double> accuracy_score(const std::vector<int>& y_true, const std::vector<int>& y_pred);

struct ConfusionMatrix {
    std::vector<int> labels; // sorted union of the labels in y_true and y_pred
    MatrixI64 counts;        // (labels, labels): row = true class, column = predicted
};
Result<ConfusionMatrix> confusion_matrix(const std::vector<int>& y_true,
                                         const std::vector<int>& y_pred);

struct ClassScores {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    int64_t support = 0; // rows whose true label is this class (all rows for averages)
};

// sklearn.metrics.classification_report(..., output_dict=True, zero_division=0).
struct ClassificationReport {
    std::vector<int> labels;            // sorted union of the labels in y_true and y_pred
    std::vector<ClassScores> per_class; // one per label, in the order of labels
    ClassScores macro;                  // unweighted mean over the labels
    ClassScores weighted;               // mean weighted by each label's support
    double accuracy = 0.0;
};
Result<ClassificationReport> classification_report(const std::vector<int>& y_true,
                                                   const std::vector<int>& y_pred);

// How precision_score, recall_score and f1_score reduce the classes to one
// number. binary: the scores of class 1 (sklearn's default, pos_label=1);
// an error when a label other than 0 and 1 occurs.
enum class Average { binary, macro, weighted };

Result<double> precision_score(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                               Average average);
Result<double> recall_score(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                            Average average);
Result<double> f1_score(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                        Average average);

// sklearn 1.2.1's eps="auto" for float64 probabilities; sklearn < 1.2 used 1e-15.
inline constexpr double log_loss_default_eps = std::numeric_limits<double>::epsilon();

// proba is (n_samples, n_classes), n_classes >= 2: column c holds the
// probability of class c, so every y_true must be in [0, n_classes). The same
// as sklearn.metrics.log_loss(y_true, proba, eps=eps, labels=range(n_classes)).
Result<double> log_loss(const std::vector<int>& y_true, const MatrixF& proba,
                        double eps = log_loss_default_eps);

// Points of the ROC curve, from (0, 0) to (1, 1). thresholds[i] is the lowest
// score predicted positive at point i; thresholds[0] = highest score + 1.
// With no negative (positive) row fpr (tpr) is all NaN, as sklearn's.
struct RocCurve {
    std::vector<double> fpr;
    std::vector<double> tpr;
    std::vector<double> thresholds;
};
// y_true holds 0 or 1; scores: higher means more likely 1. Same length.
Result<RocCurve> roc_curve(const std::vector<int>& y_true, const VectorF& scores);
// Binary AUC; an error unless both classes occur in y_true.
Result<double> roc_auc_score(const std::vector<int>& y_true, const VectorF& scores);
// Multi-class one-vs-rest AUC, macro average (sklearn's roc_auc_score with
// multi_class="ovr"). proba is (n_samples, n_classes) with rows summing to 1
// (within sklearn's np.allclose); every class 0..n_classes-1 must occur in y_true.
Result<double> roc_auc_score_ovr(const std::vector<int>& y_true, const MatrixF& proba);

// --- clustering --------------------------------------------------------------------

// X is (n_samples, n_features), centroids (n_clusters, n_features); labels[i]
// is the row of centroids that row i of X belongs to.
Result<double> inertia(const MatrixF& X, const std::vector<int>& labels,
                       const MatrixF& centroids);

// X is (n_samples, n_features); labels are any ints (DBSCAN's noise label -1
// is a cluster like the others, as in sklearn); 2 <= clusters <= n_samples - 1.
Result<std::vector<double>> silhouette_samples(const MatrixF& X, const std::vector<int>& labels);
Result<double> silhouette_score(const MatrixF& X, const std::vector<int>& labels);

// 1 for identical partitions (up to renaming), about 0 for random ones, can be
// negative. Labels are any ints.
Result<double> adjusted_rand_score(const std::vector<int>& labels_true,
                                   const std::vector<int>& labels_pred);

} // namespace mlplay
