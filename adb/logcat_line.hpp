// Parsers of logcat lines in the layouts logcat prints (-v threadtime, time, brief, tag) and Android Studio copies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwm::android {

// The fields of one log line. Fields a layout does not show stay empty (pid and tid 0).
struct LogLine {
  std::string layout;     // "threadtime", "time", "brief", "tag", "studio" (classic Logcat window), "studio-logcat"
  std::string month_day;  // "07-14", or "2024-07-14" (-v year, Android Studio)
  std::string time;       // "10:22:31.456" (more digits with -v usec/nsec)
  int pid = 0;
  int tid = 0;
  char level = 'I';     // V D I W E F A S
  std::string tag;      // without padding; "" in the Studio Logcat layout when it hid a repeated tag
  std::string package;  // the app Android Studio named ("?" when it could not tell); "" elsewhere
  std::string message;  // exactly as logged after the prefix (leading spaces and tabs kept)
};

// The line's fields in `logcat -v threadtime` form (`MM-DD HH:MM:SS.mmm  PID  TID L TAG: message`); a
// trailing CR is dropped and a uid column (-v uid) is skipped. nullopt for any other line.
std::optional<LogLine> parse_threadtime_line(std::string_view line);

// The line's fields in any layout named in LogLine::layout; nullopt for a line with no such prefix (a
// logcat banner, a continuation line Android Studio indented, a bare message). A trailing CR is dropped.
std::optional<LogLine> parse_log_line(std::string_view line);

// One message line of a log text, whatever its layout.
struct LogMessage {
  std::string tag;      // the line's tag; a line without prefix continues the previous line's tag; "" before any
  std::string message;  // the message text (the whole line when it had no prefix)
  bool prefixed = false;  // the line carried its own logcat prefix
};

// The message lines of `text` in order; logcat banners ("--------- beginning of main") are left out.
// Android Studio prints only the first line of a multi-line entry with its prefix and indents the rest,
// and its newer Logcat window leaves a repeated tag blank: such lines get the tag of the line before.
std::vector<LogMessage> log_messages(std::string_view text);

}  // namespace fwm::android
