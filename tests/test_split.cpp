#include "core/split.h"

#include "core/datasets.h"

#include <doctest/doctest.h>

#include <algorithm>

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
