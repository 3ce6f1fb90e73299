#include "core/metrics.h"

#include "reference/references.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace mlplay;

namespace {

VectorF to_vector(const double* v, size_t n) {
    VectorF out(static_cast<Eigen::Index>(n));
    for (size_t i = 0; i < n; ++i) out(static_cast<Eigen::Index>(i)) = static_cast<float>(v[i]);
    return out;
}

} // namespace

TEST_CASE("regression metrics match scikit-learn") {
    const size_t n = sizeof ref::metric_y_true / sizeof(double);
    VectorF t = to_vector(ref::metric_y_true, n), p = to_vector(ref::metric_y_pred, n);
    CHECK(r2_score(t, p) == doctest::Approx(ref::metric_r2).epsilon(1e-9));
    CHECK(mean_squared_error(t, p) == doctest::Approx(ref::metric_mse).epsilon(1e-9));
    CHECK(mean_absolute_error(t, p) == doctest::Approx(ref::metric_mae).epsilon(1e-9));
}

TEST_CASE("r2 of a constant target follows scikit-learn's convention") {
    VectorF c = VectorF::Constant(5, 3.0f);
    CHECK(r2_score(c, c) == 1.0);
    VectorF off = VectorF::Constant(5, 4.0f);
    CHECK(r2_score(c, off) == 0.0);
}

TEST_CASE("r2 of a single sample is undefined, as in scikit-learn") {
    VectorF one = VectorF::Constant(1, 3.0f);
    CHECK(std::isnan(r2_score(one, one)));
}

namespace {

template <size_t N>
std::vector<int> ints(const int (&v)[N]) {
    return std::vector<int>(v, v + N);
}

template <size_t N>
VectorF floats(const double (&v)[N]) {
    return to_vector(v, N);
}

// A (rows, cols) matrix from row-major reference values.
MatrixF rows_of(const double* v, Eigen::Index rows, Eigen::Index cols) {
    MatrixF m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = static_cast<float>(v[i * cols + j]);
    return m;
}

bool mentions(const Error& e, const char* word) {
    return e.message.find(word) != std::string::npos;
}

} // namespace

// --- classification ----------------------------------------------------------------

TEST_CASE("confusion matrix and classification report match scikit-learn") {
    const std::vector<int> t = ints(ref::clf_y_true), p = ints(ref::clf_y_pred);
    auto cm = confusion_matrix(t, p);
    REQUIRE(cm.ok());
    CHECK(cm->labels == ints(ref::clf_labels));
    const Eigen::Index k = static_cast<Eigen::Index>(cm->labels.size());
    REQUIRE(cm->counts.rows() == k);
    REQUIRE(cm->counts.cols() == k);
    for (Eigen::Index i = 0; i < k; ++i)
        for (Eigen::Index j = 0; j < k; ++j)
            CHECK(cm->counts(i, j) == ref::clf_confusion[i * k + j]);

    auto r = classification_report(t, p);
    REQUIRE(r.ok());
    CHECK(r->labels == ints(ref::clf_labels));
    REQUIRE(r->per_class.size() == cm->labels.size());
    for (size_t c = 0; c < r->per_class.size(); ++c) {
        CAPTURE(c);
        CHECK(r->per_class[c].precision == doctest::Approx(ref::clf_precision[c]).epsilon(1e-12));
        CHECK(r->per_class[c].recall == doctest::Approx(ref::clf_recall[c]).epsilon(1e-12));
        CHECK(r->per_class[c].f1 == doctest::Approx(ref::clf_f1[c]).epsilon(1e-12));
        CHECK(r->per_class[c].support == ref::clf_support[c]);
    }
    CHECK(r->accuracy == doctest::Approx(ref::clf_accuracy).epsilon(1e-12));
    CHECK(r->macro.precision == doctest::Approx(ref::clf_macro_precision).epsilon(1e-12));
    CHECK(r->macro.recall == doctest::Approx(ref::clf_macro_recall).epsilon(1e-12));
    CHECK(r->macro.f1 == doctest::Approx(ref::clf_macro_f1).epsilon(1e-12));
    CHECK(r->weighted.precision == doctest::Approx(ref::clf_weighted_precision).epsilon(1e-12));
    CHECK(r->weighted.recall == doctest::Approx(ref::clf_weighted_recall).epsilon(1e-12));
    CHECK(r->weighted.f1 == doctest::Approx(ref::clf_weighted_f1).epsilon(1e-12));
    CHECK(r->macro.support == static_cast<int64_t>(t.size()));
}

