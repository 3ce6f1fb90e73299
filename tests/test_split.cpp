#include "core/split.h"

#include "core/datasets.h"

#include "reference/references.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>

using namespace mlplay;

TEST_CASE("train_test_split sizes follow scikit-learn's rounding") {
    // sklearn: n_test = ceil(test_size * n), n_train = n - n_test.
    struct Case { size_t n; double f; size_t n_test; };
    const Case cases[] = {{4, 0.25, 1}, {4, 0.5, 2}, {10, 0.33, 4}, {300, 0.25, 75},
                          {7, 0.1, 1}, {1000, 0.2, 200}};
    for (const Case& c : cases) {
        auto s = train_test_split_indices(c.n, c.f, 1);
        REQUIRE(s.ok());
        CHECK(s->test.size() == c.n_test);
        CHECK(s->train.size() == c.n - c.n_test);
    }
}

TEST_CASE("a split is a partition of the rows") {
    auto s = train_test_split_indices(300, 0.3, 5);
    REQUIRE(s.ok());
    std::vector<uint32_t> all = s->train;
    all.insert(all.end(), s->test.begin(), s->test.end());
    std::sort(all.begin(), all.end());
    for (uint32_t i = 0; i < 300; ++i) CHECK(all[i] == i);
}

TEST_CASE("the same seed gives the same split natively and in wasm") {
    // Printed by the native build; the wasm build must draw the very same rows.
    auto s = train_test_split_indices(300, 0.25, 42);
    REQUIRE(s.ok());
    const uint32_t first_test[] = {165, 87, 0, 63, 224, 166, 213, 169};
    for (size_t i = 0; i < 8; ++i) CHECK(s->test[i] == first_test[i]);

    auto again = train_test_split_indices(300, 0.25, 42);
    CHECK(again->test == s->test);
    auto other = train_test_split_indices(300, 0.25, 43);
    CHECK(other->test != s->test);
}

TEST_CASE("without shuffling the last rows are the test set") {
    auto s = train_test_split_indices(10, 0.3, 0, false);
    REQUIRE(s.ok());
    CHECK(s->train == std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6});
    CHECK(s->test == std::vector<uint32_t>{7, 8, 9});
}

TEST_CASE("impossible splits are errors that say why") {
    CHECK_FALSE(train_test_split_indices(10, 0.0, 1).ok());
    CHECK_FALSE(train_test_split_indices(10, 1.0, 1).ok());
    CHECK_FALSE(train_test_split_indices(10, -0.5, 1).ok());
    auto nan = train_test_split_indices(10, std::nan(""), 1);
    REQUIRE_FALSE(nan.ok());
    CHECK(nan.error().message.find("test_size") != std::string::npos);
    auto one = train_test_split_indices(1, 0.5, 1);
    REQUIRE_FALSE(one.ok());
    CHECK(one.error().message.find("at least one") != std::string::npos);
}

TEST_CASE("splitting a dataset keeps rows whole") {
    auto ds = make_housing(50, 10.0, 3);
    REQUIRE(ds.ok());
    auto sp = train_test_split(*ds, 0.2, 9);
    REQUIRE(sp.ok());
    CHECK(sp->train.n_rows() == 40);
    CHECK(sp->test.n_rows() == 10);
    CHECK(sp->test.column_names() == ds->column_names());
    auto idx = train_test_split_indices(50, 0.2, 9);
    for (size_t i = 0; i < 10; ++i)
        for (size_t c = 0; c < 4; ++c) CHECK(sp->test.at(i, c) == ds->at(idx->test[i], c));
}

// --- train / validation / test -------------------------------------------------------

