#include "core/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace mlplay {

Json Json::numbers(const std::vector<double>& v) {
    Json a = array();
    for (double d : v) a.push(d);
    return a;
}

void Json::set(const std::string& key, Json v) {
    MLPLAY_ASSERT(m_kind == Kind::object, "Json::set on a non-object");
    for (auto& [k, existing] : m_members)
        if (k == key) {
            existing = std::move(v);
            return;
        }
    m_members.emplace_back(key, std::move(v));
}

const Json* Json::find(const std::string& key) const {
    for (auto it = m_members.rbegin(); it != m_members.rend(); ++it)
        if (it->first == key) return &it->second;
    return nullptr;
}

Result<double> Json::number_at(const std::string& key) const {
    const Json* v = find(key);
    if (!v || !v->is_number()) return make_error("\"%s\" must be a number", key.c_str());
    return v->as_number();
}

Result<std::string> Json::string_at(const std::string& key) const {
    const Json* v = find(key);
    if (!v || !v->is_string()) return make_error("\"%s\" must be a string", key.c_str());
    return v->as_string();
}

Result<std::vector<double>> Json::numbers_at(const std::string& key) const {
    const Json* v = find(key);
    if (!v || !v->is_array()) return make_error("\"%s\" must be an array of numbers", key.c_str());
    std::vector<double> out;
    for (const Json& item : v->items()) {
        if (!item.is_number())
            return make_error("\"%s\" must hold only numbers", key.c_str());
        out.push_back(item.as_number());
    }
    return out;
}

namespace {

void dump_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

} // namespace

void Json::dump_to(std::string& out) const {
    switch (m_kind) {
    case Kind::null: out += "null"; break;
    case Kind::boolean: out += m_bool ? "true" : "false"; break;
    case Kind::number: {
        if (!std::isfinite(m_number)) {
            out += "null";
            break;
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", m_number);
        out += buf;
        break;
    }
    case Kind::string: dump_string(out, m_string); break;
    case Kind::array:
        out += '[';
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (i) out += ',';
            m_items[i].dump_to(out);
        }
        out += ']';
        break;
    case Kind::object:
        out += '{';
        for (size_t i = 0; i < m_members.size(); ++i) {
            if (i) out += ',';
            dump_string(out, m_members[i].first);
            out += ':';
            m_members[i].second.dump_to(out);
        }
        out += '}';
        break;
    }
}

std::string Json::dump() const {
    std::string out;
    dump_to(out);
    return out;
}

namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    Result<Json> parse_document() {
        skip_space();
        Json v;
        Status s = parse_value(v, 0);
        if (!s) return s.error();
        skip_space();
        if (m_pos != m_text.size()) return fail("unexpected text after the JSON value");
        return v;
    }

private:
    Error fail(const char* what) const {
        // Line and column of the current position, 1-based.
        size_t line = 1, col = 1;
        for (size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return make_error("JSON line %zu, column %zu: %s", line, col, what);
    }

    void skip_space() {
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++m_pos;
        }
    }

    bool literal(const char* word) {
        size_t n = std::char_traits<char>::length(word);
        if (m_text.substr(m_pos, n) != word) return false;
        m_pos += n;
        return true;
    }

    Status parse_value(Json& out, int depth) {
        if (depth > Json::kMaxDepth) return fail("nesting is deeper than 256 levels");
        if (m_pos >= m_text.size()) return fail("the text ends where a value was expected");
        char c = m_text[m_pos];
        if (c == '{') return parse_object(out, depth);
        if (c == '[') return parse_array(out, depth);
        if (c == '"') {
            std::string s;
            Status st = parse_string(s);
            if (st) out = Json(std::move(s));
            return st;
        }
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(out);
        if (literal("true")) {
            out = Json(true);
            return Status();
        }
        if (literal("false")) {
            out = Json(false);
            return Status();
        }
        if (literal("null")) {
            out = Json();
            return Status();
        }
        return fail("expected a value (object, array, string, number, true, false or null)");
    }

    Status parse_number(Json& out) {
        size_t start = m_pos;
        if (m_text[m_pos] == '-') ++m_pos;
        auto digits = [&] {
            size_t n = 0;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
                ++m_pos;
                ++n;
            }
            return n;
        };
        if (m_pos < m_text.size() && m_text[m_pos] == '0') ++m_pos;
        else if (digits() == 0) return fail("a number needs digits");
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            if (digits() == 0) return fail("a number needs digits after the decimal point");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
            if (digits() == 0) return fail("a number needs digits in its exponent");
        }
        std::string token(m_text.substr(start, m_pos - start));
        double v = std::strtod(token.c_str(), nullptr);
        if (!std::isfinite(v)) return fail("the number is too large");
        out = Json(v);
        return Status();
    }

    static void append_utf8(std::string& s, unsigned cp) {
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += static_cast<char>(0xE0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            s += static_cast<char>(0xF0 | (cp >> 18));
            s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool hex4(unsigned& out) {
        if (m_pos + 4 > m_text.size()) return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            char c = m_text[m_pos++];
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    Status parse_string(std::string& out) {
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            unsigned char c = static_cast<unsigned char>(m_text[m_pos++]);
            if (c == '"') return Status();
            if (c < 0x20) return fail("a control character inside a string must be escaped");
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (m_pos >= m_text.size()) break;
            char e = m_text[m_pos++];
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(cp)) return fail("\\u needs four hex digits");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo = 0;
                    if (!literal("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return fail("a high surrogate must be followed by a low one");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return fail("a low surrogate without a high one");
                }
                append_utf8(out, cp);
                break;
            }
            default: return fail("unknown escape in a string");
            }
        }
        return fail("a string is never closed");
    }

    Status parse_array(Json& out, int depth) {
        ++m_pos;
        out = Json::array();
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return Status();
        }
        for (;;) {
            skip_space();
            Json item;
            Status s = parse_value(item, depth + 1);
            if (!s) return s;
            out.push(std::move(item));
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return Status();
            }
            return fail("expected ',' or ']' in an array");
        }
    }

    Status parse_object(Json& out, int depth) {
        ++m_pos;
        out = Json::object();
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return Status();
        }
        for (;;) {
            skip_space();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail("expected a quoted key in an object");
            std::string key;
            Status s = parse_string(key);
            if (!s) return s;
            skip_space();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return fail("expected ':' after an object key");
            ++m_pos;
            skip_space();
            Json value;
            s = parse_value(value, depth + 1);
            if (!s) return s;
            out.add(std::move(key), std::move(value));
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return Status();
            }
            return fail("expected ',' or '}' in an object");
        }
    }

    std::string_view m_text;
    size_t m_pos = 0;
};

} // namespace

Result<Json> Json::parse(std::string_view text) { return Parser(text).parse_document(); }

} // namespace mlplay
