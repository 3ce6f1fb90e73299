#include "core/metrics.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace mlplay {

namespace {

void check_lengths(const VectorF& a, const VectorF& b) {
    MLPLAY_ASSERT(a.size() == b.size() && a.size() > 0,
                  "metrics need two non-empty vectors of equal length");
}

// --- checks on user input --------------------------------------------------------

Status check_label_pair(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                        const char* pred_name) {
    if (y_true.empty())
        return make_error("y_true is empty; a metric needs at least one sample");
    if (y_true.size() != y_pred.size())
        return make_error("y_true has %zu labels but %s has %zu; pass one per sample",
                          y_true.size(), pred_name, y_pred.size());
    return {};
}

Status check_rows(const std::vector<int>& y_true, Eigen::Index n_rows, const char* what) {
    if (y_true.empty())
        return make_error("y_true is empty; a metric needs at least one sample");
    if (static_cast<Eigen::Index>(y_true.size()) != n_rows)
        return make_error("y_true has %zu labels but %s has %ld rows; pass one row per sample",
                          y_true.size(), what, static_cast<long>(n_rows));
    return {};
}

template <typename M>
Status check_finite(const Eigen::MatrixBase<M>& m, const char* what) {
    for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i)
            if (!std::isfinite(m(i, j)))
                return make_error("%s holds %g at row %ld, column %ld; every value must be "
                                  "a finite number (fill or drop missing values first)",
                                  what, static_cast<double>(m(i, j)), static_cast<long>(i),
                                  static_cast<long>(j));
    return {};
}

// Labels that index a column: each in [0, n_classes).
Status check_class_indices(const std::vector<int>& y_true, Eigen::Index n_classes,
                           const char* what) {
    for (size_t i = 0; i < y_true.size(); ++i)
        if (y_true[i] < 0 || y_true[i] >= n_classes)
            return make_error("y_true[%zu] is %d, but %s has %ld columns (one per class "
                              "0..%ld); labels must be class indices", i, y_true[i], what,
                              static_cast<long>(n_classes), static_cast<long>(n_classes - 1));
    return {};
}

// --- label bookkeeping -----------------------------------------------------------

std::vector<int> sorted_unique(std::vector<int> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

// Position of v in the sorted, duplicate-free `labels`; v must be there.
size_t label_index(const std::vector<int>& labels, int v) {
    auto it = std::lower_bound(labels.begin(), labels.end(), v);
    MLPLAY_ASSERT(it != labels.end() && *it == v, "label missing from its own label set");
    return static_cast<size_t>(it - labels.begin());
}

// Each label replaced by its index among the sorted distinct labels; returns
// the number of distinct labels.
size_t encode_labels(const std::vector<int>& labels, std::vector<int>& codes) {
    std::vector<int> uniq = sorted_unique(labels);
    codes.resize(labels.size());
    for (size_t i = 0; i < labels.size(); ++i)
        codes[i] = static_cast<int>(label_index(uniq, labels[i]));
    return uniq.size();
}

// Zero where the denominator is zero: sklearn's zero_division=0.
double ratio_or_zero(int64_t num, int64_t den) {
    return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

// --- ROC helpers -----------------------------------------------------------------

struct RocCounts {
    std::vector<int64_t> fps;
    std::vector<int64_t> tps;
    std::vector<double> thresholds;
};

// sklearn's _binary_clf_curve: one point per distinct score, scores descending;
// y_true is 0/1 (checked by the caller).
RocCounts binary_clf_curve(const std::vector<int>& y_true, const std::vector<double>& scores) {
    const size_t n = y_true.size();
    std::vector<uint32_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return scores[a] > scores[b]; });

    RocCounts c;
    int64_t tp = 0;
    for (size_t i = 0; i < n; ++i) {
        tp += y_true[order[i]];
        bool last_of_value = i + 1 == n || scores[order[i]] != scores[order[i + 1]];
        if (!last_of_value) continue;
        c.fps.push_back(static_cast<int64_t>(i + 1) - tp);
        c.tps.push_back(tp);
        c.thresholds.push_back(scores[order[i]]);
    }
    return c;
}

