// mlplay core: a small JSON value, reader and writer, for saving models and
// sessions.
//
// Reads RFC 8259 JSON (UTF-8; \u escapes of four hex digits, surrogate pairs; numbers
// as double). A parse error names the line and column and what was expected.
// Nesting is limited (kMaxDepth) so a hostile file cannot exhaust the stack.
// Objects keep their keys in insertion order. Cost: O(bytes) to read or write.
#pragma once

#include "core/error.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlplay {

class Json {
public:
    enum class Kind { null, boolean, number, string, array, object };
    static constexpr int kMaxDepth = 256;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : m_kind(Kind::boolean), m_bool(b) {}
    Json(double d) : m_kind(Kind::number), m_number(d) {}
    Json(int i) : m_kind(Kind::number), m_number(i) {}
    Json(long long i) : m_kind(Kind::number), m_number(static_cast<double>(i)) {}
    Json(size_t i) : m_kind(Kind::number), m_number(static_cast<double>(i)) {}
    Json(const char* s) : m_kind(Kind::string), m_string(s) {}
    Json(std::string s) : m_kind(Kind::string), m_string(std::move(s)) {}

    static Json array() { Json j; j.m_kind = Kind::array; return j; }
    static Json object() { Json j; j.m_kind = Kind::object; return j; }
    static Json numbers(const std::vector<double>& v);

    Kind kind() const { return m_kind; }
    bool is_null() const { return m_kind == Kind::null; }
    bool is_bool() const { return m_kind == Kind::boolean; }
    bool is_number() const { return m_kind == Kind::number; }
    bool is_string() const { return m_kind == Kind::string; }
    bool is_array() const { return m_kind == Kind::array; }
    bool is_object() const { return m_kind == Kind::object; }

    bool as_bool() const { return m_bool; }
    double as_number() const { return m_number; }
    const std::string& as_string() const { return m_string; }

    // Arrays.
    size_t size() const { return m_kind == Kind::object ? m_members.size() : m_items.size(); }
    const Json& operator[](size_t i) const { return m_items[i]; }
    void push(Json v) { m_items.push_back(std::move(v)); }
    const std::vector<Json>& items() const { return m_items; }

    // Objects: set replaces an existing key; add appends without looking
    // (the reader uses it: a repeated key then resolves to its last value,
    // as most JSON readers do); find returns null if absent.
    void set(const std::string& key, Json v);
    void add(std::string key, Json v) { m_members.emplace_back(std::move(key), std::move(v)); }
    const Json* find(const std::string& key) const;
    const std::vector<std::pair<std::string, Json>>& members() const { return m_members; }

    // Compact text; numbers with 17 significant digits so doubles round-trip.
    // NaN and infinities (not JSON) are written as null.
    std::string dump() const;

    static Result<Json> parse(std::string_view text);

    // Typed reads for loaders, with errors that name the key.
    Result<double> number_at(const std::string& key) const;
    Result<std::string> string_at(const std::string& key) const;
    Result<std::vector<double>> numbers_at(const std::string& key) const;

private:
    void dump_to(std::string& out) const;

    Kind m_kind = Kind::null;
    bool m_bool = false;
    double m_number = 0.0;
    std::string m_string;
    std::vector<Json> m_items;
    std::vector<std::pair<std::string, Json>> m_members;
};

} // namespace mlplay
