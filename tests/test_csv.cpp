#include "core/csv.h"

#include "core/rng.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace mlplay;

namespace {

std::string error_of(const std::string& text, const CsvOptions& options = {}) {
    auto r = read_csv(text, options);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

// The error names this line and column.
void check_at(const std::string& message, int line, int col) {
    INFO(message);
    CHECK(contains(message, "line " + std::to_string(line) + ", column " + std::to_string(col)));
}

// Every cell as a user reads it, row by row.
std::vector<std::string> cells_of(const Dataset& ds) {
    std::vector<std::string> cells;
    for (size_t i = 0; i < ds.n_rows(); ++i)
        for (size_t j = 0; j < ds.n_columns(); ++j) cells.push_back(ds.cell_text(i, j));
    return cells;
}

} // namespace

TEST_CASE("a clean file with a BOM, CRLF and UTF-8 names") {
    auto r = read_csv("\xEF\xBB\xBF面积,卧室数量,地理位置,售价\r\n"
                      "100,2,1,300\r\n150,3,2,450\r\n");
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

TEST_CASE("a CRLF file with quoted newlines keeps counting lines") {
    std::string text = "id,note,v\r\n1,\"two\r\nlines\",1\r\n2,\"say \"\"hi\"\"\",2\r\n";
    auto r = read_csv(text);
    REQUIRE(r.ok());
    CHECK(r->is_categorical(1));
    CHECK(r->categories(1) == std::vector<std::string>{"two\r\nlines", "say \"hi\""});
    CHECK(r->at(1, 2) == 2.0f);

    // the quoted line break counts: the bad cell is on line 5
    check_at(error_of(text + "3,plain,x\r\n"), 5, 3);
    // lone CR line ends (classic Mac) too
    auto cr = read_csv("a,b\r1,2\r3,4\r");
    REQUIRE(cr.ok());
    CHECK(cr->n_rows() == 2);
    CHECK(cr->at(1, 1) == 4.0f);
}

TEST_CASE("semicolon and tab delimiters are detected") {
    CsvInfo info;
    auto semi = read_csv("x;y\n1.5;2\n", {}, &info);
    REQUIRE(semi.ok());
    CHECK(info.delimiter == ';');
    CHECK(semi->at(0, 0) == 1.5f);
    auto tab = read_csv("x\ty\n1\t2\n", {}, &info);
    REQUIRE(tab.ok());
    CHECK(info.delimiter == '\t');
    CHECK(tab->n_columns() == 2);
}

TEST_CASE("delimiter detection on tricky files") {
    CsvInfo info;
    // semicolons, with commas inside quoted values and quoted names
    auto quoted = read_csv("\"last, first\";\"city, country\";age\n"
                           "\"Smith, J\";\"Paris, FR\";40\n\"Doe, K\";\"Lyon, FR\";35\n",
                           {}, &info);
    REQUIRE(quoted.ok());
    CHECK(info.delimiter == ';');
    CHECK(quoted->column_names() ==
          std::vector<std::string>{"last, first", "city, country", "age"});
    CHECK(quoted->categories(1) == std::vector<std::string>{"Paris, FR", "Lyon, FR"});

    // as many commas as semicolons on line 1, but only ';' splits every line alike
    auto header_commas = read_csv("price, EUR;size, m2;rooms\n100;50;2\n200;70;3\n", {}, &info);
    REQUIRE(header_commas.ok());
    CHECK(info.delimiter == ';');
    CHECK(header_commas->column_name(0) == "price, EUR");
    CHECK(header_commas->at(1, 2) == 3.0f);

    // decimal commas: ';' is the delimiter, "1,5" is text (no decimal-comma support)
    auto decimal = read_csv("a;b\n1,5;2\n3,5;4\n", {}, &info);
    REQUIRE(decimal.ok());
    CHECK(info.delimiter == ';');
    CHECK(decimal->is_categorical(0));

    // tab-separated values holding commas
    auto tabs = read_csv("name\tnote\nx\ta, b\ny\tc, d\n", {}, &info);
    REQUIRE(tabs.ok());
    CHECK(info.delimiter == '\t');
    CHECK(tabs->cell_text(1, 1) == "c, d");

    // a comma file whose header holds a quoted semicolon
    auto commas = read_csv("\"a;b\",c\n1,2\n", {}, &info);
    REQUIRE(commas.ok());
    CHECK(info.delimiter == ',');
    CHECK(commas->column_name(0) == "a;b");

    // one column: no delimiter at all
    auto single = read_csv("x\n1\n2\n");
    REQUIRE(single.ok());
    CHECK(single->n_columns() == 1);
    CHECK(single->n_rows() == 2);

    // a given delimiter wins over detection
    CsvOptions pipe;
    pipe.delimiter = '|';
    auto piped = read_csv("a|b\n1|2,5\n", pipe);
    REQUIRE(piped.ok());
    CHECK(piped->cell_text(0, 1) == "2,5");
    pipe.delimiter = '"';
    CHECK(contains(error_of("a\n1\n", pipe), "delimiter"));
}

TEST_CASE("header detection") {
    CsvInfo info;
    auto numeric = read_csv("1,2.5\n3,4\n", {}, &info);
    REQUIRE(numeric.ok());
    CHECK_FALSE(info.has_header);
    CHECK(numeric->column_names() == std::vector<std::string>{"column_1", "column_2"});
    CHECK(numeric->n_rows() == 2);
    CHECK(numeric->at(0, 1) == 2.5f);

    // a missing cell in the first row does not make it a header
    auto gap = read_csv("1,,3\n4,5,6\n", {}, &info);
    REQUIRE(gap.ok());
    CHECK_FALSE(info.has_header);
    CHECK(std::isnan(gap->at(0, 1)));

    auto named = read_csv("x,2020\n1,2\n", {}, &info);
    REQUIRE(named.ok());
    CHECK(info.has_header);
    CHECK(named->column_name(1) == "2020");

    CsvOptions yes;
    yes.has_header = CsvHeader::yes;
    auto forced = read_csv("1,2\n3,4\n", yes);
    REQUIRE(forced.ok());
    CHECK(forced->column_names() == std::vector<std::string>{"1", "2"});
    CHECK(forced->n_rows() == 1);

    CsvOptions no;
    no.has_header = CsvHeader::no;
    auto data = read_csv("u,v\nw,x\n", no, &info);
    REQUIRE(data.ok());
    CHECK_FALSE(info.has_header);
    CHECK(data->n_rows() == 2);
    CHECK(data->categories(0) == std::vector<std::string>{"u", "w"});

    // leading blank lines are skipped
    auto blank = read_csv("\n\r\n  \na,b\n1,2\n\n3,4\n");
    REQUIRE(blank.ok());
    CHECK(blank->n_rows() == 2);
}

TEST_CASE("missing cells become NaN") {
    auto r = read_csv("a,b,c,d,e,f,g,h\n,NA,NaN,?,null,\"N/A\", n/a ,1\n2,3,4,5,6,7,8,9\n");
    REQUIRE(r.ok());
    for (size_t j = 0; j < 7; ++j) CHECK(std::isnan(r->at(0, j)));
    CHECK(r->at(0, 7) == 1.0f);
    CHECK(r->missing_counts() == std::vector<size_t>{1, 1, 1, 1, 1, 1, 1, 0});
    // a column with no value at all stays numeric, all NaN
    auto empty = read_csv("a,b\n1,\n2,NA\n");
    REQUIRE(empty.ok());
    CHECK_FALSE(empty->is_categorical(1));
    CHECK(empty->n_missing(1) == 2);
}

TEST_CASE("text columns become categorical columns") {
    auto r = read_csv("city,size,price\nParis,S,1\nLyon, M ,2\nParis,,3\n\" Lyon\",M,4\n");
    REQUIRE(r.ok());
    CHECK(r->is_categorical(0));
    CHECK(r->is_categorical(1));
    CHECK_FALSE(r->is_categorical(2));
    // first-seen order; unquoted cells trimmed, quoted ones kept as written
    CHECK(r->categories(0) == std::vector<std::string>{"Paris", "Lyon", " Lyon"});
    CHECK(r->categories(1) == std::vector<std::string>{"S", "M"});
    CHECK(r->at(2, 0) == 0.0f);
    CHECK(r->at(1, 1) == 1.0f);
    CHECK(std::isnan(r->at(2, 1)));
    CHECK(r->n_missing(1) == 1);

    // mostly text: numbers in it are categories too
    auto mixed = read_csv("grade\nA\nB\n3\nA\n");
    REQUIRE(mixed.ok());
    CHECK(mixed->categories(0) == std::vector<std::string>{"A", "B", "3"});

    // no value in the sampled rows: the first value decides
    std::string late = "a,b\n";
    for (int i = 0; i < 1200; ++i) late += "1,\n";
    auto text_late = read_csv(late + "1,red\n1,7\n");
    REQUIRE(text_late.ok());
    CHECK(text_late->categories(1) == std::vector<std::string>{"red", "7"});
    auto number_late = read_csv(late + "1,7\n");
    REQUIRE(number_late.ok());
    CHECK_FALSE(number_late->is_categorical(1));
    check_at(error_of(late + "1,7\n1,red\n"), 1203, 2);

    // codes that look like numbers, read as categories on request
    CsvOptions zip;
    zip.categorical_columns = {"zip"};
    auto codes = read_csv("zip,v\n02134,1\n10001,2\n02134,3\n", zip);
    REQUIRE(codes.ok());
    CHECK(codes->categories(0) == std::vector<std::string>{"02134", "10001"});
    zip.categorical_columns = {"nope"};
    CHECK(contains(error_of("zip,v\n1,2\n", zip), "nope"));
}

TEST_CASE("numbers read exactly as strtod would, and only numbers are numbers") {
    const char* numbers[] = {"0.1", "-0", "+1", ".5", "5.", "1e22", "1e23", "1E-45", "7e-46",
                             "3.4028234e38", "123456789012345678901234", "9007199254740993",
                             "0.000000000000000000000000000001234", "  42  ", "-1.17549435e-38",
                             "0.30000000000000004", "1.00000005960464477539062"};
    for (const char* s : numbers) {
        auto r = read_csv(std::string("v\n") + s + "\n");
        INFO(s);
        REQUIRE(r.ok());
        REQUIRE_FALSE(r->is_categorical(0));
        CHECK(r->at(0, 0) == static_cast<float>(std::strtod(s, nullptr)));
    }
    // each of these is text: in a numeric column it is an error naming it
    for (const char* s : {"1e", "e5", ".", "-", "inf", "Infinity", "0x10", "1,5", "1.2.3",
                          "12%", "$3", "1 000", "--1"}) {
        std::string e = error_of(std::string("v\n1\n2\n\"") + s + "\"\n");
        INFO(e);
        check_at(e, 4, 1);
        CHECK(contains(e, "not a number"));
    }
}

TEST_CASE("malformed input is an error naming line and column") {
    CHECK(contains(error_of(""), "empty"));
    CHECK(contains(error_of(" \r\n\n"), "empty"));
    CHECK(contains(error_of("\xEF\xBB\xBF"), "empty"));
    std::string header_only = error_of("a,b\n");
    CHECK(contains(header_only, "no data rows"));
    CHECK(contains(header_only, "line 1"));

    // ragged rows: the first missing or extra field
    check_at(error_of("a,b\n1,2\n3\n"), 3, 2);
    check_at(error_of("a,b\n1,2,3\n"), 2, 3);
    CHECK(contains(error_of("1,2\n3\n"), "first row"));

    std::string e = error_of("a,b\n1,2\n3,abc\n");
    check_at(e, 3, 2);
    CHECK(contains(e, "abc"));
    CHECK(contains(e, "\"b\""));

    std::string open = error_of("a,b\n1,\"2\n3,4\n");
    check_at(open, 2, 2);
    CHECK(contains(open, "never closed"));
    check_at(error_of("a,b\n1,\"2\"x\n"), 2, 2);

    std::string huge = error_of("a,b\n1,1e999\n");
    check_at(huge, 2, 2);
    CHECK(contains(huge, "too large"));
    std::string f32 = error_of("a,b\n1,2\n1,-1e39\n");
    check_at(f32, 3, 2);
    CHECK(contains(f32, "float32"));

    std::string twice = error_of("a,a\n1,2\n");
    check_at(twice, 1, 2);
    CHECK(contains(twice, "twice"));
    check_at(error_of("a,,c\n1,2,3\n"), 1, 2);
}

TEST_CASE("binary input is refused, never crashes") {
    std::string nul = error_of(std::string("a,b\n1,\0\n", 8));
    check_at(nul, 2, 2);
    CHECK(contains(nul, "binary"));
    check_at(error_of("a,b\n1,\"x\x01y\"\n"), 2, 2);
    check_at(error_of("a,b\nok,\x7f\x02\n"), 2, 2);
    // text that is not UTF-8 (Latin-1 here), in a category and in a name
    std::string latin = error_of("city,v\nParis,1\nS\xE8te,2\n");
    check_at(latin, 3, 1);
    CHECK(contains(latin, "UTF-8"));
    check_at(error_of("caf\xE9,v\n1,2\n"), 1, 1);
    CHECK(contains(error_of("PK\x03\x04\x14\x00rest"), "zip"));
    CHECK(contains(error_of("\xFF\xFEx\x00,\x00"), "UTF-16"));
    CHECK(contains(error_of("\x1F\x8B\x08"), "gzip"));

    // random bytes and every prefix of a valid file: an error or a Dataset
    Rng rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        std::string junk(1 + rng.uniform_index(300), '\0');
        for (char& c : junk) c = static_cast<char>(rng.uniform_index(256));
        const char printable[] = "ab1,;\t\"\n\r. 9e-";
        if (trial % 2) // mostly printable, with quotes and line breaks
            for (char& c : junk) c = printable[rng.uniform_index(sizeof printable - 1)];
        auto r = read_csv(junk);
        if (!r) CHECK_FALSE(r.error().message.empty());
    }
    std::string valid = "x,\"y\"\"z\",w\r\n1,\"a,\nb\",3\r\n4,c,NA\r\n";
    for (size_t n = 0; n <= valid.size(); ++n) {
        auto r = read_csv(valid.substr(0, n));
        if (!r) CHECK_FALSE(r.error().message.empty());
    }
}

TEST_CASE("limits on rows and bytes") {
    CsvOptions rows;
    rows.max_rows = 2;
    CHECK(read_csv("a\n1\n2\n", rows).ok());
    std::string e = error_of("a\n1\n2\n3\n", rows);
    CHECK(contains(e, "line 4"));
    CHECK(contains(e, "max_rows"));

    CsvOptions bytes;
    bytes.max_bytes = 10;
    CHECK(read_csv("a\n1\n2\n", bytes).ok());
    CHECK(contains(error_of("a,b\n1,2\n3,4\n", bytes), "max_bytes"));
    std::istringstream in("a,b\n1,2\n3,4\n");
    auto streamed = read_csv(in, bytes);
    REQUIRE_FALSE(streamed.ok());
    CHECK(contains(streamed.error().message, "max_bytes"));
}

TEST_CASE("a stream reads in chunks and gives the string reader's result") {
    // ~3 MB: quoted line breaks and doubled quotes fall across chunk edges
    Rng rng(3);
    std::string text = "id,label,note,x\r\n";
    for (int i = 0; i < 40000; ++i) {
        text += std::to_string(i) + ",";
        text += rng.uniform_index(2) ? "cat" : "dog";
        text += ",\"line one\r\nsay \"\"" + std::to_string(rng.uniform_index(50)) + "\"\"\",";
        text += std::to_string(rng.uniform() * 1000.0) + "\r\n";
    }
    // and one record longer than a chunk
    text += "40000,cat,\"" + std::string(1500000, 'z') + "\",1\r\n";
    auto whole = read_csv(text);
    REQUIRE(whole.ok());
    std::istringstream in(text);
    CsvInfo info;
    auto streamed = read_csv(in, {}, &info);
    REQUIRE(streamed.ok());
    CHECK(info.n_bytes == text.size());
    CHECK(streamed->n_rows() == 40001);
    CHECK(streamed->column_names() == whole->column_names());
    CHECK(streamed->categories(2) == whole->categories(2));
    CHECK(cells_of(*streamed) == cells_of(*whole));

    std::ifstream missing("/nonexistent/mlplay.csv");
    auto unopened = read_csv(missing);
    REQUIRE_FALSE(unopened.ok());
    CHECK(contains(unopened.error().message, "cannot be read"));

    std::istringstream bad("a,b\n1,2\n3,\"4\n");
    auto failed = read_csv(bad);
    REQUIRE_FALSE(failed.ok());
    check_at(failed.error().message, 3, 2);
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

TEST_CASE("write_csv round-trips categories, quoting what needs it") {
    Dataset ds;
    REQUIRE(ds.add_column("x", {0.1f, -3e-7f, NAN, 1e30f, 5.0f}).ok());
    REQUIRE(ds.add_categorical_column(
                  "city", {"Paris", "a,b", "say \"hi\"", "", "two\nlines"}).ok());
    REQUIRE(ds.add_categorical_column(
                  "pad", {" left", "right ", "地理位置", "tab;semi", "x"}).ok());
    for (char delim : {',', ';', '\t'}) {
        std::string text = write_csv(ds, delim);
        CsvInfo info;
        auto back = read_csv(text, {}, &info);
        INFO(text);
        REQUIRE(back.ok());
        CHECK(info.delimiter == delim);
        CHECK(back->column_names() == ds.column_names());
        CHECK(back->is_categorical(1));
        CHECK(back->is_categorical(2));
        CHECK(back->categories(1) == ds.categories(1));
        CHECK(cells_of(*back) == cells_of(ds));
        CHECK(write_csv(*back, delim) == text);
    }
}

TEST_CASE("write_csv round-trips one column with gaps and delimiters in its text") {
    Dataset ds;
    REQUIRE(ds.add_categorical_column("a;b", {"x\ty", "", "u,v", "w"}).ok());
    std::string text = write_csv(ds);
    auto back = read_csv(text);
    INFO(text);
    REQUIRE(back.ok());
    CHECK(back->n_columns() == 1);
    CHECK(cells_of(*back) == cells_of(ds));
}

TEST_CASE("a failed read leaves the caller's data as it was") {
    Dataset kept = *read_csv("a,b\n1,2\n");
    auto r = read_csv("a,b\n1,2\n3,oops\n");
    if (r) kept = std::move(*r);
    CHECK(kept.n_rows() == 1);
    CHECK(kept.at(0, 1) == 2.0f);
}