RocCurve roc_from_scores(const std::vector<int>& y_true, const std::vector<double>& scores) {
    RocCounts c = binary_clf_curve(y_true, scores);

    // drop_intermediate: keep the ends and every corner, where the second
    // difference of fps or tps is not zero (exact: the counts are integers).
    RocCounts kept;
    const size_t m = c.fps.size();
    for (size_t i = 0; i < m; ++i) {
        bool corner = i == 0 || i + 1 == m ||
                      c.fps[i - 1] - 2 * c.fps[i] + c.fps[i + 1] != 0 ||
                      c.tps[i - 1] - 2 * c.tps[i] + c.tps[i + 1] != 0;
        if (!corner) continue;
        kept.fps.push_back(c.fps[i]);
        kept.tps.push_back(c.tps[i]);
        kept.thresholds.push_back(c.thresholds[i]);
    }

    // An extra point so the curve starts at (0, 0).
    RocCurve r;
    const int64_t n_neg = kept.fps.back(), n_pos = kept.tps.back();
    r.fpr.push_back(n_neg > 0 ? 0.0 : NAN);
    r.tpr.push_back(n_pos > 0 ? 0.0 : NAN);
    r.thresholds.push_back(kept.thresholds[0] + 1.0);
    for (size_t i = 0; i < kept.fps.size(); ++i) {
        r.fpr.push_back(n_neg > 0 ? static_cast<double>(kept.fps[i]) / n_neg : NAN);
        r.tpr.push_back(n_pos > 0 ? static_cast<double>(kept.tps[i]) / n_pos : NAN);
        r.thresholds.push_back(kept.thresholds[i]);
    }
    return r;
}

// Trapezoidal rule over the curve (sklearn.metrics.auc).
double area_under(const RocCurve& r) {
    double area = 0.0;
    for (size_t i = 0; i + 1 < r.fpr.size(); ++i)
        area += (r.fpr[i + 1] - r.fpr[i]) * (r.tpr[i + 1] + r.tpr[i]) / 2.0;
    return area;
}

} // namespace

// --- regression ------------------------------------------------------------------

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

// --- classification ----------------------------------------------------------------

Result<double> accuracy_score(const std::vector<int>& y_true, const std::vector<int>& y_pred) {
    if (Status s = check_label_pair(y_true, y_pred, "y_pred"); !s) return s.error();
    size_t correct = 0;
    for (size_t i = 0; i < y_true.size(); ++i) correct += y_true[i] == y_pred[i];
    return static_cast<double>(correct) / static_cast<double>(y_true.size());
}

Result<ConfusionMatrix> confusion_matrix(const std::vector<int>& y_true,
                                         const std::vector<int>& y_pred) {
    if (Status s = check_label_pair(y_true, y_pred, "y_pred"); !s) return s.error();
    std::vector<int> all = y_true;
    all.insert(all.end(), y_pred.begin(), y_pred.end());

    ConfusionMatrix cm;
    cm.labels = sorted_unique(std::move(all));
    const Eigen::Index k = static_cast<Eigen::Index>(cm.labels.size());
    cm.counts = MatrixI64::Zero(k, k);
    for (size_t i = 0; i < y_true.size(); ++i) {
        size_t t = label_index(cm.labels, y_true[i]);
        size_t p = label_index(cm.labels, y_pred[i]);
        cm.counts(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(p)) += 1;
    }
    return cm;
}

Result<ClassificationReport> classification_report(const std::vector<int>& y_true,
                                                   const std::vector<int>& y_pred) {
    Result<ConfusionMatrix> cm = confusion_matrix(y_true, y_pred);
    if (!cm) return cm.error();
    const MatrixI64& c = cm->counts;
    const Eigen::Index k = c.rows();
    const int64_t n = static_cast<int64_t>(y_true.size());

    ClassificationReport r;
    r.labels = cm->labels;
    int64_t correct = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
        int64_t tp = c(j, j);
        int64_t pred_sum = c.col(j).sum();
        int64_t true_sum = c.row(j).sum();
        ClassScores s;
        s.precision = ratio_or_zero(tp, pred_sum);
        s.recall = ratio_or_zero(tp, true_sum);
        // As sklearn 1.2.1's fbeta with beta = 1: 0 when P + R is 0.
        double denom = s.precision + s.recall;
        s.f1 = denom == 0.0 ? 0.0 : 2.0 * s.precision * s.recall / denom;
        s.support = true_sum;
        r.per_class.push_back(s);
        correct += tp;
    }
    r.accuracy = static_cast<double>(correct) / static_cast<double>(n);

    r.macro.support = r.weighted.support = n;
    for (const ClassScores& s : r.per_class) {
        double w = static_cast<double>(s.support);
        r.macro.precision += s.precision;
        r.macro.recall += s.recall;
        r.macro.f1 += s.f1;
        r.weighted.precision += s.precision * w;
        r.weighted.recall += s.recall * w;
        r.weighted.f1 += s.f1 * w;
    }
    // np.average(scores, weights=support): sum(score * support) / sum(support).
    const double n_classes = static_cast<double>(k), n_rows = static_cast<double>(n);
    r.macro.precision /= n_classes;
    r.macro.recall /= n_classes;
    r.macro.f1 /= n_classes;
    r.weighted.precision /= n_rows;
    r.weighted.recall /= n_rows;
    r.weighted.f1 /= n_rows;
    return r;
}

