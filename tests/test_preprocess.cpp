// Preprocessing: every step against scikit-learn 1.2.1 (references from
// tests/reference/make_preprocess_references.py), the proof that a fitted
// pipeline learns nothing from the data it transforms, the spec grammar,
// saving, and the awkward inputs (missing, constant, empty).
#include "core/preprocess.h"

#include "core/datasets.h"
#include "core/log.h"
#include "core/preprocess_scores.h"
#include "core/split.h"
#include "reference/preprocess_references.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

using namespace mlplay;
namespace ref = preprocess_ref;

namespace {

const char* kNumeric[4] = {"age", "income", "score", "const"};

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

// got (a float32 output) equals want within tol relative to max(1, |want|);
// NaN equals NaN.
void check_close(double got, double want, double tol) {
    if (std::isnan(want)) {
        CHECK(std::isnan(got));
        return;
    }
    CHECK(std::fabs(got - want) <= tol * std::max(1.0, std::fabs(want)));
}

const Column& col(const Dataset& ds, const std::string& name) {
    const int c = ds.find_column(name);
    REQUIRE(c >= 0);
    return ds.column(static_cast<size_t>(c));
}

// The messy table of the reference script: numeric age, income, score,
// const; categorical city, grade; target y.
Dataset messy() {
    const size_t n = ref::messy_n_rows;
    Dataset ds;
    for (size_t j = 0; j < 4; ++j) {
        std::vector<float> v(n);
        for (size_t i = 0; i < n; ++i) v[i] = static_cast<float>(ref::messy_numeric[i * 4 + j]);
        REQUIRE(ds.add_column(kNumeric[j], v).ok());
    }
    const std::vector<std::string> city(ref::messy_city, ref::messy_city + n);
    const std::vector<std::string> grade(ref::messy_grade, ref::messy_grade + n);
    REQUIRE(ds.add_categorical_column("city", city).ok());
    REQUIRE(ds.add_categorical_column("grade", grade).ok());
    std::vector<float> y(ref::messy_y, ref::messy_y + n);
    REQUIRE(ds.add_column("y", y).ok());
    return ds;
}

Dataset row_range(const Dataset& ds, size_t begin, size_t end) {
    std::vector<uint32_t> rows;
    for (size_t i = begin; i < end; ++i) rows.push_back(static_cast<uint32_t>(i));
    return ds.select_rows(rows);
}

Dataset messy_train() { return row_range(messy(), 0, ref::messy_n_train); }
Dataset messy_test() { return row_range(messy(), ref::messy_n_train, ref::messy_n_rows); }

// Checks the numeric columns of ds (n_test rows) against a row-major
// reference with one column per name.
void check_table(const Dataset& ds, const std::vector<std::string>& names, const double* want,
                 double tol) {
    const size_t n = ds.n_rows(), d = names.size();
    for (size_t j = 0; j < d; ++j) {
        const Column& c = col(ds, names[j]);
        for (size_t i = 0; i < n; ++i) {
            CAPTURE(names[j]);
            CAPTURE(i);
            check_close(c.values[i], want[i * d + j], tol);
        }
    }
}

const std::vector<std::string> kNumericNames(kNumeric, kNumeric + 4);

Pipeline parsed(const char* spec) {
    Result<Pipeline> p = Pipeline::parse(spec);
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message));
    return std::move(*p);
}

std::unique_ptr<PreprocessStep> step(const char* spec) {
    auto s = parse_preprocess_step(spec);
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    return std::move(*s);
}

// Features (every column but "target") and target of a built-in table.
void table(const char* name, MatrixD& X, VectorD& y, Dataset* out = nullptr) {
    auto ds = load_builtin_dataset(name);
    REQUIRE(ds.ok());
    auto d = supervised_data(*ds, "target");
    REQUIRE(d.ok());
    X = d->X.cast<double>();
    y = d->y.cast<double>();
    if (out) *out = *ds;
}

void check_same(const Dataset& a, const Dataset& b) {
    REQUIRE(a.column_names() == b.column_names());
    REQUIRE(a.n_rows() == b.n_rows());
    for (size_t j = 0; j < a.n_columns(); ++j) {
        CHECK(a.kind(j) == b.kind(j));
        CHECK(a.categories(j) == b.categories(j));
        for (size_t i = 0; i < a.n_rows(); ++i)
            CHECK((a.at(i, j) == b.at(i, j) || (std::isnan(a.at(i, j)) && std::isnan(b.at(i, j)))));
    }
}

} // namespace

// --- statistics --------------------------------------------------------------------------

TEST_CASE("percentiles interpolate linearly, as NumPy's") {
    const size_t sizes[4] = {1, 2, 4, 11};
    const double* want[4] = {ref::percentile_n1, ref::percentile_n2, ref::percentile_n4,
                             ref::percentile_n11};
    for (size_t s = 0; s < 4; ++s) {
        std::vector<double> v(ref::percentile_values, ref::percentile_values + sizes[s]);
        std::sort(v.begin(), v.end());
        for (size_t q = 0; q < std::size(ref::percentile_q); ++q) {
            CAPTURE(sizes[s]);
            CAPTURE(ref::percentile_q[q]);
            CHECK(percentile_sorted(v, ref::percentile_q[q]) == want[s][q]);
        }
    }
}