TEST_CASE("accuracy and averaged scores match scikit-learn") {
    const std::vector<int> t = ints(ref::clf_y_true), p = ints(ref::clf_y_pred);
    CHECK(*accuracy_score(t, p) == doctest::Approx(ref::clf_accuracy).epsilon(1e-12));
    CHECK(*precision_score(t, p, Average::macro) ==
          doctest::Approx(ref::clf_macro_precision).epsilon(1e-12));
    CHECK(*recall_score(t, p, Average::macro) ==
          doctest::Approx(ref::clf_macro_recall).epsilon(1e-12));
    CHECK(*f1_score(t, p, Average::macro) == doctest::Approx(ref::clf_macro_f1).epsilon(1e-12));
    CHECK(*precision_score(t, p, Average::weighted) ==
          doctest::Approx(ref::clf_weighted_precision).epsilon(1e-12));
    CHECK(*recall_score(t, p, Average::weighted) ==
          doctest::Approx(ref::clf_weighted_recall).epsilon(1e-12));
    CHECK(*f1_score(t, p, Average::weighted) ==
          doctest::Approx(ref::clf_weighted_f1).epsilon(1e-12));

    const std::vector<int> bt = ints(ref::bin_y_true), bp = ints(ref::bin_y_pred);
    CHECK(*precision_score(bt, bp, Average::binary) ==
          doctest::Approx(ref::bin_precision).epsilon(1e-12));
    CHECK(*recall_score(bt, bp, Average::binary) ==
          doctest::Approx(ref::bin_recall).epsilon(1e-12));
    CHECK(*f1_score(bt, bp, Average::binary) == doctest::Approx(ref::bin_f1).epsilon(1e-12));

    auto multi = f1_score(t, p, Average::binary);
    REQUIRE_FALSE(multi.ok());
    CHECK(mentions(multi.error(), "Average::macro"));
}

TEST_CASE("perfect, all-wrong and single-class predictions") {
    const std::vector<int> t = {0, 1, 2, 2, 1, 0};
    auto perfect = classification_report(t, t);
    REQUIRE(perfect.ok());
    CHECK(perfect->accuracy == 1.0);
    CHECK(perfect->macro.f1 == 1.0);
    CHECK(perfect->weighted.precision == 1.0);

    const std::vector<int> wrong = {1, 2, 0, 0, 2, 1};
    auto bad = classification_report(t, wrong);
    REQUIRE(bad.ok());
    CHECK(bad->accuracy == 0.0);
    CHECK(bad->macro.precision == 0.0);
    CHECK(bad->macro.recall == 0.0);
    CHECK(bad->macro.f1 == 0.0);

    // One class only: sklearn scores it 1 everywhere.
    const std::vector<int> same = {2, 2, 2};
    auto one = classification_report(same, same);
    REQUIRE(one.ok());
    CHECK(one->labels == std::vector<int>{2});
    CHECK(one->per_class[0].precision == 1.0);
    CHECK(one->per_class[0].f1 == 1.0);
    CHECK(*accuracy_score(same, same) == 1.0);
    // Binary with class 1 absent: nothing to find, all zero (zero_division=0).
    CHECK(*precision_score({0, 0}, {0, 0}, Average::binary) == 0.0);
    CHECK(*recall_score({0, 0}, {0, 0}, Average::binary) == 0.0);
}

TEST_CASE("classification metrics refuse empty and mismatched input") {
    const std::vector<int> none, two = {0, 1}, three = {0, 1, 1};
    auto empty = accuracy_score(none, none);
    REQUIRE_FALSE(empty.ok());
    CHECK(mentions(empty.error(), "empty"));
    CHECK_FALSE(confusion_matrix(none, none).ok());
    CHECK_FALSE(classification_report(none, none).ok());
    auto mismatch = f1_score(two, three, Average::macro);
    REQUIRE_FALSE(mismatch.ok());
    CHECK(mentions(mismatch.error(), "3"));
    CHECK_FALSE(accuracy_score(two, three).ok());
    CHECK_FALSE(confusion_matrix(three, two).ok());
}

