#include "core/csv.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace mlplay;

namespace {

std::string error_of(const std::string& text) {
    auto r = read_csv(text);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("a clean file with a BOM, CRLF and UTF-8 names") {
    auto r = read_csv("\xEF\xBB\xBF面积,卧室数量,地理位置,售价\r\n100,2,1,300\r\n150,3,2,450\r\n");
    REQUIRE(r.ok());
    CHECK(r->column_name(0) == "面积");
    CHECK(r->n_rows() == 2);
    CHECK(r->at(1, 3) == 450.0f);
}

TEST_CASE("quoted fields may hold delimiters, quotes and newlines") {
    auto r = read_csv("\"a,b\",\"say \"\"hi\"\"\",\"multi\nline\"\n1,2,3\n");
    REQUIRE(r.ok());
    CHECK(r->column_name(0) == "a,b");
    CHECK(r->column_name(1) == "say \"hi\"");
    CHECK(r->column_name(2) == "multi\nline");
    CHECK(r->at(0, 2) == 3.0f);
}

TEST_CASE("semicolon and tab delimiters are detected") {
    auto semi = read_csv("x;y\n1.5;2\n");
    REQUIRE(semi.ok());
    CHECK(semi->at(0, 0) == 1.5f);
    auto tab = read_csv("x\ty\n1\t2\n");
    REQUIRE(tab.ok());
    CHECK(tab->n_columns() == 2);
}

TEST_CASE("missing cells become NaN") {
    auto r = read_csv("a,b,c,d,e,f\n,NA,NaN,?,null,1\n");
    REQUIRE(r.ok());
    for (size_t j = 0; j < 5; ++j) CHECK(std::isnan(r->at(0, j)));
    CHECK(r->at(0, 5) == 1.0f);
}

TEST_CASE("malformed input is an error naming line and column") {
    CHECK(contains(error_of(""), "empty"));
    CHECK(contains(error_of("a,b\n"), "no data rows"));
    CHECK(contains(error_of("a,b\n1,2\n3\n"), "line 3"));
    std::string e = error_of("a,b\n1,2\n3,abc\n");
    CHECK(contains(e, "line 3"));
    CHECK(contains(e, "column 2"));
    CHECK(contains(e, "abc"));
    CHECK(contains(error_of("a,b\n1,\"2\n"), "never closed"));
    CHECK(contains(error_of("a,b\n1,1e999\n"), "too large"));
    CHECK(contains(error_of("a,b\n1,1e39\n"), "float32"));
    CHECK(contains(error_of("a,a\n1,2\n"), "twice"));
    CHECK(contains(error_of(std::string("a,b\n1,\0\n", 8)), "binary"));
}

TEST_CASE("write_csv reads back the same table") {
    auto r = read_csv("面积,\"note, with comma\"\n1.25,3\n,4\n");
    REQUIRE(r.ok());
    auto back = read_csv(write_csv(*r));
    REQUIRE(back.ok());
    CHECK(back->column_names() == r->column_names());
    CHECK(back->at(0, 0) == 1.25f);
    CHECK(std::isnan(back->at(1, 0)));
}
