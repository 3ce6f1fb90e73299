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
    CHECK(ds->column_names() == std::vector<std::string>{"面积", "卧室数量", "地理位置", "售价"});
    REQUIRE(ds->n_rows() == 4);
    const float rows[4][4] = {{100, 2, 1, 300}, {150, 3, 2, 450}, {120, 2, 2, 350}, {80, 1, 1, 220}};
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