TEST_CASE("log loss matches scikit-learn 1.2.1, clipping and renormalising") {
    const std::vector<int> y = ints(ref::proba_y_true);
    const Eigen::Index n = static_cast<Eigen::Index>(y.size());
    MatrixF p = rows_of(ref::proba, n, 4), raw = rows_of(ref::proba_raw, n, 4);
    CHECK(*log_loss(y, p) == doctest::Approx(ref::proba_log_loss).epsilon(1e-9));
    CHECK(*log_loss(y, raw) == doctest::Approx(ref::proba_raw_log_loss).epsilon(1e-9));
    CHECK(*log_loss(y, raw, 1e-15) == doctest::Approx(ref::proba_raw_log_loss_eps15).epsilon(1e-9));

    // A sure, right answer costs only the clipping margin.
    MatrixF sure(2, 2);
    sure << 1.0f, 0.0f, 0.0f, 1.0f;
    double tiny = *log_loss({0, 1}, sure);
    CHECK(tiny >= 0.0);
    CHECK(tiny < 1e-15);
    // y_true of a single class is fine: the columns name the classes.
    MatrixF q(2, 2);
    q << 0.2f, 0.8f, 0.4f, 0.6f;
    double expect = -(std::log(double(0.8f) / (double(0.2f) + double(0.8f))) +
                      std::log(double(0.6f) / (double(0.4f) + double(0.6f)))) / 2.0;
    CHECK(*log_loss({1, 1}, q) == doctest::Approx(expect).epsilon(1e-12));
}

TEST_CASE("log loss refuses input it cannot score") {
    MatrixF q(2, 2);
    q << 0.2f, 0.8f, 0.4f, 0.6f;
    auto out_of_range = log_loss({0, 2}, q);
    REQUIRE_FALSE(out_of_range.ok());
    CHECK(mentions(out_of_range.error(), "y_true[1] is 2"));
    CHECK_FALSE(log_loss({0}, q).ok());
    CHECK_FALSE(log_loss({}, MatrixF(0, 2)).ok());
    CHECK_FALSE(log_loss({0, 0}, MatrixF::Constant(2, 1, 1.0f)).ok());
    CHECK_FALSE(log_loss({0, 1}, q, -1.0).ok());
    q(1, 1) = NAN;
    auto nan = log_loss({0, 1}, q);
    REQUIRE_FALSE(nan.ok());
    CHECK(mentions(nan.error(), "row 1, column 1"));
}

TEST_CASE("ROC curve and AUC match scikit-learn, ties included") {
    const std::vector<int> y = ints(ref::bin_y_true);
    VectorF s = floats(ref::bin_scores);
    auto roc = roc_curve(y, s);
    REQUIRE(roc.ok());
    const size_t m = sizeof ref::bin_fpr / sizeof(double);
    REQUIRE(roc->fpr.size() == m);
    REQUIRE(roc->tpr.size() == m);
    REQUIRE(roc->thresholds.size() == m);
    for (size_t i = 0; i < m; ++i) {
        CAPTURE(i);
        CHECK(roc->fpr[i] == doctest::Approx(ref::bin_fpr[i]).epsilon(1e-15));
        CHECK(roc->tpr[i] == doctest::Approx(ref::bin_tpr[i]).epsilon(1e-15));
        CHECK(roc->thresholds[i] == ref::bin_thresholds[i]);
    }
    CHECK(*roc_auc_score(y, s) == doctest::Approx(ref::bin_auc).epsilon(1e-12));
}

TEST_CASE("ROC edge cases: perfect, reversed, one class, bad labels") {
    const std::vector<int> y = {0, 0, 1, 1};
    VectorF s(4);
    s << 0.1f, 0.2f, 0.8f, 0.9f;
    CHECK(*roc_auc_score(y, s) == 1.0);
    CHECK(*roc_auc_score(y, -s) == 0.0);
    // Every score tied: the diagonal, AUC one half.
    CHECK(*roc_auc_score(y, VectorF::Constant(4, 0.5f)) == 0.5);
    auto tied = roc_curve(y, VectorF::Constant(4, 0.5f));
    CHECK(tied->thresholds == std::vector<double>{1.5, 0.5});

    // No negative row: fpr is undefined (NaN, as sklearn), AUC an error.
    auto all_pos = roc_curve({1, 1, 1}, s.head(3));
    REQUIRE(all_pos.ok());
    CHECK(std::isnan(all_pos->fpr.back()));
    CHECK(all_pos->tpr.back() == 1.0);
    auto one_class = roc_auc_score({1, 1, 1}, s.head(3));
    REQUIRE_FALSE(one_class.ok());
    CHECK(mentions(one_class.error(), "only class 1"));

    auto three = roc_curve({0, 1, 2, 1}, s);
    REQUIRE_FALSE(three.ok());
    CHECK(mentions(three.error(), "roc_auc_score_ovr"));
    CHECK_FALSE(roc_curve({0, 1}, s).ok());
    CHECK_FALSE(roc_curve({}, VectorF()).ok());
    s(2) = NAN;
    CHECK_FALSE(roc_auc_score(y, s).ok());
}