namespace {

Result<ClassScores> averaged_scores(const std::vector<int>& y_true,
                                    const std::vector<int>& y_pred, Average average) {
    Result<ClassificationReport> r = classification_report(y_true, y_pred);
    if (!r) return r.error();
    switch (average) {
    case Average::macro: return r->macro;
    case Average::weighted: return r->weighted;
    case Average::binary: break;
    }
    for (int label : r->labels)
        if (label != 0 && label != 1)
            return make_error("Average::binary needs labels 0 and 1, but %d occurs; use "
                              "Average::macro or Average::weighted for more classes", label);
    for (size_t j = 0; j < r->labels.size(); ++j)
        if (r->labels[j] == 1) return r->per_class[j];
    // Class 1 never occurs: no true and no predicted positive, all scores 0.
    return ClassScores{};
}

} // namespace

Result<double> precision_score(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                               Average average) {
    Result<ClassScores> s = averaged_scores(y_true, y_pred, average);
    if (!s) return s.error();
    return s->precision;
}

Result<double> recall_score(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                            Average average) {
    Result<ClassScores> s = averaged_scores(y_true, y_pred, average);
    if (!s) return s.error();
    return s->recall;
}

Result<double> f1_score(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                        Average average) {
    Result<ClassScores> s = averaged_scores(y_true, y_pred, average);
    if (!s) return s.error();
    return s->f1;
}

Result<double> log_loss(const std::vector<int>& y_true, const MatrixF& proba, double eps) {
    if (Status s = check_rows(y_true, proba.rows(), "proba"); !s) return s.error();
    if (proba.cols() < 2)
        return make_error("proba has %ld column; log loss needs one column per class and at "
                          "least two classes", static_cast<long>(proba.cols()));
    if (!(eps >= 0.0 && eps < 0.5))
        return make_error("eps is %g; it must be a small clipping margin in [0, 0.5) "
                          "(sklearn uses 2.2e-16 for float64)", eps);
    if (Status s = check_finite(proba, "proba"); !s) return s.error();
    if (Status s = check_class_indices(y_true, proba.cols(), "proba"); !s) return s.error();

    // sklearn 1.2.1: clip every entry to [eps, 1 - eps], renormalise each row,
    // then -log of the true class's share.
    auto clip = [eps](double p) { return std::min(std::max(p, eps), 1.0 - eps); };
    double total = 0.0;
    for (Eigen::Index i = 0; i < proba.rows(); ++i) {
        double row_sum = 0.0;
        for (Eigen::Index j = 0; j < proba.cols(); ++j) row_sum += clip(proba(i, j));
        double p = clip(proba(i, y_true[static_cast<size_t>(i)])) / row_sum;
        // FIXME-NUMERIC: std::log may differ in the last bit between glibc and
        // musl; fine for a metric, which is never fed back into training.
        total -= std::log(p);
    }
    return total / static_cast<double>(proba.rows());
}

Result<RocCurve> roc_curve(const std::vector<int>& y_true, const VectorF& scores) {
    if (Status s = check_rows(y_true, scores.size(), "scores"); !s) return s.error();
    if (Status s = check_finite(scores, "scores"); !s) return s.error();
    for (size_t i = 0; i < y_true.size(); ++i)
        if (y_true[i] != 0 && y_true[i] != 1)
            return make_error("y_true[%zu] is %d; a ROC curve needs binary labels, 0 for "
                              "negative and 1 for positive (use roc_auc_score_ovr for more "
                              "classes)", i, y_true[i]);
    std::vector<double> s(scores.data(), scores.data() + scores.size());
    return roc_from_scores(y_true, s);
}