namespace {

bool is_partition(std::vector<std::vector<uint32_t>> parts, size_t n) {
    std::vector<uint32_t> all;
    for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
    std::sort(all.begin(), all.end());
    if (all.size() != n) return false;
    for (uint32_t i = 0; i < n; ++i)
        if (all[i] != i) return false;
    return true;
}

std::map<int, size_t> class_counts(const std::vector<uint32_t>& rows, const std::vector<int>& y) {
    std::map<int, size_t> counts;
    for (uint32_t r : rows) ++counts[y[r]];
    return counts;
}

bool mentions(const Error& e, const char* word) {
    return e.message.find(word) != std::string::npos;
}

// 0..k-1 repeated with uneven counts: class c has 5 + 7 c rows, interleaved.
std::vector<int> uneven_labels(int k) {
    std::vector<int> y;
    for (int round = 0; y.size() < static_cast<size_t>(k * 5 + 7 * k * (k - 1) / 2); ++round)
        for (int c = 0; c < k; ++c)
            if (round < 5 + 7 * c) y.push_back(c);
    return y;
}

} // namespace

TEST_CASE("train_val_test_split sizes round up test and validation, as sklearn") {
    struct Case { size_t n; double test, val; size_t n_test, n_val; };
    const Case cases[] = {{10, 0.2, 0.2, 2, 2}, {10, 0.25, 0.15, 3, 2}, {300, 0.2, 0.1, 60, 30},
                          {7, 0.1, 0.1, 1, 1}, {1000, 0.15, 0.15, 150, 150}};
    for (const Case& c : cases) {
        CAPTURE(c.n);
        auto s = train_val_test_split_indices(c.n, c.test, c.val, 3);
        REQUIRE(s.ok());
        CHECK(s->test.size() == c.n_test);
        CHECK(s->validation.size() == c.n_val);
        CHECK(s->train.size() == c.n - c.n_test - c.n_val);
        CHECK(is_partition({s->train, s->validation, s->test}, c.n));
    }
}

TEST_CASE("train_val_test_split draws the test rows train_test_split draws") {
    auto two = train_test_split_indices(300, 0.25, 42);
    auto three = train_val_test_split_indices(300, 0.25, 0.25, 42);
    REQUIRE(three.ok());
    CHECK(three->test == two->test);
    auto fixed = train_val_test_split_indices(10, 0.2, 0.3, 0, false);
    REQUIRE(fixed.ok());
    CHECK(fixed->train == std::vector<uint32_t>{0, 1, 2, 3, 4});
    CHECK(fixed->validation == std::vector<uint32_t>{5, 6, 7});
    CHECK(fixed->test == std::vector<uint32_t>{8, 9});
}

TEST_CASE("a stratified split keeps every class's share within rounding") {
    const std::vector<int> y = uneven_labels(4); // 5, 12, 19, 26 rows
    const size_t n = y.size();
    for (uint64_t seed : {1u, 2u, 3u}) {
        auto s = train_val_test_split_indices(n, 0.2, 0.3, seed, true, y);
        REQUIRE(s.ok());
        CHECK(s->test.size() == 13);
        CHECK(s->validation.size() == 19);
        CHECK(is_partition({s->train, s->validation, s->test}, n));
        std::map<int, size_t> all = class_counts(s->train, y);
        std::map<int, size_t> test = class_counts(s->test, y), val = class_counts(s->validation, y);
        for (int c = 0; c < 4; ++c) {
            CAPTURE(c);
            double n_c = static_cast<double>(5 + 7 * c);
            CHECK(std::fabs(static_cast<double>(test[c]) - 0.2 * n_c) < 1.0);
            CHECK(std::fabs(static_cast<double>(val[c]) - 0.3 * n_c) < 1.0);
            CHECK(all[c] + test[c] + val[c] == static_cast<size_t>(n_c));
        }
    }
}

