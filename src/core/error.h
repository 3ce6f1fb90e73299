// mlplay core: errors for bad user input.
//
// Programmer errors are asserts (MLPLAY_ASSERT). User errors (a malformed CSV,
// an unknown column, an impossible hyper-parameter) come back as an Error that
// names the bad value and says what to do; nothing is thrown across the engine,
// so the same code behaves alike natively and in WebAssembly.
//
//   Result<Dataset> r = read_csv(text);
//   if (!r) { log_error("%s", r.error().message.c_str()); return; }
//   Dataset ds = std::move(r.value());
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace mlplay {

struct Error {
    std::string message;
};

// A value or an Error; never both, never neither.
template <typename T>
class Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() { return std::get<0>(m_state); }
    const T& value() const { return std::get<0>(m_state); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Result for operations that produce nothing but may fail.
class Status {
public:
    Status() = default;
    Status(Error error) : m_failed(true), m_error(std::move(error)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

// printf-style construction of an Error message.
Error make_error(const char* fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

[[noreturn]] void assert_failed(const char* expr, const char* file, int line, const char* msg);

} // namespace mlplay

// Always on: a broken invariant is a bug in mlplay, never the user's fault.
#define MLPLAY_ASSERT(expr, msg)                                      \
    do {                                                              \
        if (!(expr)) ::mlplay::assert_failed(#expr, __FILE__, __LINE__, msg); \
    } while (0)