Result<double> roc_auc_score(const std::vector<int>& y_true, const VectorF& scores) {
    Result<RocCurve> r = roc_curve(y_true, scores);
    if (!r) return r.error();
    if (std::isnan(r->fpr.back()) || std::isnan(r->tpr.back()))
        return make_error("y_true holds only class %d; ROC AUC needs both a positive (1) and a "
                          "negative (0) sample", y_true[0]);
    return area_under(*r);
}

Result<double> roc_auc_score_ovr(const std::vector<int>& y_true, const MatrixF& proba) {
    if (Status s = check_rows(y_true, proba.rows(), "proba"); !s) return s.error();
    const Eigen::Index k = proba.cols();
    if (k < 2)
        return make_error("proba has %ld column; one-vs-rest AUC needs one column per class "
                          "and at least two classes", static_cast<long>(k));
    if (Status s = check_finite(proba, "proba"); !s) return s.error();
    if (Status s = check_class_indices(y_true, k, "proba"); !s) return s.error();
    for (Eigen::Index i = 0; i < proba.rows(); ++i) {
        double sum = proba.row(i).cast<double>().sum();
        // np.allclose(1, sum): |1 - sum| <= 1e-8 + 1e-5 |sum|.
        if (!(std::fabs(1.0 - sum) <= 1e-8 + 1e-5 * std::fabs(sum)))
            return make_error("row %ld of proba sums to %g; one-vs-rest AUC needs "
                              "probabilities that sum to 1 over the classes",
                              static_cast<long>(i), sum);
    }
    std::vector<int64_t> counts(static_cast<size_t>(k), 0);
    for (int y : y_true) ++counts[static_cast<size_t>(y)];
    for (Eigen::Index c = 0; c < k; ++c)
        if (counts[static_cast<size_t>(c)] == 0)
            return make_error("class %ld never occurs in y_true, so its one-vs-rest AUC is "
                              "undefined; drop its column or add samples of it",
                              static_cast<long>(c));

    double sum_auc = 0.0;
    std::vector<int> is_c(y_true.size());
    std::vector<double> score(y_true.size());
    for (Eigen::Index c = 0; c < k; ++c) {
        for (size_t i = 0; i < y_true.size(); ++i) {
            is_c[i] = y_true[i] == c;
            score[i] = proba(static_cast<Eigen::Index>(i), c);
        }
        sum_auc += area_under(roc_from_scores(is_c, score));
    }
    return sum_auc / static_cast<double>(k);
}

// --- clustering --------------------------------------------------------------------

Result<double> inertia(const MatrixF& X, const std::vector<int>& labels,
                       const MatrixF& centroids) {
    if (X.rows() == 0) return make_error("X has no rows; inertia needs at least one sample");
    if (static_cast<Eigen::Index>(labels.size()) != X.rows())
        return make_error("X has %ld rows but labels has %zu; pass one label per row",
                          static_cast<long>(X.rows()), labels.size());
    if (centroids.cols() != X.cols())
        return make_error("centroids have %ld features but X has %ld; they must match",
                          static_cast<long>(centroids.cols()), static_cast<long>(X.cols()));
    if (Status s = check_finite(X, "X"); !s) return s.error();
    if (Status s = check_finite(centroids, "centroids"); !s) return s.error();
    for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] < 0 || labels[i] >= centroids.rows())
            return make_error("labels[%zu] is %d, but there are %ld centroids; a label is a "
                              "centroid's row, 0..%ld", i, labels[i],
                              static_cast<long>(centroids.rows()),
                              static_cast<long>(centroids.rows() - 1));

    double sum = 0.0;
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        Eigen::Index c = labels[static_cast<size_t>(i)];
        for (Eigen::Index j = 0; j < X.cols(); ++j) {
            double d = static_cast<double>(X(i, j)) - centroids(c, j);
            sum += d * d;
        }
    }
    return sum;
}