TEST_CASE("the F distribution's upper tail matches scipy") {
    for (size_t i = 0; i < std::size(ref::f_sf); ++i) {
        const double* a = ref::f_sf_args + 3 * i;
        CAPTURE(i);
        CHECK(f_distribution_sf(a[0], a[1], a[2]) == doctest::Approx(ref::f_sf[i]).epsilon(1e-10));
    }
    CHECK(f_distribution_sf(HUGE_VAL, 2, 10) == 0.0);
    CHECK(regularized_incomplete_beta(2.0, 3.0, 0.0) == 0.0);
    CHECK(regularized_incomplete_beta(2.0, 3.0, 1.0) == 1.0);
    // I_x(1, 1) = x
    CHECK(regularized_incomplete_beta(1.0, 1.0, 0.3) == doctest::Approx(0.3).epsilon(1e-14));
}

TEST_CASE("F-tests and correlation match f_classif, f_regression and r_regression") {
    const char* names[3] = {"wine", "iris", "digits"};
    const double* f_want[3] = {ref::f_classif_wine, ref::f_classif_iris, ref::f_classif_digits};
    const double* p_want[3] = {ref::f_classif_wine_p, ref::f_classif_iris_p,
                               ref::f_classif_digits_p};
    for (size_t t = 0; t < 3; ++t) {
        MatrixD X;
        VectorD y;
        table(names[t], X, y);
        auto f = f_classif(X, y);
        REQUIRE(f.ok());
        for (size_t j = 0; j < f->scores.size(); ++j) {
            CAPTURE(names[t]);
            CAPTURE(j);
            if (std::isnan(f_want[t][j])) { // a constant feature, as sklearn's
                CHECK(std::isnan(f->scores[j]));
                continue;
            }
            CHECK(f->scores[j] == doctest::Approx(f_want[t][j]).epsilon(1e-9));
            CHECK(f->p_values[j] == doctest::Approx(p_want[t][j]).epsilon(1e-8));
        }
    }
    MatrixD X;
    VectorD y;
    table("diabetes", X, y);
    auto f = f_regression(X, y);
    auto r = r_regression(X, y);
    REQUIRE(f.ok());
    REQUIRE(r.ok());
    for (size_t j = 0; j < 10; ++j) {
        CHECK(f->scores[j] == doctest::Approx(ref::f_regression_diabetes[j]).epsilon(1e-9));
        CHECK(f->p_values[j] == doctest::Approx(ref::f_regression_diabetes_p[j]).epsilon(1e-8));
        CHECK((*r)[j] == doctest::Approx(ref::r_regression_diabetes[j]).epsilon(1e-10));
    }
}

TEST_CASE("mutual information equals sklearn's where its noise changes nothing") {
    const size_t n = 300;
    MatrixD X(n, 4);
    VectorD y(n), labels(n);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < 4; ++j) X(i, j) = ref::mi_synth_X[i * 4 + j];
        y(i) = ref::mi_synth_y[i];
        labels(i) = ref::mi_synth_labels[i];
    }
    for (uint64_t seed : {0u, 1u}) {
        auto reg = mutual_info_regression(X, y, seed);
        auto cls = mutual_info_classif(X, labels, seed);
        REQUIRE(reg.ok());
        REQUIRE(cls.ok());
        for (size_t j = 0; j < 4; ++j) {
            CAPTURE(j);
            CHECK((*reg)[j] == doctest::Approx(ref::mi_synth_regression[j]).epsilon(1e-9));
            CHECK((*cls)[j] == doctest::Approx(ref::mi_synth_classif[j]).epsilon(1e-9));
        }
    }
}

// On data with repeated values sklearn's own estimate moves with its
// random_state (the noise breaks ties): ours must lie within 4 of sklearn's
// standard deviations over 20 seeds (plus 0.01 nats), and rank the same
// top three features where every sklearn run agrees.
TEST_CASE("mutual information on tables with ties stays within sklearn's spread") {
    const char* names[3] = {"wine", "iris", "diabetes"};
    const double* mean[3] = {ref::mi_wine_mean, ref::mi_iris_mean, ref::mi_diabetes_mean};
    const double* sd[3] = {ref::mi_wine_std, ref::mi_iris_std, ref::mi_diabetes_std};
    const int* top3[3] = {ref::mi_wine_top3, ref::mi_iris_top3, nullptr};
    for (size_t t = 0; t < 3; ++t) {
        MatrixD X;
        VectorD y;
        table(names[t], X, y);
        auto mi = t < 2 ? mutual_info_classif(X, y) : mutual_info_regression(X, y);
        REQUIRE(mi.ok());
        for (size_t j = 0; j < mi->size(); ++j) {
            CAPTURE(names[t]);
            CAPTURE(j);
            CHECK(std::fabs((*mi)[j] - mean[t][j]) <= 4.0 * sd[t][j] + 0.01);
        }
        if (!top3[t]) continue;
        std::vector<size_t> order(mi->size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return (*mi)[a] < (*mi)[b]; });
        std::vector<size_t> best(order.end() - 3, order.end());
        std::sort(best.begin(), best.end());
        for (size_t k = 0; k < 3; ++k) CHECK(best[k] == static_cast<size_t>(top3[t][k]));
    }
}

// --- the steps, against sklearn ----------------------------------------------------------