TEST_CASE("impossible train/validation/test splits are errors that say why") {
    auto sum = train_val_test_split_indices(10, 0.5, 0.5, 1);
    REQUIRE_FALSE(sum.ok());
    CHECK(mentions(sum.error(), "add up to 1"));
    CHECK(train_val_test_split_indices(10, 0.2, 0.0, 1).ok()); // 0: no validation set
    CHECK_FALSE(train_val_test_split_indices(10, std::nan(""), 0.2, 1).ok());
    auto small = train_val_test_split_indices(2, 0.3, 0.3, 1);
    REQUIRE_FALSE(small.ok());
    CHECK(mentions(small.error(), "at least one"));

    const std::vector<int> y = {0, 0, 0, 1, 1, 1, 1, 1, 2, 2};
    auto length = train_val_test_split_indices(9, 0.2, 0.2, 1, true, y);
    REQUIRE_FALSE(length.ok());
    CHECK(mentions(length.error(), "10 labels for 9 rows"));
    CHECK_FALSE(train_val_test_split_indices(10, 0.2, 0.2, 1, false, y).ok());
    auto rare = train_val_test_split_indices(10, 0.3, 0.3, 1, true, y);
    REQUIRE_FALSE(rare.ok());
    CHECK(mentions(rare.error(), "class 2 has only 2 row(s)"));
    const std::vector<int> y3 = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    auto thin = train_val_test_split_indices(10, 0.2, 0.2, 1, true, y3);
    REQUIRE_FALSE(thin.ok());
    CHECK(mentions(thin.error(), "at least one row per class"));
}

// --- k-fold ----------------------------------------------------------------------

TEST_CASE("k-fold sizes and rows follow scikit-learn's KFold") {
    auto kf = k_fold_indices(11, 3, 0, false);
    REQUIRE(kf.ok());
    REQUIRE(kf->size() == 3);
    size_t at = 0;
    for (size_t f = 0; f < 3; ++f) {
        CAPTURE(f);
        REQUIRE((*kf)[f].test.size() == static_cast<size_t>(ref::kfold_sizes[f]));
        for (uint32_t r : (*kf)[f].test) CHECK(r == static_cast<uint32_t>(ref::kfold_test[at++]));
        CHECK(is_partition({(*kf)[f].train, (*kf)[f].test}, 11));
    }

    // Shuffled: the same sizes, every row tested exactly once, sorted lists.
    auto sh = k_fold_indices(103, 5, 7);
    REQUIRE(sh.ok());
    std::vector<std::vector<uint32_t>> tests;
    for (size_t f = 0; f < 5; ++f) {
        const SplitIndices& s = (*sh)[f];
        CHECK(s.test.size() == (f < 3 ? 21u : 20u));
        CHECK(std::is_sorted(s.test.begin(), s.test.end()));
        CHECK(std::is_sorted(s.train.begin(), s.train.end()));
        CHECK(is_partition({s.train, s.test}, 103));
        tests.push_back(s.test);
    }
    CHECK(is_partition(tests, 103));
}

TEST_CASE("stratified k-fold matches scikit-learn and balances every class") {
    const std::vector<int> y(std::begin(ref::fold_y), std::end(ref::fold_y));
    auto skf = stratified_k_fold_indices(y, 3, 0, false);
    REQUIRE(skf.ok());
    size_t at = 0;
    for (size_t f = 0; f < 3; ++f) {
        CAPTURE(f);
        REQUIRE((*skf)[f].test.size() == static_cast<size_t>(ref::skfold_sizes[f]));
        for (uint32_t r : (*skf)[f].test) CHECK(r == static_cast<uint32_t>(ref::skfold_test[at++]));
    }

    const std::vector<int> uneven = uneven_labels(4);
    for (uint64_t seed : {1u, 2u}) {
        auto sh = stratified_k_fold_indices(uneven, 4, seed);
        REQUIRE(sh.ok());
        std::vector<std::vector<uint32_t>> tests;
        size_t lo = SIZE_MAX, hi = 0;
        for (const SplitIndices& s : *sh) {
            CHECK(is_partition({s.train, s.test}, uneven.size()));
            tests.push_back(s.test);
            lo = std::min(lo, s.test.size());
            hi = std::max(hi, s.test.size());
        }
        CHECK(is_partition(tests, uneven.size()));
        CHECK(hi - lo <= 1);
        for (int c = 0; c < 4; ++c) {
            CAPTURE(c);
            size_t c_lo = SIZE_MAX, c_hi = 0;
            for (const SplitIndices& s : *sh) {
                size_t k = class_counts(s.test, uneven)[c];
                c_lo = std::min(c_lo, k);
                c_hi = std::max(c_hi, k);
            }
            CHECK(c_hi - c_lo <= 1);
        }
    }
}

