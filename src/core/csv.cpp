#include "core/csv.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace mlplay {

namespace {

struct Record {
    std::vector<std::string> fields;
    size_t line = 0; // 1-based line where the record starts
};

// Splits text into records, honouring quotes. Returns an Error for an
// unterminated quote or stray characters after a closing quote.
class RecordReader {
public:
    RecordReader(std::string_view text, char delim) : m_text(text), m_delim(delim) {}

    bool done() const { return m_pos >= m_text.size(); }

    Status next(Record& rec) {
        rec.fields.clear();
        rec.line = m_line;
        std::string field;
        for (;;) {
            bool quoted = false;
            field.clear();
            if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                quoted = true;
                Status s = read_quoted(field, rec);
                if (!s) return s;
            }
            // Unquoted part (or what follows a closing quote).
            while (m_pos < m_text.size()) {
                char c = m_text[m_pos];
                if (c == m_delim || c == '\n' || c == '\r') break;
                if (quoted && c != ' ' && c != '\t')
                    return make_error("line %zu, column %zu: text after a closing quote; "
                                      "a quote inside a quoted field must be doubled (\"\")",
                                      m_line, rec.fields.size() + 1);
                if (c == '\0')
                    return make_error("line %zu, column %zu: a NUL byte; this looks like a "
                                      "binary file, not CSV text", m_line, rec.fields.size() + 1);
                if (!quoted) field += c;
                ++m_pos;
            }
            rec.fields.push_back(field);
            if (m_pos >= m_text.size()) return Status();
            char c = m_text[m_pos++];
            if (c == m_delim) continue;
            // End of record: \n, \r\n or a lone \r.
            if (c == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
            ++m_line;
            return Status();
        }
    }

private:
    Status read_quoted(std::string& field, const Record& rec) {
        size_t start_line = m_line;
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos++];
            if (c == '"') {
                if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                    field += '"';
                    ++m_pos;
                    continue;
                }
                return Status();
            }
            if (c == '\n') ++m_line;
            field += c;
        }
        return make_error("line %zu, column %zu: a quoted field is never closed; "
                          "add the missing closing quote (\")", start_line,
                          rec.fields.size() + 1);
    }

    std::string_view m_text;
    char m_delim;
    size_t m_pos = 0;
    size_t m_line = 1;
};

char detect_delimiter(std::string_view text) {
    // Count candidates outside quotes on the first line; the most frequent wins.
    const char candidates[] = {',', ';', '\t'};
    size_t counts[3] = {0, 0, 0};
    bool in_quotes = false;
    for (char c : text) {
        if (c == '"') in_quotes = !in_quotes;
        if (!in_quotes && (c == '\n' || c == '\r')) break;
        if (in_quotes) continue;
        for (int k = 0; k < 3; ++k)
            if (c == candidates[k]) ++counts[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
        if (counts[k] > counts[best]) best = k;
    return candidates[best];
}

std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

bool is_missing_token(const std::string& s) {
    return s.empty() || s == "NA" || s == "N/A" || s == "NaN" || s == "nan" || s == "?" ||
           s == "null" || s == "NULL";
}

// Parses one numeric cell. Missing tokens give NaN.
Status parse_cell(const std::string& raw, size_t line, size_t col, const std::string& name,
                  float& out) {
    std::string s = trim(raw);
    if (is_missing_token(s)) {
        out = NAN;
        return Status();
    }
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0' || std::isnan(v))
        return make_error("line %zu, column %zu (\"%s\"): \"%s\" is not a number; "
                          "fix the cell or leave it empty to mark it missing",
                          line, col, name.c_str(), s.c_str());
    if (errno == ERANGE && std::isinf(v))
        return make_error("line %zu, column %zu (\"%s\"): %s is too large for a number",
                          line, col, name.c_str(), s.c_str());
    if (std::isinf(v) || std::fabs(v) > FLT_MAX)
        return make_error("line %zu, column %zu (\"%s\"): %s is outside the float32 range "
                          "(about 3.4e38); rescale the column", line, col, name.c_str(),
                          s.c_str());
    out = static_cast<float>(v);
    return Status();
}

} // namespace

Result<Dataset> read_csv(std::string_view text, const CsvOptions& options) {
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0)
        text.remove_prefix(3);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return make_error("the file is empty; a CSV needs a header line and at least one row");

    char delim = options.delimiter ? options.delimiter : detect_delimiter(text);
    RecordReader reader(text, delim);

    Record header;
    Status s = reader.next(header);
    if (!s) return s.error();

    std::vector<std::string> names;
    for (size_t j = 0; j < header.fields.size(); ++j) {
        std::string name = trim(header.fields[j]);
        if (name.empty())
            return make_error("line 1, column %zu: the header has an empty column name; "
                              "name every column", j + 1);
        for (const std::string& other : names)
            if (other == name)
                return make_error("line 1, column %zu: the column name \"%s\" appears twice; "
                                  "give each column its own name", j + 1, name.c_str());
        names.push_back(std::move(name));
    }

    std::vector<std::vector<float>> cols(names.size());
    Record rec;
    while (!reader.done()) {
        s = reader.next(rec);
        if (!s) return s.error();
        // Blank lines (a trailing newline, an empty line) are skipped.
        if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) continue;
        if (rec.fields.size() != names.size())
            return make_error("line %zu: %zu fields, but the header has %zu columns; "
                              "every row needs one value per column (quote values that "
                              "contain '%c')", rec.line, rec.fields.size(), names.size(),
                              delim);
        for (size_t j = 0; j < names.size(); ++j) {
            float v = 0.0f;
            s = parse_cell(rec.fields[j], rec.line, j + 1, names[j], v);
            if (!s) return s.error();
            cols[j].push_back(v);
        }
    }
    if (cols.empty() || cols[0].empty())
        return make_error("the file has a header but no data rows");

    Dataset ds;
    for (size_t j = 0; j < names.size(); ++j) {
        s = ds.add_column(names[j], std::move(cols[j]));
        if (!s) return s.error();
    }
    return ds;
}

namespace {

bool needs_quotes(const std::string& s, char delim) {
    for (char c : s)
        if (c == delim || c == '"' || c == '\n' || c == '\r') return true;
    return false;
}

void append_field(std::string& out, const std::string& s, char delim) {
    if (!needs_quotes(s, delim)) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

} // namespace

std::string write_csv(const Dataset& ds, char delimiter) {
    std::string out;
    for (size_t j = 0; j < ds.n_columns(); ++j) {
        if (j) out += delimiter;
        append_field(out, ds.column_name(j), delimiter);
    }
    out += '\n';
    char buf[32];
    for (size_t i = 0; i < ds.n_rows(); ++i) {
        for (size_t j = 0; j < ds.n_columns(); ++j) {
            if (j) out += delimiter;
            float v = ds.at(i, j);
            if (std::isnan(v)) continue;
            // 9 significant digits read back the same float32.
            std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
            out += buf;
        }
        out += '\n';
    }
    return out;
}

} // namespace mlplay