TEST_CASE("imputation learns the training statistics, as SimpleImputer") {
    const char* specs[3] = {"impute:mean", "impute:median",
                            "impute:most_frequent@age+income+score+const"};
    const double* stats[3] = {ref::impute_mean_stats, ref::impute_median_stats,
                              ref::impute_most_frequent_stats};
    const double* test[3] = {ref::impute_mean_test, ref::impute_median_test,
                             ref::impute_most_frequent_test};
    for (size_t s = 0; s < 3; ++s) {
        CAPTURE(specs[s]);
        auto imp = step(specs[s]);
        REQUIRE(imp->fit(messy_train(), {"y"}).ok());
        REQUIRE(imp->fitted_columns() == kNumericNames);
        const auto& fills = static_cast<const ImputeStep&>(*imp).fill_values();
        for (size_t j = 0; j < 4; ++j)
            CHECK(fills[j] == doctest::Approx(stats[s][j]).epsilon(1e-12));
        StepEffects fx;
        auto out = imp->transform(messy_test(), &fx);
        REQUIRE(out.ok());
        check_table(*out, kNumericNames, test[s], 1e-6);
        REQUIRE(fx.cells.size() == 2); // test rows 4 and 11 of age; 8 of income
        CHECK(fx.cells[0].column == "age");
        CHECK(fx.cells[0].action == "imputed");
        CHECK(fx.cells[0].rows == std::vector<uint32_t>{4, 11});
        CHECK(fx.cells[1].rows == std::vector<uint32_t>{8});
    }
    // Categorical columns: the most frequent category (ties: the smallest
    // string), or sklearn's "missing_value".
    auto mf = step("impute:most_frequent@city+grade");
    REQUIRE(mf->fit(messy_train()).ok());
    const auto& cats = static_cast<const ImputeStep&>(*mf).fill_categories();
    CHECK(cats[0] == ref::impute_most_frequent_categories[0]);
    CHECK(cats[1] == ref::impute_most_frequent_categories[1]);
    auto out = mf->transform(messy_test());
    REQUIRE(out.ok());
    CHECK(out->cell_text(10, out->find_column("grade")) == "b");
    auto constant = step("impute:constant");
    REQUIRE(constant->fit(messy_train(), {"y"}).ok());
    auto filled = constant->transform(messy_train());
    REQUIRE(filled.ok());
    CHECK(filled->cell_text(2, filled->find_column("city")) == ref::impute_constant_categories[0]);
    CHECK(filled->at(3, filled->find_column("age")) == 0.0f);
    auto named = step("impute:constant:-1@age");
    REQUIRE(named->fit(messy_train()).ok());
    CHECK(named->transform(messy_train())->at(3, 0) == -1.0f);
}

TEST_CASE("IQR clipping uses NumPy's quartiles and reports what it clipped") {
    auto clip = step("clip:iqr@age+income+score+const");
    StepEffects fx;
    auto train_out = clip->fit_transform(messy_train(), {"y"}, &fx);
    REQUIRE(train_out.ok());
    const auto& c = static_cast<const ClipIqrStep&>(*clip);
    for (size_t j = 0; j < 4; ++j) {
        CAPTURE(j);
        CHECK(c.q1()[j] == doctest::Approx(ref::iqr_q1[j]).epsilon(1e-12));
        CHECK(c.q3()[j] == doctest::Approx(ref::iqr_q3[j]).epsilon(1e-12));
        CHECK(c.low()[j] == doctest::Approx(ref::iqr_low[j]).epsilon(1e-12));
        CHECK(c.high()[j] == doctest::Approx(ref::iqr_high[j]).epsilon(1e-12));
        size_t low = 0, high = 0;
        for (const CellEffects& e : fx.cells)
            if (e.column == kNumeric[j]) (e.action == "clipped_low" ? low : high) += e.rows.size();
        CHECK(low == static_cast<size_t>(ref::iqr_train_clipped_low[j]));
        CHECK(high == static_cast<size_t>(ref::iqr_train_clipped_high[j]));
    }
    CHECK(col(*train_out, "age").values[8] == static_cast<float>(ref::iqr_high[0]));
    auto test_out = clip->transform(messy_test());
    REQUIRE(test_out.ok());
    check_table(*test_out, kNumericNames, ref::iqr_test, 1e-6);
}

TEST_CASE("z-score removal drops training rows only and flags the others") {
    auto z = step("drop:zscore:2@age+income+score");
    StepEffects fit_fx;
    auto train_out = z->fit_transform(messy_train(), {"y"}, &fit_fx);
    REQUIRE(train_out.ok());
    const auto& zs = static_cast<const ZScoreDropStep&>(*z);
    for (size_t j = 0; j < 3; ++j) {
        CHECK(zs.means()[j] == doctest::Approx(ref::zscore_mean[j]).epsilon(1e-12));
        CHECK(zs.stds()[j] == doctest::Approx(ref::zscore_std[j]).epsilon(1e-12));
    }
    const std::vector<uint32_t> dropped(std::begin(ref::zscore_train_outliers),
                                        std::end(ref::zscore_train_outliers));
    CHECK(fit_fx.dropped_rows == dropped);
    CHECK(train_out->n_rows() == ref::messy_n_train - dropped.size());
    CHECK(fit_fx.n_rows_out == train_out->n_rows());
    // the target rows go with their feature rows
    CHECK(col(*train_out, "y").values[8] == col(messy_train(), "y").values[9]);

    StepEffects test_fx;
    auto test_out = z->transform(messy_test(), &test_fx);
    REQUIRE(test_out.ok());
    CHECK(test_out->n_rows() == messy_test().n_rows()); // never drops other data
    const std::vector<uint32_t> flagged(std::begin(ref::zscore_test_outliers),
                                        std::end(ref::zscore_test_outliers));
    CHECK(test_fx.flagged_rows == flagged);
    CHECK(test_fx.dropped_rows.empty());
    // transform() of the training rows keeps them too: only fit_transform drops
    CHECK(z->transform(messy_train())->n_rows() == messy_train().n_rows());
}

