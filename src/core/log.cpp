#include "core/log.h"

#include "core/error.h"

#include <cstdarg>
#include <cstdio>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace mlplay {

namespace {

LogSink g_sink;
LogLevel g_min_level = LogLevel::info;

std::string vformat(const char* fmt, va_list args) {
    va_list copy;
    va_copy(copy, args);
    int n = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    if (n <= 0) return std::string();

    std::vector<char> buf(static_cast<size_t>(n) + 1);
    std::vsnprintf(buf.data(), buf.size(), fmt, args);
    return std::string(buf.data(), static_cast<size_t>(n));
}

} // namespace

const char* log_level_name(LogLevel level) {
    switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
    }
    return "?";
}

void log_set_sink(LogSink sink) { g_sink = std::move(sink); }

void log_set_level(LogLevel min_level) { g_min_level = min_level; }

void log_default_sink(LogLevel level, const std::string& message) {
#ifdef __EMSCRIPTEN__
    int flags = EM_LOG_CONSOLE;
    if (level == LogLevel::warn) flags |= EM_LOG_WARN;
    if (level == LogLevel::error) flags |= EM_LOG_ERROR;
    emscripten_log(flags, "mlplay: %s", message.c_str());
#else
    std::fprintf(stderr, "mlplay [%s] %s\n", log_level_name(level), message.c_str());
#endif
}

void log_message(LogLevel level, const char* fmt, ...) {
    if (level < g_min_level) return;

    va_list args;
    va_start(args, fmt);
    std::string message = vformat(fmt, args);
    va_end(args);

    if (g_sink) g_sink(level, message);
    else log_default_sink(level, message);
}

Error make_error(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    Error e{vformat(fmt, args)};
    va_end(args);
    return e;
}

void assert_failed(const char* expr, const char* file, int line, const char* msg) {
    std::fprintf(stderr, "mlplay: assertion failed: %s (%s:%d): %s\n", expr, file, line, msg);
    std::abort();
}

} // namespace mlplay
