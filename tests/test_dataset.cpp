#include "core/dataset.h"

#include "core/datasets.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace mlplay;

TEST_CASE("columns keep UTF-8 names and reject duplicates or ragged lengths") {
    Dataset ds;
    REQUIRE(ds.add_column("面积", {100, 150}).ok());
    REQUIRE(ds.add_column("售价", {300, 450}).ok());
    CHECK(ds.find_column("面积") == 0);
    CHECK(ds.column_name(1) == "售价");
    CHECK_FALSE(ds.add_column("面积", {1, 2}).ok());
    auto ragged = ds.add_column("x", {1, 2, 3});
    REQUIRE_FALSE(ragged.ok());
    CHECK(ragged.error().message.find("3 values") != std::string::npos);
}

TEST_CASE("require_column lists the columns that exist") {
    auto ds = load_builtin_dataset("housing");
    REQUIRE(ds.ok());
    auto missing = ds->require_column("price");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("售价") != std::string::npos);
}

TEST_CASE("the course's housing table is built in, byte for byte") {
    auto ds = load_builtin_dataset("housing");
    REQUIRE(ds.ok());
    CHECK(ds->column_names() ==
          std::vector<std::string>{"面积", "卧室数量", "地理位置", "售价"});
    REQUIRE(ds->n_rows() == 4);
    const float rows[4][4] = {
        {100, 2, 1, 300}, {150, 3, 2, 450}, {120, 2, 2, 350}, {80, 1, 1, 220}};
    for (size_t i = 0; i < 4; ++i)
        for (size_t j = 0; j < 4; ++j) CHECK(ds->at(i, j) == rows[i][j]);
}

TEST_CASE("make_housing draws plausible houses") {
    auto ds = make_housing(500, 15.0, 1);
    REQUIRE(ds.ok());
    CHECK(ds->n_rows() == 500);
    for (size_t i = 0; i < ds->n_rows(); ++i) {
        CHECK(ds->at(i, 0) >= 50);
        CHECK(ds->at(i, 0) < 200);
        CHECK(ds->at(i, 1) >= 1);
        CHECK(ds->at(i, 1) <= 6);
        CHECK((ds->at(i, 2) == 1 || ds->at(i, 2) == 2 || ds->at(i, 2) == 3));
        CHECK(std::isfinite(ds->at(i, 3)));
    }
    CHECK_FALSE(make_housing(0, 1.0, 1).ok());
    CHECK_FALSE(make_housing(10, -1.0, 1).ok());
    CHECK_FALSE(make_housing(10, std::nan(""), 1).ok());
}

TEST_CASE("supervised_data refuses missing values and names the row") {
    Dataset ds;
    ds.add_column("a", {1, NAN, 3});
    ds.add_column("y", {1, 2, 3});
    auto d = supervised_data(ds, "y");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().message.find("row 2") != std::string::npos);
    CHECK(d.error().message.find("\"a\"") != std::string::npos);
    CHECK_FALSE(supervised_data(ds, "nope").ok());
}

TEST_CASE("categorical columns keep codes, categories and missing counts") {
    Dataset ds;
    REQUIRE(ds.add_column("area", {100, NAN, 80, 120}).ok());
    REQUIRE(ds.add_categorical_column("city", {"Paris", "Lyon", "", "Paris"}).ok());
    REQUIRE(ds.add_categorical_column("grade", {1, 0, NAN, 1}, {"low", "high"}).ok());
    CHECK_FALSE(ds.is_categorical(0));
    CHECK(ds.is_categorical(1));
    CHECK(ds.kind(2) == ColumnKind::categorical);
    CHECK(ds.categories(0).empty());
    CHECK(ds.categories(1) == std::vector<std::string>{"Paris", "Lyon"});
    CHECK(ds.at(3, 1) == 0.0f);
    CHECK(ds.cell_text(0, 2) == "high");
    CHECK(ds.cell_text(2, 1).empty());
    CHECK(ds.cell_text(0, 0) == "100");
    CHECK(ds.n_missing(0) == 1);
    CHECK(ds.missing_counts() == std::vector<size_t>{1, 1, 1});

    // kinds and categories survive row and column selection
    Dataset rows = ds.select_rows({3, 1});
    CHECK(rows.is_categorical(1));
    CHECK(rows.categories(2) == ds.categories(2));
    CHECK(rows.cell_text(1, 1) == "Lyon");
    Dataset cols = ds.select_columns({2, 0});
    CHECK(cols.is_categorical(0));
    CHECK_FALSE(cols.is_categorical(1));
    CHECK(cols.cell_text(1, 0) == "low");
}

TEST_CASE("add_categorical_column names what is wrong") {
    Dataset ds;
    REQUIRE(ds.add_column("a", {1, 2}).ok());
    auto bad_code = ds.add_categorical_column("c", {0, 2}, {"x", "y"});
    REQUIRE_FALSE(bad_code.ok());
    CHECK(bad_code.error().message.find("row 2") != std::string::npos);
    CHECK_FALSE(ds.add_categorical_column("c", {0, 0.5f}, {"x", "y"}).ok());
    CHECK_FALSE(ds.add_categorical_column("c", {-1, 0}, {"x"}).ok());
    auto twice = ds.add_categorical_column("c", {0, 1}, {"x", "x"});
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message.find("\"x\"") != std::string::npos);
    CHECK_FALSE(ds.add_categorical_column("a", {"u", "v"}).ok());
    CHECK_FALSE(ds.add_categorical_column("c", {"u"}).ok());
    CHECK(ds.n_columns() == 1);
}

TEST_CASE("supervised_data refuses categorical features, accepts a categorical target") {
    Dataset ds;
    REQUIRE(ds.add_column("x", {1, 2, 3}).ok());
    REQUIRE(ds.add_categorical_column("city", {"Paris", "Lyon", "Paris"}).ok());
    REQUIRE(ds.add_categorical_column("label", {"yes", "no", "no"}).ok());
    auto refused = supervised_data(ds, "label");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("column \"city\" is categorical: one-hot or ordinal "
                                       "encode it first") != std::string::npos);

    auto d = supervised_data(ds.select_columns({0, 2}), "label");
    REQUIRE(d.ok());
    CHECK(d->y(0) == 0.0f);
    CHECK(d->y(2) == 1.0f);
    CHECK(d->target_categories == std::vector<std::string>{"yes", "no"});
    auto numeric = supervised_data(ds.select_columns({0, 2}), "x");
    REQUIRE_FALSE(numeric.ok()); // label is a categorical feature there
}