TEST_CASE("impossible folds are errors that say why") {
    auto one = k_fold_indices(10, 1, 0);
    REQUIRE_FALSE(one.ok());
    CHECK(mentions(one.error(), "at least 2 folds"));
    auto many = k_fold_indices(4, 5, 0);
    REQUIRE_FALSE(many.ok());
    CHECK(mentions(many.error(), "only 4 rows"));
    CHECK_FALSE(k_fold_indices(0, 2, 0).ok());
    CHECK_FALSE(stratified_k_fold_indices({}, 2, 0).ok());
    auto rare = stratified_k_fold_indices({0, 0, 0, 1, 1, 0, 0}, 3, 0);
    REQUIRE_FALSE(rare.ok());
    CHECK(mentions(rare.error(), "least populated class in y (class 1) has only 2"));
}

TEST_CASE("new splits draw the same rows natively and in wasm") {
    // Printed by the native build; the wasm build must draw the very same rows.
    auto tvt = train_val_test_split_indices(300, 0.2, 0.2, 42);
    REQUIRE(tvt.ok());
    const uint32_t tvt_val[] = {198, 157, 136, 79, 72, 171, 21, 1};
    for (size_t i = 0; i < 8; ++i) CHECK(tvt->validation[i] == tvt_val[i]);

    const std::vector<int> y = uneven_labels(4);
    auto strat = train_val_test_split_indices(y.size(), 0.2, 0.3, 42, true, y);
    REQUIRE(strat.ok());
    const uint32_t strat_test[] = {50, 23, 10, 0, 25, 9, 32, 42};
    for (size_t i = 0; i < 8; ++i) CHECK(strat->test[i] == strat_test[i]);

    auto kf = k_fold_indices(300, 5, 42);
    REQUIRE(kf.ok());
    const uint32_t kf_test2[] = {2, 8, 9, 13, 17, 22, 23, 30};
    for (size_t i = 0; i < 8; ++i) CHECK((*kf)[2].test[i] == kf_test2[i]);

    auto skf = stratified_k_fold_indices(y, 4, 42);
    REQUIRE(skf.ok());
    const uint32_t skf_test1[] = {0, 15, 19, 22, 23, 25, 35, 36};
    for (size_t i = 0; i < 8; ++i) CHECK((*skf)[1].test[i] == skf_test1[i]);
}

TEST_CASE("val_size 0 gives a stratified train/test split without a validation set") {
    std::vector<int> y;
    for (int i = 0; i < 90; ++i) y.push_back(i < 60 ? 0 : 1);
    auto s = train_val_test_split_indices(90, 0.2, 0.0, 7, true, y);
    REQUIRE(s.ok());
    CHECK(s->validation.empty());
    CHECK(s->test.size() == 18);
    CHECK(s->train.size() == 72);
    size_t ones = 0;
    for (uint32_t r : s->test) ones += y[r] == 1;
    CHECK(ones == 6); // a third of the test rows, as a third of all rows
    // Unstratified, it draws the very rows train_test_split does.
    auto plain = train_val_test_split_indices(90, 0.2, 0.0, 7, true);
    auto reference = train_test_split_indices(90, 0.2, 7, true);
    CHECK(plain->test == reference->test);
    CHECK_FALSE(train_val_test_split_indices(90, 0.2, -0.1, 7).ok());
}
