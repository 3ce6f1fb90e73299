#include "core/json.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace mlplay;

TEST_CASE("json round-trips values, UTF-8 and doubles") {
    Json o = Json::object();
    o.set("name", "售价 \"quoted\"\n");
    o.set("pi", 3.141592653589793);
    o.set("tiny", 1e-300);
    o.set("flag", true);
    o.set("none", nullptr);
    o.set("list", Json::numbers({1, 2.5, -3}));
    auto back = Json::parse(o.dump());
    REQUIRE(back.ok());
    CHECK(back->find("name")->as_string() == "售价 \"quoted\"\n");
    CHECK(back->find("pi")->as_number() == 3.141592653589793);
    CHECK(back->find("tiny")->as_number() == 1e-300);
    CHECK(back->find("flag")->as_bool());
    CHECK(back->find("none")->is_null());
    CHECK(back->find("list")->size() == 3);
    CHECK(back->dump() == o.dump());
}

TEST_CASE("json reads escapes and surrogate pairs") {
    auto j = Json::parse(R"(["\u00e9\u552e\ud83d\ude00", "a\/b\tc"])");
    REQUIRE(j.ok());
    CHECK((*j)[0].as_string() == "é售😀");
    CHECK((*j)[1].as_string() == "a/b\tc");
}

TEST_CASE("json errors name line and column") {
    auto bad = Json::parse("{\n  \"a\": 1,\n  \"b\": tru\n}");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("line 3, column 8") != std::string::npos);
    const char* broken[] = {"", "{", "[1,]", "{\"a\" 1}", "\"open", "01", "1.", "-", "nul",
                            "[1] x", "\"\\ud800\"", "\"\\x\"", "{\"a\":1,}", "1e999"};
    for (const char* text : broken) {
        CAPTURE(text);
        CHECK_FALSE(Json::parse(text).ok());
    }
}

TEST_CASE("json refuses nesting deep enough to exhaust the stack") {
    std::string deep(100000, '[');
    auto r = Json::parse(deep);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("deeper") != std::string::npos);
    std::string ok_depth = std::string(200, '[') + std::string(200, ']');
    CHECK(Json::parse(ok_depth).ok());
}

TEST_CASE("a repeated key resolves to its last value; NaN is written as null") {
    auto j = Json::parse(R"({"a": 1, "a": 2})");
    REQUIRE(j.ok());
    CHECK(j->find("a")->as_number() == 2);
    CHECK(Json(std::nan("")).dump() == "null");
}
