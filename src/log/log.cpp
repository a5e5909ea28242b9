#include "log/log.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <shared_mutex>

namespace meter::log {
namespace {

std::shared_mutex settings_lock;
Settings& CurrentSettings() {
  static Settings settings;
  return settings;
}
std::mutex write_lock;

// Appends `value` as the inside of a JSON string: quotes, backslashes and control characters
// escaped; other bytes (UTF-8) as they are.
void AppendJsonEscaped(std::string& out, std::string_view value) {
  static const char* kHex = "0123456789abcdef";
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
}

// A logfmt value: as it is when it is a plain word, else quoted and escaped as in JSON.
void AppendTextValue(std::string& out, std::string_view value) {
  const bool plain = !value.empty() && value.find_first_of(" \"=\\") == std::string_view::npos &&
                     std::none_of(value.begin(), value.end(), [](char c) {
                       const auto u = static_cast<unsigned char>(c);
                       return u < 0x20 || u == 0x7f;
                     });
  if (plain) {
    out += value;
    return;
  }
  out += '"';
  AppendJsonEscaped(out, value);
  out += '"';
}

void AppendJsonField(std::string& out, std::string_view name, std::string_view value) {
  out += ",\"";
  AppendJsonEscaped(out, name);
  out += "\":\"";
  AppendJsonEscaped(out, value);
  out += '"';
}

}  // namespace

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "info";
}

bool ParseFormat(std::string_view name, Format& format) {
  if (name == "text") {
    format = Format::kText;
  } else if (name == "json") {
    format = Format::kJson;
  } else {
    return false;
  }
  return true;
}

void Configure(const Settings& settings) {
  std::unique_lock lock(settings_lock);
  CurrentSettings() = settings;
}

bool Enabled(Level level) {
  std::shared_lock lock(settings_lock);
  return level >= CurrentSettings().least;
}

std::string UtcTimestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

std::string FormatLine(const Settings& settings, std::string_view time, Level level,
                       std::string_view event, std::string_view message,
                       const std::vector<Field>& fields) {
  std::string out;
  out.reserve(160 + message.size());
  if (settings.format == Format::kJson) {
    out += "{\"time\":\"";
    out += time;
    out += '"';
    AppendJsonField(out, "level", LevelName(level));
    if (!settings.node.empty()) AppendJsonField(out, "node", settings.node);
    AppendJsonField(out, "event", event);
    for (const auto& [name, value] : fields) AppendJsonField(out, name, value);
    AppendJsonField(out, "msg", message);
    out += "}\n";
    return out;
  }
  out += time;
  out += ' ';
  out += LevelName(level);
  if (!settings.node.empty()) {
    out += " node=";
    AppendTextValue(out, settings.node);
  }
  out += " event=";
  AppendTextValue(out, event);
  for (const auto& [name, value] : fields) {
    out += ' ';
    out += name;
    out += '=';
    AppendTextValue(out, value);
  }
  if (!message.empty()) {
    out += " msg=";
    AppendTextValue(out, message);
  }
  out += '\n';
  return out;
}

void Write(Level level, std::string_view event, std::string_view message,
           const std::vector<Field>& fields) {
  try {
    std::string line;
    {
      std::shared_lock lock(settings_lock);
      const Settings& settings = CurrentSettings();
      if (level < settings.least) return;
      line = FormatLine(settings, UtcTimestamp(), level, event, message, fields);
    }
    std::lock_guard lock(write_lock);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  } catch (...) {
    // Out of memory while logging: the event is dropped rather than the request.
  }
}

}  // namespace meter::log
