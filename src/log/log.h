// The process's log (issue 15): one line per event on standard error, each with an RFC 3339 UTC
// time, a level, the node's name and the event's fields, as text ("key=value", logfmt) or as one
// JSON object per line. `meter serve` configures it once at start (--log-format, --node-name);
// other commands keep the defaults (text, no node).
//
// What goes here is for the operator, in English, never a user's secret: callers pass no token,
// password, query string or SQL bound value. A value's newlines are escaped, so an event never
// spans two lines whatever its text holds.
//
// Thread-safe: Write() may be called from any thread; lines are written whole under one lock.
// Configure() is meant for the start of the process, before other threads log.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meter::log {

enum class Level { kDebug, kInfo, kWarning, kError };
enum class Format { kText, kJson };

struct Settings {
  Format format = Format::kText;
  std::string node;            // --node-name, or the listen address; "" leaves it out
  Level least = Level::kInfo;  // events below this level are not written
};

// A field of an event: its name (lower case, no spaces) and its value.
using Field = std::pair<std::string_view, std::string>;

// Replaces the settings; lines written from now on follow them.
void Configure(const Settings& settings);
// True when an event of `level` would be written (to skip building its fields).
bool Enabled(Level level);

// Writes one event: `event` names its kind ("access", "database", "stop"…), `message` says what
// happened, `fields` add what the operator filters on. Never throws; a failed write is dropped.
void Write(Level level, std::string_view event, std::string_view message,
           const std::vector<Field>& fields = {});

// The line Write() would write for these values at `time` ("2026-03-01T09:30:00.123Z"), without
// writing it: for tests.
std::string FormatLine(const Settings& settings, std::string_view time, Level level,
                       std::string_view event, std::string_view message,
                       const std::vector<Field>& fields);

// The time now as RFC 3339 in UTC with milliseconds: "2026-03-01T09:30:00.123Z".
std::string UtcTimestamp();

// "debug", "info", "warning", "error".
const char* LevelName(Level level);

// "text" or "json" as a Format; false when `name` is neither.
bool ParseFormat(std::string_view name, Format& format);

}  // namespace meter::log