TEST_CASE("one-vs-rest AUC matches scikit-learn") {
    const std::vector<int> y = ints(ref::proba_y_true);
    const Eigen::Index n = static_cast<Eigen::Index>(y.size());
    MatrixF p = rows_of(ref::proba, n, 4);
    CHECK(*roc_auc_score_ovr(y, p) == doctest::Approx(ref::proba_auc_ovr).epsilon(1e-12));

    auto unnormalised = roc_auc_score_ovr(y, rows_of(ref::proba_raw, n, 4));
    REQUIRE_FALSE(unnormalised.ok());
    CHECK(mentions(unnormalised.error(), "row 1 of proba sums to"));
    std::vector<int> no_class_3 = y;
    for (int& v : no_class_3) v = v == 3 ? 0 : v;
    auto missing = roc_auc_score_ovr(no_class_3, p);
    REQUIRE_FALSE(missing.ok());
    CHECK(mentions(missing.error(), "class 3 never occurs"));
    CHECK_FALSE(roc_auc_score_ovr({0, 1}, p).ok());
}

// --- clustering --------------------------------------------------------------------

TEST_CASE("clustering metrics match scikit-learn") {
    const std::vector<int> truth = ints(ref::clu_true), pred = ints(ref::clu_pred);
    const Eigen::Index n = static_cast<Eigen::Index>(truth.size());
    MatrixF X = rows_of(ref::clu_X, n, 2);
    MatrixF C = rows_of(ref::clu_centroids, 4, 2);

    CHECK(*inertia(X, pred, C) == doctest::Approx(ref::clu_inertia).epsilon(1e-12));
    CHECK(*silhouette_score(X, truth) == doctest::Approx(ref::clu_silhouette_true).epsilon(1e-9));
    CHECK(*silhouette_score(X, pred) == doctest::Approx(ref::clu_silhouette_pred).epsilon(1e-9));
    auto samples = silhouette_samples(X, pred);
    REQUIRE(samples.ok());
    for (Eigen::Index i = 0; i < n; ++i) {
        CAPTURE(i);
        CHECK((*samples)[static_cast<size_t>(i)] ==
              doctest::Approx(ref::clu_silhouette_samples_pred[i]).epsilon(1e-9));
    }
    // Row 20 is alone in cluster 3: sklearn's convention gives it 0.
    CHECK((*samples)[20] == 0.0);
    CHECK(*adjusted_rand_score(truth, pred) == doctest::Approx(ref::clu_ari).epsilon(1e-12));
}

TEST_CASE("adjusted Rand index: sklearn's documented cases") {
    CHECK(*adjusted_rand_score({0, 0, 1, 1}, {0, 0, 1, 1}) == 1.0);
    CHECK(*adjusted_rand_score({0, 0, 1, 1}, {1, 1, 0, 0}) == 1.0);
    CHECK(*adjusted_rand_score({0, 0, 1, 2}, {0, 0, 1, 1}) ==
          doctest::Approx(0.5714285714285714).epsilon(1e-12));
    CHECK(*adjusted_rand_score({0, 0, 0, 0}, {0, 1, 2, 3}) == 0.0);
    CHECK(*adjusted_rand_score({0, 0, 1, 1}, {0, 1, 0, 1}) == -0.5);
    CHECK(*adjusted_rand_score({7}, {-1}) == 1.0);
    CHECK_FALSE(adjusted_rand_score({}, {}).ok());
    CHECK_FALSE(adjusted_rand_score({0, 1}, {0}).ok());
}

TEST_CASE("clustering metrics refuse what they cannot score") {
    MatrixF X(4, 2);
    X << 0, 0, 0, 1, 5, 5, 5, 6;
    CHECK(*silhouette_score(X, {0, 0, 1, 1}) > 0.8);
    auto one = silhouette_score(X, {0, 0, 0, 0});
    REQUIRE_FALSE(one.ok());
    CHECK(mentions(one.error(), "1 cluster(s) among 4 rows"));
    CHECK_FALSE(silhouette_score(X, {0, 1, 2, 3}).ok());
    CHECK_FALSE(silhouette_score(X, {0, 1}).ok());

    MatrixF C(2, 2);
    C << 0, 0.5f, 5, 5.5f;
    CHECK(*inertia(X, {0, 0, 1, 1}, C) == doctest::Approx(1.0));
    auto bad_label = inertia(X, {0, 0, 1, 2}, C);
    REQUIRE_FALSE(bad_label.ok());
    CHECK(mentions(bad_label.error(), "labels[3] is 2"));
    CHECK_FALSE(inertia(X, {0, 0, 1}, C).ok());
    CHECK_FALSE(inertia(X, {0, 0, 1, 1}, MatrixF::Zero(2, 3)).ok());
    CHECK_FALSE(inertia(MatrixF(0, 2), {}, C).ok());
    X(0, 0) = NAN;
    CHECK_FALSE(silhouette_score(X, {0, 0, 1, 1}).ok());
}