TEST_CASE("standard and min-max scaling match StandardScaler and MinMaxScaler") {
    auto sc = step("scale:standard");
    REQUIRE(sc->fit(messy_train(), {"y"}).ok());
    CHECK(sc->fitted_columns() == kNumericNames); // never the target
    const auto& s = static_cast<const StandardScaleStep&>(*sc);
    for (size_t j = 0; j < 4; ++j) {
        CHECK(s.means()[j] == doctest::Approx(ref::standard_mean[j]).epsilon(1e-12));
        CHECK(s.variances()[j] == doctest::Approx(ref::standard_var[j]).epsilon(1e-10));
        CHECK(s.scales()[j] == doctest::Approx(ref::standard_scale[j]).epsilon(1e-10));
    }
    CHECK(s.scales()[3] == 1.0); // the constant column, as sklearn
    auto out = sc->transform(messy_test());
    REQUIRE(out.ok());
    check_table(*out, kNumericNames, ref::standard_test, 1e-6);
    CHECK(col(*out, "y").values == col(messy_test(), "y").values);

    auto mm = step("scale:minmax");
    REQUIRE(mm->fit(messy_train(), {"y"}).ok());
    const auto& m = static_cast<const MinMaxScaleStep&>(*mm);
    for (size_t j = 0; j < 4; ++j) {
        CHECK(m.data_min()[j] == ref::minmax_data_min[j]);
        CHECK(m.data_max()[j] == ref::minmax_data_max[j]);
        CHECK(m.scales()[j] == doctest::Approx(ref::minmax_scale[j]).epsilon(1e-12));
        CHECK(m.offsets()[j] == doctest::Approx(ref::minmax_offset[j]).epsilon(1e-12));
    }
    check_table(*mm->transform(messy_test()), kNumericNames, ref::minmax_test, 1e-6);
    auto range = step("scale:minmax:-1:2");
    REQUIRE(range->fit(messy_train(), {"y"}).ok());
    check_table(*range->transform(messy_test()), kNumericNames, ref::minmax_range_test, 1e-6);
}

TEST_CASE("one-hot and ordinal encoding match OneHotEncoder and OrdinalEncoder") {
    auto oh = step("onehot");
    REQUIRE(oh->fit(messy_train(), {"y"}).ok());
    CHECK(oh->fitted_columns() == std::vector<std::string>{"city", "grade"});
    StepEffects fx;
    auto out = oh->transform(messy_test(), &fx);
    REQUIRE(out.ok());
    const std::vector<std::string> names(std::begin(ref::onehot_names),
                                         std::end(ref::onehot_names));
    check_table(*out, names, ref::onehot_test, 0.0);
    // in place: age income score const city_* grade_* y
    std::vector<std::string> expect = kNumericNames;
    expect.insert(expect.end(), names.begin(), names.end());
    expect.push_back("y");
    CHECK(out->column_names() == expect);
    // "Nice" (test rows 5 and 18) and a grade missing only in test (row 10)
    REQUIRE(fx.cells.size() == 2);
    CHECK(fx.cells[0].action == "unknown");
    CHECK(fx.cells[0].rows == std::vector<uint32_t>{5, 18});
    CHECK(fx.cells[1].rows == std::vector<uint32_t>{10});

    auto od = step("ordinal:-1");
    REQUIRE(od->fit(messy_train()).ok());
    const auto& cats = static_cast<const OrdinalStep&>(*od).categories()[0];
    CHECK(cats == std::vector<std::string>(std::begin(ref::ordinal_city_categories),
                                           std::end(ref::ordinal_city_categories)));
    auto coded = od->transform(messy_test());
    REQUIRE(coded.ok());
    check_table(*coded, {"city", "grade"}, ref::ordinal_test, 0.0);
    CHECK_FALSE(coded->is_categorical(static_cast<size_t>(coded->find_column("city"))));
}

TEST_CASE("unseen categories are an error where the spec asks for one") {
    auto oh = step("onehot:error");
    REQUIRE(oh->fit(messy_train()).ok());
    auto bad = oh->transform(messy_test());
    REQUIRE_FALSE(bad.ok());
    CHECK(contains(bad.error().message, "row 6"));
    CHECK(contains(bad.error().message, "\"Nice\""));
    auto od = step("ordinal");
    REQUIRE(od->fit(messy_train()).ok());
    auto bad2 = od->transform(messy_test());
    REQUIRE_FALSE(bad2.ok());
    CHECK(contains(bad2.error().message, "ordinal:-1"));
}

TEST_CASE("a pipeline matches sklearn's make_pipeline, and the target passes through") {
    Pipeline p = parsed("impute:median,scale:standard");
    auto train_out = p.fit_transform(messy_train(), {"y"});
    REQUIRE(train_out.ok());
    auto out = p.transform(messy_test());
    REQUIRE(out.ok());
    check_table(*out, kNumericNames, ref::pipeline_median_standard_test, 1e-6);
    CHECK(col(*out, "y").values == col(messy_test(), "y").values);
    CHECK(col(*train_out, "y").values == col(messy_train(), "y").values);
    // a test set without the target transforms too
    Dataset no_target = messy_test().select_columns({0, 1, 2, 3, 4, 5});
    CHECK(p.transform(no_target).ok());
}

