// mlplay core: one levelled logger for the whole engine.
//
// Messages go to a sink. The default sink writes to stderr natively and to the
// browser console under Emscripten; the playground installs its own sink to
// feed its log panel (and still forwards to the default one).
#pragma once

#include <functional>
#include <string>

namespace mlplay {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

using LogSink = std::function<void(LogLevel, const std::string&)>;

// Replaces the sink; an empty function restores the default one.
void log_set_sink(LogSink sink);
void log_set_level(LogLevel min_level);
const char* log_level_name(LogLevel level);

// The default sink, for sinks that want to forward.
void log_default_sink(LogLevel level, const std::string& message);

void log_message(LogLevel level, const char* fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

} // namespace mlplay

#define MLPLAY_LOG_DEBUG(...) ::mlplay::log_message(::mlplay::LogLevel::debug, __VA_ARGS__)
#define MLPLAY_LOG_INFO(...) ::mlplay::log_message(::mlplay::LogLevel::info, __VA_ARGS__)
#define MLPLAY_LOG_WARN(...) ::mlplay::log_message(::mlplay::LogLevel::warn, __VA_ARGS__)
#define MLPLAY_LOG_ERROR(...) ::mlplay::log_message(::mlplay::LogLevel::error, __VA_ARGS__)