Result<std::vector<double>> silhouette_samples(const MatrixF& X,
                                               const std::vector<int>& labels) {
    const size_t n = labels.size();
    if (static_cast<Eigen::Index>(n) != X.rows())
        return make_error("X has %ld rows but labels has %zu; pass one label per row",
                          static_cast<long>(X.rows()), n);
    if (Status s = check_finite(X, "X"); !s) return s.error();
    std::vector<int> code;
    const size_t k = encode_labels(labels, code);
    if (k < 2 || k + 1 > n)
        return make_error("labels name %zu cluster(s) among %zu rows; the silhouette needs from 2 "
                          "to n_rows - 1 clusters (as sklearn)", k, n);

    std::vector<size_t> size(k, 0);
    for (int c : code) ++size[static_cast<size_t>(c)];

    // Xt is (n_features, n_samples): each sample's features are contiguous.
    const MatrixD Xt = X.transpose().cast<double>();
    // dist_sum[i * k + c]: sum of distances from row i to the rows of cluster c.
    std::vector<double> dist_sum(n * k, 0.0);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i + 1; j < n; ++j) {
            double d = (Xt.col(static_cast<Eigen::Index>(i)) -
                        Xt.col(static_cast<Eigen::Index>(j))).norm();
            dist_sum[i * k + static_cast<size_t>(code[j])] += d;
            dist_sum[j * k + static_cast<size_t>(code[i])] += d;
        }
    }

    std::vector<double> s(n, 0.0);
    for (size_t i = 0; i < n; ++i) {
        const size_t own = static_cast<size_t>(code[i]);
        // A row alone in its cluster scores 0 (sklearn's 0/0 -> 0).
        if (size[own] == 1) continue;
        double a = dist_sum[i * k + own] / static_cast<double>(size[own] - 1);
        double b = INFINITY;
        for (size_t c = 0; c < k; ++c)
            if (c != own) b = std::min(b, dist_sum[i * k + c] / static_cast<double>(size[c]));
        double m = std::max(a, b);
        s[i] = m > 0.0 ? (b - a) / m : 0.0;
    }
    return s;
}

Result<double> silhouette_score(const MatrixF& X, const std::vector<int>& labels) {
    Result<std::vector<double>> s = silhouette_samples(X, labels);
    if (!s) return s.error();
    double sum = 0.0;
    for (double v : *s) sum += v;
    return sum / static_cast<double>(s->size());
}

Result<double> adjusted_rand_score(const std::vector<int>& labels_true,
                                   const std::vector<int>& labels_pred) {
    if (Status s = check_label_pair(labels_true, labels_pred, "labels_pred"); !s)
        return s.error();
    std::vector<int> a, b;
    const size_t ka = encode_labels(labels_true, a);
    const size_t kb = encode_labels(labels_pred, b);
    const size_t n = a.size();

    // Contingency table entries n_ij as runs of sorted (true, pred) pairs.
    std::vector<std::pair<int, int>> pairs(n);
    for (size_t i = 0; i < n; ++i) pairs[i] = {a[i], b[i]};
    std::sort(pairs.begin(), pairs.end());
    std::vector<int64_t> size_a(ka, 0), size_b(kb, 0);
    for (size_t i = 0; i < n; ++i) {
        ++size_a[static_cast<size_t>(a[i])];
        ++size_b[static_cast<size_t>(b[i])];
    }

    // sklearn's pair_confusion_matrix: ordered pairs of distinct rows.
    int64_t sum_squares = 0, dot_b = 0, dot_a = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && pairs[j] == pairs[i]) ++j;
        const int64_t nij = static_cast<int64_t>(j - i);
        sum_squares += nij * nij;
        dot_a += nij * size_a[static_cast<size_t>(pairs[i].first)];
        dot_b += nij * size_b[static_cast<size_t>(pairs[i].second)];
        i = j;
    }
    const int64_t n64 = static_cast<int64_t>(n);
    const int64_t tp = sum_squares - n64;
    const int64_t fp = dot_b - sum_squares;
    const int64_t fn = dot_a - sum_squares;
    const int64_t tn = n64 * n64 - fp - fn - sum_squares;
    if (fn == 0 && fp == 0) return 1.0;

    // The products reach n^4: in double, as sklearn's Python ints then divide.
    const double dtp = static_cast<double>(tp), dtn = static_cast<double>(tn);
    const double dfp = static_cast<double>(fp), dfn = static_cast<double>(fn);
    return 2.0 * (dtp * dtn - dfn * dfp) /
           ((dtp + dfn) * (dfn + dtn) + (dtp + dfp) * (dfp + dtn));
}

} // namespace mlplay