TEST_CASE("variance threshold and k-best selection choose as sklearn") {
    auto vt = step("select:variance");
    REQUIRE(vt->fit(messy_train(), {"y"}).ok());
    const auto& v = static_cast<const SelectStep&>(*vt);
    for (size_t j = 0; j < 4; ++j) {
        CHECK(v.scores()[j] == doctest::Approx(ref::variance_scores[j]).epsilon(1e-12));
        CHECK(v.selected()[j] == ref::variance_support[j]);
    }
    CHECK(v.removed_columns() == std::vector<std::string>{"const"});
    CHECK(vt->transform(messy_test())->find_column("const") < 0);
    auto vt10 = step("select:variance:10");
    REQUIRE(vt10->fit(messy_train(), {"y"}).ok());
    for (size_t j = 0; j < 4; ++j)
        CHECK(static_cast<const SelectStep&>(*vt10).selected()[j] == ref::variance10_support[j]);

    // SelectKBest(f_classif): digits has constant features (NaN in sklearn),
    // ranked last; ties go to the later column.
    const char* names[3] = {"wine", "iris", "digits"};
    const char* specs[3] = {"select:kbest_f:5:classif", "select:kbest_f:2",
                            "select:kbest_f:20:classif"};
    const int* support[3] = {ref::kbest_f_wine_support, ref::kbest_f_iris_support,
                             ref::kbest_f_digits_support};
    for (size_t t = 0; t < 3; ++t) {
        CAPTURE(names[t]);
        MatrixD X;
        VectorD y;
        Dataset ds;
        table(names[t], X, y, &ds);
        auto sel = step(specs[t]);
        FitContext ctx{"target", std::nullopt};
        if (t == 1) ctx.task = Task::classification; // no :classif: the context decides
        REQUIRE(sel->fit(ds, ctx).ok());
        const auto& s = static_cast<const SelectStep&>(*sel);
        CHECK(s.task() == Task::classification);
        for (size_t j = 0; j < s.selected().size(); ++j) {
            CAPTURE(j);
            CHECK(s.selected()[j] == support[t][j]);
            CHECK(std::isfinite(s.scores()[j]));
        }
    }
    MatrixD X;
    VectorD y;
    Dataset ds;
    table("diabetes", X, y, &ds);
    auto sel = step("select:kbest_f:4");
    REQUIRE(sel->fit(ds, {"target"}).ok());
    const auto& s = static_cast<const SelectStep&>(*sel);
    CHECK(s.task() == Task::regression); // a numeric target, no task given
    for (size_t j = 0; j < 10; ++j) {
        CHECK(s.selected()[j] == ref::kbest_f_diabetes_support[j]);
        CHECK(s.p_values()[j] == doctest::Approx(ref::f_regression_diabetes_p[j]).epsilon(1e-8));
    }
    auto out = sel->transform(ds);
    REQUIRE(out.ok());
    CHECK(out->n_columns() == 5);
    CHECK(out->column_names().back() == "target");

    auto corr = step("select:corr:0.4");
    REQUIRE(corr->fit(ds, {"target"}).ok());
    for (size_t j = 0; j < 10; ++j)
        CHECK(static_cast<const SelectStep&>(*corr).selected()[j] ==
              (std::fabs(ref::r_regression_diabetes[j]) >= 0.4));
    auto mi = step("select:kbest_mi:3:classif");
    Dataset wine;
    table("wine", X, y, &wine);
    REQUIRE(mi->fit(wine, {"target"}).ok());
    const auto& m = static_cast<const SelectStep&>(*mi);
    for (int j : ref::mi_wine_top3) CHECK(m.selected()[static_cast<size_t>(j)] == 1);
}

// --- no leakage --------------------------------------------------------------------------

namespace {

Dataset leak_table(const std::vector<float>& x, const std::vector<std::string>& c,
                   const std::vector<float>& y) {
    Dataset ds;
    REQUIRE(ds.add_column("x", x).ok());
    REQUIRE(ds.add_categorical_column("c", c).ok());
    REQUIRE(ds.add_column("y", y).ok());
    return ds;
}

} // namespace

