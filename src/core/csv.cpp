// mlplay core: CSV reading and writing (contract in csv.h).
//
// The reader makes three passes over one window of input text:
//   1. sniff: byte order mark and binary signatures, then the delimiter
//      (first 20 records) and the header (first record);
//   2. sample: scan the first 1000 data records without consuming them and
//      decide each column's kind from their cells;
//   3. parse: scan every data record from the first one and convert each
//      cell straight into its column: a float, or a category index.
// A cell is a view into the window (or into a small per-record scratch
// buffer when it holds doubled quotes), so no cell text is ever copied and
// no table of strings is built. From a string the window is the whole text;
// from a stream it holds the unconsumed part and slides forward.
//
// Cost: O(bytes), the sampled rows scanned twice; numbers take a correctly
// rounded fast path (Clinger, "How to Read Floating Point Numbers
// Accurately", 1990: an integer mantissa below 2^53 times an exact power of
// ten up to 1e22) and fall back to strtod, so a cell gives the same float as
// strtod followed by a cast would.
#include "core/csv.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <istream>
#include <string>
#include <unordered_set>
#include <vector>

namespace mlplay {

namespace {

constexpr size_t sample_rows = 1000;          // rows that decide the column kinds
constexpr size_t sample_bytes = 8u << 20;     // ... or this much text, if less
constexpr size_t sniff_records = 20;          // records that decide the delimiter
constexpr size_t sniff_bytes = 64u << 10;     // ... within this much text
constexpr size_t chunk_bytes = 1u << 20;      // stream reads

// ---- text helpers -----------------------------------------------------------

bool is_space(char c, char delim) { return (c == ' ' || c == '\t') && c != delim; }

std::string_view trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

bool is_missing_token(std::string_view s) {
    if (s.empty()) return true;
    if (s.size() > 4) return false;
    char c = s[0];
    if (c != '?' && c != 'N' && c != 'n' && c != '#' && c != '<') return false;
    return s == "?" || s == "NA" || s == "N/A" || s == "n/a" || s == "#N/A" ||
           s == "NaN" || s == "nan" || s == "null" || s == "NULL" || s == "None" ||
           s == "<NA>";
}

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are
// not one (overlong forms, surrogates and code points past U+10FFFF included).
size_t utf8_sequence(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0; // overlong
    if (c == 0xED && c1 >= 0xA0) return 0; // surrogate
    if (c == 0xF0 && c1 < 0x90) return 0; // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0; // past U+10FFFF
    return n;
}

// Offset of the first byte that is not valid UTF-8, or npos.
size_t find_invalid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        size_t n = utf8_sequence(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

// A cell as an error message shows it: at most 40 bytes, whole characters,
// bytes that are not UTF-8 as '?'.
std::string shown(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        size_t n = utf8_sequence(s, i);
        if (out.size() + (n ? n : 1) > 40) return out + "...";
        if (n == 0) {
            out += '?';
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

// ---- numbers ----------------------------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses [+-]digits[.digits][(e|E)[+-]digits] with at least one mantissa
// digit; false when s is anything else (inf, hex, 1,5 and words included).
// out is the correctly rounded double, +-inf when it overflows.
bool parse_number(std::string_view s, double& out) {
    static const double powers_of_ten[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char* p = s.data();
    const char* end = p + s.size();
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';

    // mantissa: up to 19 significant digits exactly, then the slow path
    uint64_t m = 0;
    int n_significant = 0, exp10 = 0;
    bool any_digit = false, slow = false;
    for (; p < end && is_digit(*p); ++p) {
        any_digit = true;
        unsigned d = static_cast<unsigned>(*p - '0');
        if (m == 0 && d == 0) continue;
        if (n_significant == 19) {
            slow = true;
            continue;
        }
        m = m * 10 + d;
        ++n_significant;
    }
    if (p < end && *p == '.') {
        for (++p; p < end && is_digit(*p); ++p) {
            any_digit = true;
            unsigned d = static_cast<unsigned>(*p - '0');
            if (m == 0 && d == 0) {
                --exp10;
                continue;
            }
            if (n_significant == 19) {
                slow = true;
                continue;
            }
            m = m * 10 + d;
            ++n_significant;
            --exp10;
        }
    }
    if (!any_digit) return false;

    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool exp_negative = false;
        if (p < end && (*p == '+' || *p == '-')) exp_negative = *p++ == '-';
        if (p == end || !is_digit(*p)) return false;
        int x = 0;
        for (; p < end && is_digit(*p); ++p)
            if (x < 100000) x = x * 10 + (*p - '0');
        exp10 += exp_negative ? -x : x;
    }
    if (p != end) return false;

    if (m == 0) {
        out = negative ? -0.0 : 0.0;
        return true;
    }
    if (!slow && m <= (uint64_t(1) << 53) && exp10 >= -22 && exp10 <= 22) {
        double v = static_cast<double>(m);
        v = exp10 < 0 ? v / powers_of_ten[-exp10] : v * powers_of_ten[exp10];
        out = negative ? -v : v;
        return true;
    }
    // strtod needs a terminated string; the grammar above is a subset of its.
    char small[64];
    std::string large;
    const char* z = small;
    if (s.size() < sizeof small) {
        std::memcpy(small, s.data(), s.size());
        small[s.size()] = '\0';
    } else {
        large.assign(s);
        z = large.c_str();
    }
    out = std::strtod(z, nullptr);
    return true;
}

// ---- input ------------------------------------------------------------------

// The text being parsed: the whole of a string, or a window onto a stream.
// rest() is the loaded text from the consumption mark on.
class CsvInput {
public:
    explicit CsvInput(std::string_view text) : m_view(text), m_total(text.size()) {}
    explicit CsvInput(std::istream& in) : m_in(&in), m_at_end(false) {}

    std::string_view rest() const { return m_view.substr(m_mark); }
    bool at_end() const { return m_at_end; }
    size_t n_bytes() const { return m_total; }
    void consume(size_t n) { m_mark += n; }

    // Reads more of the stream: rest() grows, or at_end() turns true. A
    // window that already holds a chunk or more doubles, so a long record
    // costs O(its length) re-scanning in all.
    Status load_more(size_t max_bytes) {
        if (!m_failure.ok()) return m_failure;
        MLPLAY_ASSERT(m_in && !m_at_end, "load_more past the end of the input");
        size_t keep = m_buffer.size() - m_mark;
        m_buffer.erase(0, m_mark);
        m_mark = 0;
        size_t want = keep > chunk_bytes ? keep : chunk_bytes;
        m_buffer.resize(keep + want);
        m_in->read(&m_buffer[keep], static_cast<std::streamsize>(want));
        size_t got = static_cast<size_t>(m_in->gcount());
        m_buffer.resize(keep + got);
        m_view = m_buffer;
        m_total += got;
        if (got < want) m_at_end = true;
        if (m_in->bad())
            m_failure = make_error("reading the input failed after %zu bytes", m_total);
        else if (max_bytes && m_total > max_bytes)
            m_failure = make_error("the input is larger than %zu bytes, the limit max_bytes "
                                   "sets; raise the limit or read a smaller file", max_bytes);
        return m_failure;
    }

    // The failure of an earlier load_more, which every later one returns too.
    const Status& failure() const { return m_failure; }

    // Bytes from the mark to the end of the input, when known (a string, a
    // seekable stream); 0 otherwise. The stream is put back where it was.
    size_t size_hint() {
        if (!m_in || m_at_end) return rest().size();
        using pos_type = std::istream::pos_type;
        pos_type here = m_in->tellg();
        if (here == pos_type(-1)) {
            m_in->clear();
            return 0;
        }
        m_in->seekg(0, std::ios::end);
        pos_type end = m_in->tellg();
        m_in->clear();
        m_in->seekg(here);
        if (!*m_in || m_in->tellg() != here) {
            m_failure = make_error("the input stream could not return to byte %lld after "
                                   "measuring its size", static_cast<long long>(here));
            return 0;
        }
        if (end == pos_type(-1) || end < here) return 0;
        return rest().size() + static_cast<size_t>(end - here);
    }

private:
    std::istream* m_in = nullptr;
    std::string m_buffer;   // stream only
    std::string_view m_view;
    size_t m_mark = 0;
    size_t m_total = 0;
    bool m_at_end = true;
    Status m_failure;
};

// ---- records ----------------------------------------------------------------

enum class Scan { record, need_more, end, failed };

// Splits records into fields, honouring quotes; fields are spans of the text
// scanned (or of the scratch buffer, for quoted fields with doubled quotes).
class RecordScanner {
public:
    explicit RecordScanner(char delim) : m_delim(delim) {
        // plain bytes are 0 in both tables; ' ' and '\t' are plain unless delim
        for (int c = 0; c < 256; ++c) {
            bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            m_unquoted[c] = control ? cls_control : cls_plain;
            m_quoted[c] = control ? cls_control : cls_plain;
        }
        m_unquoted[static_cast<unsigned char>(delim)] = cls_delim;
        m_unquoted[unsigned('\n')] = cls_lf;
        m_unquoted[unsigned('\r')] = cls_cr;
        m_quoted[unsigned('\n')] = cls_lf;
        m_quoted[unsigned('"')] = cls_quote;
    }

    // Scans the record at text[pos]. at_end: text runs to the end of the
    // input; otherwise a record cut off by the end of text is need_more. On
    // record, pos moves past its line end and line to the next record's.
    Scan scan(std::string_view text, bool at_end, size_t& pos, size_t& line, Error& error) {
        const char* t = text.data();
        const size_t n = text.size();
        size_t p = pos, l = line;
        if (p >= n) return at_end ? Scan::end : Scan::need_more;
        m_fields.clear();
        m_scratch.clear();

        for (;;) {
            const size_t col = m_fields.size() + 1;
            size_t q = p;
            while (q < n && is_space(t[q], m_delim)) ++q;
            if (q < n && t[q] == '"') {
                // quoted field: up to the closing quote, "" standing for "
                const size_t first_line = l;
                size_t b = q + 1, r = b, scratch_begin = 0;
                bool escaped = false;
                for (;;) {
                    while (r < n && m_quoted[static_cast<unsigned char>(t[r])] == cls_plain) ++r;
                    if (r >= n) {
                        if (!at_end) return Scan::need_more;
                        error = make_error("line %zu, column %zu: a quoted field is never "
                                           "closed; add the missing closing quote (\")",
                                           first_line, col);
                        return Scan::failed;
                    }
                    unsigned char k = m_quoted[static_cast<unsigned char>(t[r])];
                    if (k == cls_lf) {
                        ++l;
                        ++r;
                        continue;
                    }
                    if (k == cls_control) return binary_error(t[r], l, col, error);
                    if (r + 1 >= n && !at_end) return Scan::need_more;
                    if (r + 1 < n && t[r + 1] == '"') {
                        if (!escaped) scratch_begin = m_scratch.size();
                        escaped = true;
                        m_scratch.append(t + b, r + 1 - b);
                        r += 2;
                        b = r;
                        continue;
                    }
                    break;
                }
                if (escaped) {
                    m_scratch.append(t + b, r - b);
                    m_fields.push_back(
                        {scratch_begin, m_scratch.size() - scratch_begin, true, true});
                } else {
                    m_fields.push_back({b, r - b, true, false});
                }
                p = r + 1;
                while (p < n && is_space(t[p], m_delim)) ++p;
                if (p < n) {
                    unsigned char k = m_unquoted[static_cast<unsigned char>(t[p])];
                    if (k == cls_control) return binary_error(t[p], l, col, error);
                    if (k == cls_plain) {
                        error = make_error("line %zu, column %zu: text after a closing quote; "
                                           "a quote inside a quoted field must be doubled "
                                           "(\"\")", l, col);
                        return Scan::failed;
                    }
                }
            } else {
                size_t b = p;
                while (p < n && m_unquoted[static_cast<unsigned char>(t[p])] == cls_plain) ++p;
                if (p < n && m_unquoted[static_cast<unsigned char>(t[p])] == cls_control)
                    return binary_error(t[p], l, col, error);
                m_fields.push_back({b, p - b, false, false});
            }

            // p is at a delimiter, a line end or the end of the text
            if (p >= n) {
                if (!at_end) return Scan::need_more;
                pos = n;
                line = l + 1;
                return Scan::record;
            }
            unsigned char k = m_unquoted[static_cast<unsigned char>(t[p])];
            if (k == cls_delim) {
                ++p;
                continue;
            }
            if (k == cls_cr) {
                if (p + 1 >= n && !at_end) return Scan::need_more;
                if (p + 1 < n && t[p + 1] == '\n') ++p;
            }
            pos = p + 1;
            line = l + 1;
            return Scan::record;
        }
    }

    size_t n_fields() const { return m_fields.size(); }
    bool quoted(size_t j) const { return m_fields[j].quoted; }
    // Field j of the record just scanned from `text` (the same view).
    std::string_view field(std::string_view text, size_t j) const {
        const Span& f = m_fields[j];
        std::string_view base = f.escaped ? std::string_view(m_scratch) : text;
        return base.substr(f.begin, f.size);
    }
    // An empty line, or one of spaces: skipped.
    bool is_blank(std::string_view text) const {
        return m_fields.size() == 1 && !m_fields[0].quoted && trim(field(text, 0)).empty();
    }

private:
    enum : unsigned char { cls_plain = 0, cls_delim, cls_lf, cls_cr, cls_quote, cls_control };
    struct Span {
        size_t begin;
        size_t size;
        bool quoted;
        bool escaped; // in m_scratch
    };

    static Scan binary_error(char c, size_t line, size_t col, Error& error) {
        unsigned byte = static_cast<unsigned char>(c);
        error = make_error("line %zu, column %zu: control byte 0x%02X%s; this looks like a "
                           "binary file, not CSV text (export the data as CSV)", line, col,
                           byte, byte == 0 ? " (NUL)" : "");
        return Scan::failed;
    }

    char m_delim;
    unsigned char m_unquoted[256];
    unsigned char m_quoted[256];
    std::vector<Span> m_fields;
    std::string m_scratch;
};

// The record at offset pos of input.rest(), reading more of a stream when
// the record runs past what is loaded.
Scan next_record(CsvInput& input, RecordScanner& scanner, size_t& pos, size_t& line,
                 size_t max_bytes, Error& error) {
    for (;;) {
        Scan s = scanner.scan(input.rest(), input.at_end(), pos, line, error);
        if (s != Scan::need_more) return s;
        Status loaded = input.load_more(max_bytes);
        if (!loaded) {
            error = loaded.error();
            return Scan::failed;
        }
    }
}

// ---- sniffing ---------------------------------------------------------------

// The delimiter among , ; tab that splits the first records of `text` into
// one same field count above 1 (see csv.h); ',' when none does.
char detect_delimiter(std::string_view text, bool at_end) {
    if (text.size() > sniff_bytes) {
        text = text.substr(0, sniff_bytes);
        at_end = false;
    }
    const char candidates[3] = {',', ';', '\t'};
    int best = -1;
    size_t best_fields = 0, best_records = 0;
    bool best_consistent = false;
    for (int k = 0; k < 3; ++k) {
        RecordScanner scanner(candidates[k]);
        size_t pos = 0, line = 1, n_records = 0, n_fields = 0;
        bool consistent = true;
        Error ignored;
        while (n_records < sniff_records &&
               scanner.scan(text, at_end, pos, line, ignored) == Scan::record) {
            if (scanner.is_blank(text)) continue;
            if (n_records == 0) n_fields = scanner.n_fields();
            else if (scanner.n_fields() != n_fields) consistent = false;
            if (consistent) ++n_records;
            else break;
        }
        consistent = consistent && n_records > 0 && n_fields > 1;
        if (n_fields < 2) continue;
        // consistent first, then more records agreeing, then more fields
        bool better = best < 0 || (consistent && !best_consistent) ||
                      (consistent == best_consistent &&
                       (n_records > best_records ||
                        (n_records == best_records && n_fields > best_fields)));
        if (better) {
            best = k;
            best_fields = n_fields;
            best_records = n_records;
            best_consistent = consistent;
        }
    }
    return best < 0 ? ',' : candidates[best];
}

// Whole-file signatures that are not CSV text; an Error naming them, if any.
Status check_signature(std::string_view head) {
    auto starts = [&](const char* sig, size_t n) {
        return head.size() >= n && std::memcmp(head.data(), sig, n) == 0;
    };
    if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2))
        return make_error("line 1, column 1: the file is UTF-16 text; save it as UTF-8 "
                          "(\"CSV UTF-8\" in a spreadsheet's Save As)");
    if (starts("PK\x03\x04", 4))
        return make_error("line 1, column 1: this is a zip archive (an .xlsx or .ods "
                          "spreadsheet?), not CSV text; export the sheet as CSV");
    if (starts("\x1F\x8B", 2))
        return make_error("line 1, column 1: the file is gzip-compressed; decompress it "
                          "first");
    return Status();
}

// ---- columns ----------------------------------------------------------------

// Category string -> index, open addressing over the column's category list.
class CategoryIndex {
public:
    // The index of s in categories, or -1 (slot: where to insert it).
    int64_t find(std::string_view s, const std::vector<std::string>& categories,
                 size_t& slot) const {
        if (m_slots.empty()) return -1;
        size_t mask = m_slots.size() - 1;
        for (size_t i = hash(s) & mask;; i = (i + 1) & mask) {
            uint32_t v = m_slots[i];
            if (v == 0) {
                slot = i;
                return -1;
            }
            if (categories[v - 1] == s) return v - 1;
        }
    }

    // Records that categories.back() (just appended) lives in `slot`.
    void insert(size_t slot, const std::vector<std::string>& categories) {
        size_t n = categories.size();
        if (m_slots.empty() || 2 * n > m_slots.size()) {
            m_slots.assign(m_slots.empty() ? 64 : 2 * m_slots.size(), 0);
            size_t mask = m_slots.size() - 1;
            for (size_t c = 0; c < n; ++c) {
                size_t i = hash(categories[c]) & mask;
                while (m_slots[i] != 0) i = (i + 1) & mask;
                m_slots[i] = static_cast<uint32_t>(c + 1);
            }
            return;
        }
        m_slots[slot] = static_cast<uint32_t>(n);
    }

private:
    // FNV-1a: short strings, no call
    static size_t hash(std::string_view s) {
        uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        return static_cast<size_t>(h ^ (h >> 29));
    }

    std::vector<uint32_t> m_slots; // category index + 1; 0: empty
};

// One column as it is parsed. The kind is provisional (`decided` false)
// while the column has held only missing cells.
struct ColumnBuilder {
    std::string name;
    ColumnKind kind = ColumnKind::numeric;
    bool decided = false;
    std::vector<float> values;
    std::vector<std::string> categories;
    CategoryIndex index;

    // Appends one cell; false with an Error naming line and column.
    bool add(std::string_view raw, bool quoted, size_t line, size_t col, Error& error) {
        std::string_view t = trim(raw);
        double v = 0.0;
        // a missing token is never a number: numbers, the common case, go first
        if (kind == ColumnKind::numeric && parse_number(t, v)) {
            decided = true;
            return add_number(v, t, line, col, error);
        }
        if (is_missing_token(t)) {
            values.push_back(NAN);
            return true;
        }
        if (kind == ColumnKind::numeric) {
            if (decided) {
                error = make_error("line %zu, column %zu (\"%s\"): \"%s\" is not a number, in "
                                   "a numeric column; fix the cell, or leave it empty to mark "
                                   "it missing", line, col, name.c_str(), shown(t).c_str());
                return false;
            }
            kind = ColumnKind::categorical;
        }
        decided = true;
        return add_category(quoted ? raw : t, line, col, error);
    }

    bool add_number(double v, std::string_view t, size_t line, size_t col, Error& error) {
        if (std::isinf(v)) {
            error = make_error("line %zu, column %zu (\"%s\"): %s is too large for a number; "
                               "rescale the column", line, col, name.c_str(),
                               shown(t).c_str());
            return false;
        }
        if (std::fabs(v) > FLT_MAX) {
            error = make_error("line %zu, column %zu (\"%s\"): %s is outside the float32 "
                               "range (about 3.4e38); rescale the column", line, col,
                               name.c_str(), shown(t).c_str());
            return false;
        }
        values.push_back(static_cast<float>(v));
        return true;
    }

    bool add_category(std::string_view s, size_t line, size_t col, Error& error) {
        size_t slot = 0;
        int64_t found = index.find(s, categories, slot);
        if (found >= 0) {
            values.push_back(static_cast<float>(found));
            return true;
        }
        size_t bad = find_invalid_utf8(s);
        if (bad != std::string_view::npos) {
            error = make_error("line %zu, column %zu: byte 0x%02X is not UTF-8 text; save the "
                               "file as UTF-8 (if it is binary, export the data as CSV)",
                               line, col, static_cast<unsigned char>(s[bad]));
            return false;
        }
        if (categories.size() == max_categories) {
            error = make_error("line %zu, column %zu (\"%s\"): more than %zu distinct values; "
                               "a column like this is an ID, not a category: drop it",
                               line, col, name.c_str(), max_categories);
            return false;
        }
        categories.emplace_back(s);
        index.insert(slot, categories);
        values.push_back(static_cast<float>(categories.size() - 1));
        return true;
    }
};

// What a cell looks like, for deciding a column's kind.
enum class CellShape { missing, number, text };

CellShape shape_of(std::string_view raw) {
    std::string_view t = trim(raw);
    if (is_missing_token(t)) return CellShape::missing;
    double ignored = 0.0;
    return parse_number(t, ignored) ? CellShape::number : CellShape::text;
}

Status ragged_error(size_t line, size_t n_fields, size_t n_columns, bool has_header,
                    char delim) {
    const char* what = has_header ? "the header has" : "the first row has";
    std::string shown_delim = delim == '\t' ? "tabs" : std::string("'") + delim + "'";
    if (n_fields < n_columns)
        return make_error("line %zu, column %zu: the row ends after %zu field%s, but %s %zu "
                          "columns; every row needs one value per column (empty for a "
                          "missing one)", line, n_fields + 1, n_fields,
                          n_fields == 1 ? "" : "s", what, n_columns);
    return make_error("line %zu, column %zu: the row has %zu fields, but %s %zu columns; "
                      "quote values that contain %s", line, n_columns + 1, n_fields, what,
                      n_columns, shown_delim.c_str());
}

// Names the columns from the header record just scanned (or column_1 ..
// column_n without one): trimmed, non-empty, UTF-8 and distinct.
Status name_columns(const RecordScanner& scanner, std::string_view text, bool has_header,
                    size_t line, std::vector<ColumnBuilder>& columns) {
    std::unordered_set<std::string_view> seen;
    for (size_t j = 0; j < columns.size(); ++j) {
        std::string& name = columns[j].name;
        if (!has_header) {
            name = "column_" + std::to_string(j + 1);
            continue;
        }
        std::string_view field = trim(scanner.field(text, j));
        if (field.empty())
            return make_error("line %zu, column %zu: the header has an empty column name; "
                              "name every column (a pandas index? write it with "
                              "index=False)", line, j + 1);
        if (size_t bad = find_invalid_utf8(field); bad != std::string_view::npos)
            return make_error("line %zu, column %zu: byte 0x%02X is not UTF-8 text; save the "
                              "file as UTF-8", line, j + 1,
                              static_cast<unsigned char>(field[bad]));
        name = std::string(field);
        if (!seen.insert(field).second)
            return make_error("line %zu, column %zu: the column name \"%s\" appears twice; "
                              "give each column its own name", line, j + 1, name.c_str());
    }
    return Status();
}

// Step 2: scans up to sample_rows records from input.rest()[0] (without
// consuming them) and decides each undecided column's kind: numeric when at
// least half its non-missing cells are numbers. Returns the rows sampled and
// their bytes in `span`; errors are left for the parse to meet in order.
size_t sample_kinds(CsvInput& input, RecordScanner& scanner, size_t line, size_t max_bytes,
                    std::vector<ColumnBuilder>& columns, size_t& span) {
    const size_t n_cols = columns.size();
    std::vector<size_t> n_numbers(n_cols, 0), n_text(n_cols, 0);
    size_t n_sampled = 0, pos = 0;
    Error ignored;
    while (n_sampled < sample_rows && pos < sample_bytes) {
        if (next_record(input, scanner, pos, line, max_bytes, ignored) != Scan::record) break;
        std::string_view text = input.rest();
        if (scanner.is_blank(text)) continue;
        if (scanner.n_fields() != n_cols) break;
        for (size_t j = 0; j < n_cols; ++j) {
            CellShape shape = shape_of(scanner.field(text, j));
            n_numbers[j] += shape == CellShape::number;
            n_text[j] += shape == CellShape::text;
        }
        ++n_sampled;
    }
    for (size_t j = 0; j < n_cols; ++j) {
        ColumnBuilder& c = columns[j];
        if (c.decided || n_numbers[j] + n_text[j] == 0) continue;
        c.kind = n_numbers[j] >= n_text[j] ? ColumnKind::numeric : ColumnKind::categorical;
        c.decided = true;
    }
    span = pos;
    return n_sampled;
}

// ---- the reader ---------------------------------------------------------------

Result<Dataset> read_input(CsvInput& input, const CsvOptions& options, CsvInfo* info) {
    const size_t max_bytes = options.max_bytes;
    Error error;
    // enough text to sniff the delimiter from
    while (!input.at_end() && input.rest().size() < sniff_bytes) {
        Status loaded = input.load_more(max_bytes);
        if (!loaded) return loaded.error();
    }
    if (max_bytes && input.n_bytes() > max_bytes) // a string: known at once
        return make_error("the input is %zu bytes, more than %zu, the limit max_bytes sets; "
                          "raise the limit or read a smaller file", input.n_bytes(),
                          max_bytes);

    // 1. sniff: encoding, delimiter, header
    if (input.rest().substr(0, 3) == "\xEF\xBB\xBF") input.consume(3);
    if (Status s = check_signature(input.rest()); !s) return s.error();

    char delim = options.delimiter;
    if (delim == '"' || delim == '\n' || delim == '\r')
        return make_error("a quote or a line break cannot be the delimiter; use ',' ';' "
                          "tab or another character (0 detects it)");
    if (delim == 0) delim = detect_delimiter(input.rest(), input.at_end());
    RecordScanner scanner(delim);

    size_t pos = 0, line = 1, first_line = 1;
    for (;;) {
        first_line = line;
        Scan s = next_record(input, scanner, pos, line, max_bytes, error);
        if (s == Scan::failed) return error;
        if (s == Scan::end)
            return make_error("the file is empty; a CSV needs a header line and at least "
                              "one row");
        if (!scanner.is_blank(input.rest())) break;
        input.consume(pos);
        pos = 0;
    }

    const size_t n_cols = scanner.n_fields();
    bool has_header = options.has_header == CsvHeader::yes;
    if (options.has_header == CsvHeader::detect) {
        size_t n_numbers = 0, n_text = 0;
        for (size_t j = 0; j < n_cols; ++j) {
            CellShape shape = shape_of(scanner.field(input.rest(), j));
            n_numbers += shape == CellShape::number;
            n_text += shape == CellShape::text;
        }
        has_header = n_text > 0 || n_numbers == 0;
    }

    std::vector<ColumnBuilder> columns(n_cols);
    if (Status s = name_columns(scanner, input.rest(), has_header, first_line, columns); !s)
        return s.error();
    size_t data_line = first_line;
    if (has_header) {
        input.consume(pos);
        data_line = line;
    }

    for (const std::string& wanted : options.categorical_columns) {
        bool found = false;
        for (ColumnBuilder& c : columns) {
            if (c.name != wanted) continue;
            c.kind = ColumnKind::categorical;
            c.decided = true;
            found = true;
        }
        if (!found)
            return make_error("categorical_columns names \"%s\", but the file has no such "
                              "column", wanted.c_str());
    }

    // 2. sample: the first rows decide the kinds
    size_t span = 0;
    size_t n_sampled = sample_kinds(input, scanner, data_line, max_bytes, columns, span);
    if (!input.failure()) return input.failure().error();

    // FIXME-PERF: the estimate assumes the sampled rows are typical; when they
    // are not, a column vector grows by doubling (one column at a time).
    if (n_sampled > 0 && span > 0) {
        double per_row = static_cast<double>(span) / static_cast<double>(n_sampled);
        size_t estimate = static_cast<size_t>(
            static_cast<double>(input.size_hint()) / per_row * 1.02) + 16;
        if (!input.failure()) return input.failure().error();
        if (options.max_rows && estimate > options.max_rows) estimate = options.max_rows;
        for (ColumnBuilder& c : columns) c.values.reserve(estimate);
    }

    // 3. parse every data record straight into the columns
    size_t n_rows = 0;
    pos = 0;
    line = data_line;
    for (;;) {
        const size_t record_line = line;
        Scan s = next_record(input, scanner, pos, line, max_bytes, error);
        if (s == Scan::end) break;
        if (s == Scan::failed) return error;
        std::string_view text = input.rest();
        if (!scanner.is_blank(text)) {
            if (scanner.n_fields() != n_cols)
                return ragged_error(record_line, scanner.n_fields(), n_cols, has_header, delim)
                    .error();
            if (options.max_rows && n_rows == options.max_rows)
                return make_error("line %zu: the file has more than %zu data rows, the limit "
                                  "max_rows sets; raise the limit or read fewer rows",
                                  record_line, options.max_rows);
            for (size_t j = 0; j < n_cols; ++j)
                if (!columns[j].add(scanner.field(text, j), scanner.quoted(j), record_line,
                                    j + 1, error))
                    return error;
            ++n_rows;
        }
        input.consume(pos);
        pos = 0;
    }
    if (n_rows == 0)
        return make_error("the file has a header (line %zu) but no data rows; add rows below "
                          "it", first_line);

    Dataset ds;
    for (ColumnBuilder& c : columns) {
        Status added = c.kind == ColumnKind::categorical
                           ? ds.add_categorical_column(std::move(c.name), std::move(c.values),
                                                       std::move(c.categories))
                           : ds.add_column(std::move(c.name), std::move(c.values));
        MLPLAY_ASSERT(added.ok(), "the reader built an invalid column");
    }
    if (info) {
        info->delimiter = delim;
        info->has_header = has_header;
        info->n_bytes = input.n_bytes();
    }
    return ds;
}

// ---- writing ------------------------------------------------------------------

// Quoted: the delimiter, a quote or a line break (RFC 4180), surrounding
// spaces (the reader trims unquoted cells), and any delimiter the reader
// might detect, so a one-column file reads back as one column.
bool needs_quotes(const std::string& s, char delim) {
    if (s.empty()) return false;
    if (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t')
        return true;
    for (char c : s)
        if (c == delim || c == '"' || c == '\n' || c == '\r' || c == ',' || c == ';' ||
            c == '\t')
            return true;
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

Result<Dataset> read_csv(std::string_view text, const CsvOptions& options, CsvInfo* info) {
    CsvInput input(text);
    return read_input(input, options, info);
}

Result<Dataset> read_csv(std::istream& in, const CsvOptions& options, CsvInfo* info) {
    if (!in.good())
        return make_error("the input stream cannot be read; check that the file exists and "
                          "can be opened");
    CsvInput input(in);
    return read_input(input, options, info);
}

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
            if (std::isnan(v)) {
                // an empty line would be skipped as blank: "" is a missing cell
                if (ds.n_columns() == 1) out += "\"\"";
                continue;
            }
            if (ds.is_categorical(j)) {
                append_field(out, ds.categories(j)[static_cast<size_t>(v)], delimiter);
                continue;
            }
            // 9 significant digits read back the same float32.
            std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
            out += buf;
        }
        out += '\n';
    }
    return out;
}

} // namespace mlplay
