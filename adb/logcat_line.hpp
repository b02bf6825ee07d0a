// Parser of one `logcat -v threadtime` line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fwm::android {

// The fields of `MM-DD HH:MM:SS.mmm  PID  TID L TAG: message`.
struct LogLine {
  std::string month_day;  // "07-14" ("2024-07-14" with -v year)
  std::string time;       // "10:22:31.456" (more digits with -v usec/nsec)
  int pid = 0;
  int tid = 0;
  char level = 'I';  // V D I W E F A S
  std::string tag;   // without logcat's padding
  std::string message;  // exactly as logged after "TAG: " (leading spaces and tabs kept)
};

// The line's fields; a trailing CR is dropped and a uid column (-v uid) is skipped. nullopt when
// the line is not in threadtime form (e.g. "--------- beginning of main", -v brief lines).
std::optional<LogLine> parse_threadtime_line(std::string_view line);

}  // namespace fwm::android