TEST_CASE("a fitted pipeline applies training statistics to test data unchanged") {
    // The test rows have a wildly different mean and a category of their own.
    const Dataset train = leak_table({1, 2, 3, 4, NAN, 6}, {"a", "b", "a", "b", "a", "b"},
                                     {1, 2, 3, 4, 5, 6});
    const Dataset test = leak_table({1000, 1001, NAN, 1003}, {"a", "z", "b", "a"}, {7, 8, 9, 10});
    const Dataset both = leak_table({1, 2, 3, 4, NAN, 6, 1000, 1001, NAN, 1003},
                                    {"a", "b", "a", "b", "a", "b", "a", "z", "b", "a"},
                                    {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    const char* spec = "impute:median,scale:standard,onehot";
    Pipeline p = parsed(spec);
    REQUIRE(p.fit_transform(train, {"y"}).ok());
    const std::string state = p.to_json().dump();
    auto out = p.transform(test);
    REQUIRE(out.ok());

    // Training statistics: median 3, then mean and std of {1, 2, 3, 4, 3, 6}.
    const double mean = 19.0 / 6.0;
    double var = 0.0;
    for (double v : {1.0, 2.0, 3.0, 4.0, 3.0, 6.0}) var += (v - mean) * (v - mean) / 6.0;
    const double sd = std::sqrt(var);
    const std::vector<double> want = {(1000 - mean) / sd, (1001 - mean) / sd, (3 - mean) / sd,
                                      (1003 - mean) / sd};
    for (size_t i = 0; i < 4; ++i) check_close(col(*out, "x").values[i], want[i], 1e-6);
    // Only the training categories get columns; "z" is all zeros.
    CHECK(out->column_names() == std::vector<std::string>{"x", "c_a", "c_b", "y"});
    CHECK(col(*out, "c_a").values == std::vector<float>{1, 0, 0, 1});
    CHECK(col(*out, "c_b").values == std::vector<float>{0, 0, 1, 0});
    // Transforming learned nothing.
    CHECK(p.to_json().dump() == state);
    check_same(*p.transform(test), *out);
    // Each row is transformed on its own: the other test rows do not matter.
    auto one = p.transform(row_range(test, 2, 3));
    REQUIRE(one.ok());
    CHECK(col(*one, "x").values[0] == col(*out, "x").values[2]);

    // The check can fail: fitted on train + test, the numbers differ.
    Pipeline leaky = parsed(spec);
    REQUIRE(leaky.fit_transform(both, {"y"}).ok());
    auto leaked = leaky.transform(test);
    REQUIRE(leaked.ok());
    CHECK(std::fabs(col(*leaked, "x").values[0] - col(*out, "x").values[0]) > 1.0);
    CHECK(leaked->find_column("c_z") >= 0);
    CHECK(leaky.to_json().dump() != state);
}

TEST_CASE("on a real split, every learned value comes from the training rows") {
    auto houses = make_housing(200, 15.0, 3);
    REQUIRE(houses.ok());
    auto split = train_test_split(*houses, 0.3, 5);
    REQUIRE(split.ok());
    Pipeline p = parsed("scale:standard,select:kbest_f:2");
    REQUIRE(p.fit_transform(split->train, {"售价"}).ok());
    const auto& sc = static_cast<const StandardScaleStep&>(p.step(0));
    REQUIRE(sc.fitted_columns().size() == 3); // the features, not the price
    for (size_t j = 0; j < 3; ++j) {
        const std::vector<float>& train = col(split->train, sc.fitted_columns()[j]).values;
        const std::vector<float>& all = col(*houses, sc.fitted_columns()[j]).values;
        double train_mean = 0.0, all_mean = 0.0;
        for (float v : train) train_mean += v / static_cast<double>(train.size());
        for (float v : all) all_mean += v / static_cast<double>(all.size());
        CHECK(sc.means()[j] == doctest::Approx(train_mean).epsilon(1e-12));
        CHECK(sc.means()[j] != doctest::Approx(all_mean).epsilon(1e-6));
    }
    auto test_x = p.transform(split->test);
    REQUIRE(test_x.ok());
    CHECK(test_x->n_rows() == split->test.n_rows());
    CHECK(test_x->n_columns() == 3); // two features kept, and the target
    CHECK(col(*test_x, "售价").values == col(split->test, "售价").values);
}

// --- spec, reports, saving -----------------------------------------------------------------

TEST_CASE("specs parse, print back and name what is wrong") {
    Pipeline p = parsed(" impute : median , clip:iqr , scale:standard,onehot,select:kbest_f:5 ");
    CHECK(p.n_steps() == 5);
    CHECK(p.spec() == "impute:median,clip:iqr,scale:standard,onehot,select:kbest_f:5");
    const char* canonical[] = {
        "impute:constant:-1@age", "impute:constant:\"n/a, none\"", "clip:iqr:2",
        "drop:zscore:2.5", "scale:minmax:-1:1", "onehot:error", "ordinal:-1",
        "select:variance:0.1", "select:corr:0.3", "select:kbest_corr:all",
        "select:kbest_mi:3:classif", "select:kbest_f:4:regression",
        "scale:standard@\"rate, %\"+面积+\"say \"\"hi\"\"\""};
    for (const char* text : canonical) {
        CAPTURE(text);
        auto s = step(text);
        CHECK(s->spec() == text);
        CHECK(parsed(s->spec().c_str()).spec() == text);
    }
    CHECK(step("clip:iqr:1.5")->spec() == "clip:iqr");
    CHECK(step("scale:standard@\"rate, %\"+面积")->requested_columns() ==
          std::vector<std::string>{"rate, %", "面积"});
    CHECK(parsed("").n_steps() == 0);

    struct Bad {
        const char* spec;
        const char* says;
    };
    const Bad bad[] = {{"foo", "unknown preprocessing step \"foo\""},
                       {"impute", "strategy"},
                       {"impute:avg", "unknown strategy \"avg\""},
                       {"impute:mean:3", "only impute:constant"},
                       {"clip:iqr:-1", "must be > 0"},
                       {"clip:box", "clip:iqr"},
                       {"drop:zscore:abc", "not a number"},
                       {"scale:minmax:2:1", "LO must be below HI"},
                       {"scale:minmax:2", "both ends"},
                       {"onehot:maybe", "ignore"},
                       {"ordinal:x", "-1"},
                       {"select:kbest_f", "needs k"},
                       {"select:kbest_f:0", ">= 1"},
                       {"select:kbest_f:2.5", "whole number"},
                       {"select:kbest_mi:3:foo", "not a task"},
                       {"select:corr:2", "from 0 to 1"},
                       {"select:corr", "threshold"},
                       {"scale:standard,,onehot", "step 2"},
                       {"scale:standard@a@b", "more than one @"},
                       {"scale:standard@\"a", "closing quote"},
                       {"scale:standard@a+", "column name is empty"},
                       {"scale:standard@a\"b", "quote"},
                       {"scale:nan", "unknown method"}};
    for (const Bad& b : bad) {
        CAPTURE(b.spec);
        auto r = Pipeline::parse(b.spec);
        REQUIRE_FALSE(r.ok());
        CAPTURE(r.error().message);
        CHECK(contains(r.error().message, b.says));
    }
    auto where = Pipeline::parse("scale:standard,impute:avg");
    REQUIRE_FALSE(where.ok());
    CHECK(contains(where.error().message, "step 2 (impute:avg)"));
}

TEST_CASE("the report shows what each step learned and did to the training rows") {
    Pipeline p = parsed("impute:median,clip:iqr,onehot,select:kbest_f:3");
    REQUIRE(p.fit_transform(messy_train(), {"y"}).ok());
    Json r = p.report();
    CHECK(r.find("fitted")->as_bool());
    CHECK(r.find("target")->as_string() == "y");
    const Json& steps = *r.find("steps");
    REQUIRE(steps.size() == 4);
    const Json& impute = steps[0];
    CHECK(impute.find("step")->as_string() == "impute:median");
    const Json& age = (*impute.find("learned")->find("columns"))[0];
    CHECK(age.find("name")->as_string() == "age");
    CHECK(age.find("value")->as_number() == ref::impute_median_stats[0]);
    const Json& clipped = *steps[1].find("training")->find("cells");
    REQUIRE(clipped.size() >= 1);
    CHECK(clipped[0].find("column")->as_string() == "age");
    CHECK(clipped[0].find("count")->as_number() >= 1);
    const Json& encoded = (*steps[2].find("learned")->find("columns"))[0];
    CHECK(encoded.find("outputs")->size() == 5);
    const Json& select = *steps[3].find("learned");
    CHECK(select.find("score")->as_string() == "f_regression");
    CHECK(select.find("n_selected")->as_number() == 3);
    CHECK(contains(p.describe(), "kept 3"));
    // training rows are numbered as in the data given to fit_transform
    CHECK(p.training_effects()[0].cells[0].rows.front() == 3);
}

TEST_CASE("a saved pipeline transforms exactly as the fitted one") {
    Pipeline p = parsed("impute:most_frequent@age+city,clip:iqr:2,drop:zscore:2.5,"
                        "ordinal:-1@grade,scale:standard,scale:minmax:-1:1@score,onehot,"
                        "impute:median,select:variance,select:kbest_mi:all");
    auto fitted = p.fit_transform(messy_train(), {"y"});
    REQUIRE_MESSAGE(fitted.ok(), (fitted.ok() ? "" : fitted.error().message));
    auto doc = Json::parse(p.to_json().dump());
    REQUIRE(doc.ok());
    auto back = Pipeline::from_json(*doc);
    REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().message));
    CHECK(back->spec() == p.spec());
    CHECK(back->to_json().dump() == p.to_json().dump());
    check_same(*back->transform(messy_test()), *p.transform(messy_test()));

    // an unfitted pipeline saves its spec only
    auto bare = Pipeline::from_json(parsed("scale:standard").to_json());
    REQUIRE(bare.ok());
    CHECK_FALSE(bare->fitted());
    // damaged documents are errors that name the step and the field
    Json broken = p.to_json();
    CHECK_FALSE(Pipeline::from_json(Json::object()).ok());
    std::string text = broken.dump();
    const std::string key = "\"scale\":";
    text.replace(text.find(key), key.size(), "\"scale\":-"); // a negative scale
    auto damaged = Json::parse(text);
    REQUIRE(damaged.ok());
    auto bad = Pipeline::from_json(*damaged);
    REQUIRE_FALSE(bad.ok());
    CHECK(contains(bad.error().message, "scale"));
}

// --- awkward inputs --------------------------------------------------------------------------

TEST_CASE("missing, constant and single-category columns have a defined outcome") {
    Dataset ds;
    REQUIRE(ds.add_column("empty", {NAN, NAN, NAN, NAN}).ok());
    REQUIRE(ds.add_column("flat", {5, 5, 5, 5}).ok());
    REQUIRE(ds.add_column("x", {1, 2, 3, 4}).ok());
    REQUIRE(ds.add_categorical_column("one", {"k", "k", "k", "k"}).ok());
    REQUIRE(ds.add_column("y", {1, 3, 2, 4}).ok());

    // an all-missing column: imputers drop it (as sklearn), the others pass it
    log_set_level(LogLevel::error);
    auto imp = step("impute:mean");
    auto imputed = imp->fit_transform(ds, {"y"});
    log_set_level(LogLevel::info);
    REQUIRE(imputed.ok());
    CHECK(imputed->find_column("empty") < 0);
    CHECK(static_cast<const ImputeStep&>(*imp).dropped_columns() ==
          std::vector<std::string>{"empty"});
    CHECK(contains(imp->describe(), "\"empty\""));
    auto scaled = step("scale:standard")->fit_transform(ds, {"y"});
    REQUIRE(scaled.ok());
    CHECK(std::isnan(col(*scaled, "empty").values[0]));
    CHECK(col(*scaled, "flat").values == std::vector<float>{0, 0, 0, 0}); // scale 1
    CHECK(col(*step("scale:minmax")->fit_transform(ds, {"y"}), "flat").values[2] == 0.0f);
    CHECK(step("clip:iqr")->fit_transform(ds, {"y"}).ok());

    // a constant column never flags a z-score outlier, even far away
    auto z = step("drop:zscore@flat");
    REQUIRE(z->fit(ds).ok());
    Dataset far;
    REQUIRE(far.add_column("flat", {5, 500}).ok());
    StepEffects fx;
    REQUIRE(z->transform(far, &fx).ok());
    CHECK(fx.flagged_rows.empty());

    // one category: one column of ones; ordinal code 0
    auto oh = step("onehot")->fit_transform(ds, {"y"});
    REQUIRE(oh.ok());
    CHECK(col(*oh, "one_k").values == std::vector<float>{1, 1, 1, 1});
    CHECK(col(*step("ordinal")->fit_transform(ds), "one").values[3] == 0.0f);

    // the constant column scores 0 and ranks last; k beyond the columns keeps all
    Dataset clean = ds.select_columns({1, 2, 4});
    auto sel = step("select:kbest_f:1");
    REQUIRE(sel->fit(clean, {"y"}).ok());
    CHECK(static_cast<const SelectStep&>(*sel).selected_columns() ==
          std::vector<std::string>{"x"});
    CHECK(static_cast<const SelectStep&>(*sel).scores()[0] == 0.0);
    auto many = step("select:kbest_f:10");
    REQUIRE(many->fit(clean, {"y"}).ok());
    CHECK(many->transform(clean)->n_columns() == 3);
    CHECK(many->report().find("learned")->find("n_selected")->as_number() == 2);
    // no numeric feature to choose from: nothing to do, and it says so
    auto none = step("select:kbest_f:2");
    REQUIRE(none->fit(ds.select_columns({3, 4}), {"y"}).ok());
    CHECK(contains(none->describe(), "no column"));
    auto flat_var = step("select:variance");
    REQUIRE(flat_var->fit(clean, {"y"}).ok());
    CHECK(static_cast<const SelectStep&>(*flat_var).removed_columns() ==
          std::vector<std::string>{"flat"});
}

TEST_CASE("impossible fits are errors that say what to do") {
    Dataset ds;
    REQUIRE(ds.add_column("x", {1, NAN, 3, 4}).ok());
    REQUIRE(ds.add_column("z", {1, 2, 3, 4}).ok());
    REQUIRE(ds.add_categorical_column("c", {"a", "b", "a", "b"}).ok());
    REQUIRE(ds.add_column("y", {1, 2, NAN, 4}).ok());

    struct Case {
        const char* spec;
        const char* target;
        const char* says;
    };
    const Case cases[] = {
        {"select:kbest_f:1@z", "y", "missing in row 3"},        // NaN target
        {"select:kbest_f:1@x", "", "name the target"},          // no target
        {"select:kbest_f:1", "c", "missing or infinite in row 2"}, // NaN feature
        {"select:kbest_corr:1@z", "c", "numeric target"},       // categorical target
        {"select:kbest_f:1:regression@z", "c", ":classif"},
        {"scale:standard@c", "y", "cannot act on the categorical column \"c\""},
        {"scale:standard@y", "y", "is the target"},
        {"scale:standard@nope", "y", "no column named \"nope\""},
        {"scale:standard@x+x", "y", "twice"},
        {"drop:zscore:0.5@z", "", "would drop all"},
        {"select:variance:100", "y", "lower the threshold"},
        {"select:corr:1@z", "", "name the target"},
        {"scale:standard", "target", "no column named \"target\""}};
    for (const Case& c : cases) {
        CAPTURE(c.spec);
        Pipeline p = parsed(c.spec);
        auto r = p.fit_transform(c.spec == std::string("drop:zscore:0.5@z")
                                     ? ds.select_rows({0, 3})
                                     : ds,
                                 {c.target});
        REQUIRE_FALSE(r.ok());
        CAPTURE(r.error().message);
        CHECK(contains(r.error().message, c.says));
        CHECK_FALSE(p.fitted());
    }
    // a categorical target with no task given is classification
    auto sel = step("select:kbest_f:1@z");
    REQUIRE(sel->fit(ds, {"c"}).ok());
    CHECK(static_cast<const SelectStep&>(*sel).task() == Task::classification);

    // an empty training set; an empty test set transforms to no rows
    Pipeline p = parsed("scale:standard");
    CHECK(contains(p.fit_transform(Dataset(), {}).error().message, "no rows"));
    CHECK(contains(p.transform(ds).error().message, "not fitted"));
    REQUIRE(p.fit_transform(ds, {"y"}).ok());
    auto none = p.transform(ds.select_rows({}));
    REQUIRE(none.ok());
    CHECK(none->n_rows() == 0);
    // a column missing at transform time, or of another kind
    auto missing = p.transform(ds.select_columns({0, 2, 3}));
    REQUIRE_FALSE(missing.ok());
    CHECK(contains(missing.error().message, "\"z\""));
    Dataset other;
    REQUIRE(other.add_column("x", {1}).ok());
    REQUIRE(other.add_categorical_column("z", {"q"}).ok());
    CHECK(contains(p.transform(other).error().message, "was numeric"));

    // a failed refit leaves the fitted pipeline as it was
    const std::string before = p.to_json().dump();
    CHECK_FALSE(p.fit_transform(ds, {"nope"}).ok());
    CHECK(p.fitted());
    CHECK(p.to_json().dump() == before);
}

TEST_CASE("transforming leaves the input as it was") {
    const Dataset train = messy_train();
    const Dataset copy = train;
    Pipeline p = parsed("impute:median,drop:zscore,scale:standard,onehot");
    REQUIRE(p.fit_transform(train, {"y"}).ok());
    REQUIRE(p.transform(train).ok());
    check_same(train, copy);
    // a copy of a fitted pipeline is independent
    Pipeline q = p;
    q.add(step("select:variance"));
    CHECK(p.fitted());
    CHECK_FALSE(q.fitted());
    CHECK(p.n_steps() == 4);
    CHECK(q.n_steps() == 5);
}
