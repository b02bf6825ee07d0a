// logcat lines split into their fields, in every layout fwm reads or users paste.
//
// Layouts, from the programs that print them:
// - liblog `logprint.cpp` (AOSP system/logging/liblog, earlier system/core/liblog/logprint.c),
//   android_log_formatLogLine: FORMAT_THREADTIME "%s %s%5d %5d %c %-8.*s: " (time, uid, pid, tid, level,
//   tag), FORMAT_TIME "%s %c/%-8.*s(%s%5d): ", FORMAT_BRIEF "%c/%-8.*s(%s%5d): ", FORMAT_TAG "%c/%-8.*s: ".
//   Pids and tids are right-aligned in 5 columns, tags left-aligned in 8; the uid (-v uid) is a name of at
//   most 5 characters or the number, followed by ':' (threadtime turns that ':' into a space). Every line
//   of a multi-line message repeats the prefix, so an empty line ends in ": ".
// - Android Studio's classic Logcat window (JetBrains/android
//   android/src/com/android/tools/idea/logcat/AndroidLogcatFormatter.java, createCustomFormat):
//   "%1$s %2$s/%3$s %4$c/%5$s: %6$s" = "2021-02-08 19:40:16.510 22200-22331/com.example.app I/TAG: msg";
//   the package is "?" when Studio could not tell it, and the header settings can hide the time, the
//   pid-tid, the package ("... 22200-22331 I/TAG: msg") or the tag. Lines after the first of a
//   multi-line message carry no prefix, only an indent (CONTINUATION_INDENT, 4 spaces).
// - Android Studio's Logcat window since Dolphin (JetBrains/android logcat/src/com/android/tools/idea/
//   logcat/messages/MessageFormatter.kt with TimestampFormat.kt, ProcessThreadFormat.kt "%5d-%-5d ",
//   TagFormat.kt (23 columns + 1, blank when it hides a repeated tag), AppNameFormat.kt (35 + 1,
//   "pid-N" when unknown), LevelFormat.kt " I " + " "): "2022-06-15 12:34:56.789  5120-5163  TAG   app   I  msg";
//   following lines of a message are indented to the header width.
#include "adb/logcat_line.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "adb/text_lines.hpp"

namespace fwm::android {
namespace {

constexpr std::string_view kLevels = "VDIWEFAS";

// Splits off the next space-delimited word, skipping the spaces before it.
std::string_view next_word(std::string_view& rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  std::size_t end = rest.find(' ');
  std::string_view word = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  return word;
}

// Whether `text` matches `pattern`, where '9' stands for any digit and other characters for themselves.
bool matches(std::string_view text, std::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (pattern[i] == '9' ? !digit : text[i] != pattern[i]) return false;
  }
  return true;
}

bool is_date(std::string_view word) { return matches(word, "99-99") || matches(word, "9999-99-99"); }

bool is_time(std::string_view word) {
  if (word.size() < 10 || !matches(word.substr(0, 9), "99:99:99.")) return false;
  return std::all_of(word.begin() + 9, word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_level(std::string_view word) { return word.size() == 1 && kLevels.find(word[0]) != std::string_view::npos; }

std::optional<int> to_int(std::string_view word) {
  int value = 0;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size() || word.empty()) return std::nullopt;
  return value;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The message after a tag's ": " (or a final ':' whose space an editor trimmed); nullopt without either.
std::optional<std::string_view> after_colon(std::string_view rest) {
  if (rest.starts_with(": ")) return rest.substr(2);
  if (rest == ":") return std::string_view();
  return std::nullopt;
}

// "L/TAG(PID): msg" (brief, time; the parentheses may hold "uid:" first) or "L/TAG: msg" (tag, Studio).
bool parse_level_tag(std::string_view rest, LogLine& out, bool& with_pid) {
  if (rest.size() < 3 || rest[1] != '/' || !is_level(rest.substr(0, 1))) return false;
  out.level = rest[0];
  rest.remove_prefix(2);
  std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos && !rest.empty() && rest.back() == ':') colon = rest.size() - 1;
  std::size_t paren = rest.find('(');
  with_pid = paren != std::string_view::npos && paren < colon;
  if (with_pid) {
    std::size_t close = rest.find(')', paren);
    if (close == std::string_view::npos) return false;
    std::string_view inside = rest.substr(paren + 1, close - paren - 1);
    auto pid = to_int(trim_spaces(inside.substr(inside.find(':') == std::string_view::npos ? 0 : inside.find(':') + 1)));
    auto message = after_colon(rest.substr(close + 1));
    if (!pid || !message) return false;
    out.pid = *pid;
    out.tag = std::string(trim_spaces(rest.substr(0, paren)));
    out.message = std::string(*message);
  } else {
    if (colon == std::string_view::npos) return false;
    out.tag = std::string(trim_spaces(rest.substr(0, colon)));
    out.message = std::string(*after_colon(rest.substr(colon)));
  }
  return !out.tag.empty();
}

// "PID-TID" or "PID-TID/package" (Android Studio).
bool parse_pid_tid(std::string_view word, LogLine& out) {
  std::size_t slash = word.find('/');
  std::string_view ids = word.substr(0, slash);
  std::size_t dash = ids.find('-');
  if (dash == std::string_view::npos) return false;
  auto pid = to_int(ids.substr(0, dash));
  auto tid = to_int(ids.substr(dash + 1));
  if (!pid || !tid) return false;
  out.pid = *pid;
  out.tid = *tid;
  if (slash != std::string_view::npos) out.package = std::string(word.substr(slash + 1));
  return true;
}

// The columns after PID-TID in Studio's Logcat window: [TAG] [APP] L, two spaces, the message. The tid
// column ("%-5d ") leaves at most 6 spaces before the tag; a wider gap is a blank (hidden) tag column.
bool parse_studio_columns(std::string_view rest, LogLine& out) {
  bool tag_blank = rest.find_first_not_of(' ') > 6;
  std::vector<std::string_view> words;
  for (;;) {
    std::string_view word = next_word(rest);
    if (word.empty() || words.size() > 2) return false;
    if (is_level(word) && (rest.empty() || trim_spaces(rest).empty() || rest.starts_with("  "))) {
      out.level = word[0];
      out.message = std::string(rest.substr(std::min<std::size_t>(2, rest.size())));
      break;
    }
    words.push_back(word);
  }
  if (tag_blank && words.size() > 1) return false;
  if (tag_blank && !words.empty()) out.package = std::string(words[0]);
  if (!tag_blank && !words.empty()) out.tag = std::string(words[0]);
  if (!tag_blank && words.size() > 1) out.package = std::string(words[1]);
  out.layout = "studio-logcat";
  return true;
}

}  // namespace

std::optional<LogLine> parse_threadtime_line(std::string_view line) {
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view rest = line;
  LogLine out;
  out.layout = "threadtime";
  std::string_view date = next_word(rest);
  if (!is_date(date)) return std::nullopt;
  out.month_day = std::string(date);
  std::string_view time = next_word(rest);
  if (!is_time(time)) return std::nullopt;
  out.time = std::string(time);
  std::string_view word = next_word(rest);
  if (!to_int(word)) word = next_word(rest);  // a uid name (-v uid)
  auto pid = to_int(word);
  auto tid = to_int(next_word(rest));
  std::string_view level = next_word(rest);
  if (pid && tid && to_int(level)) {  // a numeric uid (-v uid): the numbers were uid, pid, tid
    pid = tid;
    tid = to_int(level);
    level = next_word(rest);
  }
  if (!pid || !tid || !is_level(level)) return std::nullopt;
  out.pid = *pid;
  out.tid = *tid;
  out.level = level[0];
  if (rest.empty() || rest.front() != ' ') return std::nullopt;
  rest.remove_prefix(1);
  std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos) {
    if (rest.empty() || rest.back() != ':') return std::nullopt;
    colon = rest.size() - 1;
  }
  std::string_view tag = trim_spaces(rest.substr(0, colon));
  if (tag.empty()) return std::nullopt;
  out.tag = std::string(tag);
  out.message = std::string(rest.substr(std::min(colon + 2, rest.size())));
  return out;
}

std::optional<LogLine> parse_log_line(std::string_view line) {
  if (auto threadtime = parse_threadtime_line(line)) return threadtime;
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  LogLine out;
  std::string_view rest = line;
  std::string_view peek = rest;
  std::string_view word = next_word(peek);
  if (is_date(word)) {
    std::string_view time = next_word(peek);
    if (!is_time(time)) return std::nullopt;
    out.month_day = std::string(word);
    out.time = std::string(time);
    rest = peek;
    word = next_word(peek);
  } else if (is_time(word)) {
    out.time = std::string(word);
    rest = peek;
    word = next_word(peek);
  }
  bool with_pid = false;
  if (parse_pid_tid(word, out)) {
    std::string_view columns = peek;
    while (!columns.empty() && columns.front() == ' ') columns.remove_prefix(1);
    if (parse_level_tag(columns, out, with_pid) && !with_pid) {
      out.layout = "studio";
      return out;
    }
    out.tag.clear();
    out.message.clear();
    if (!out.package.empty() || !parse_studio_columns(peek, out)) return std::nullopt;
    return out;
  }
  if (!out.time.empty() && out.month_day.empty()) return std::nullopt;  // a time alone is Studio Logcat's only
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (!parse_level_tag(rest, out, with_pid)) return std::nullopt;
  if (with_pid) {
    out.layout = out.month_day.empty() ? "brief" : "time";
  } else {
    out.layout = out.time.empty() ? "tag" : "studio";
  }
  return out;
}

std::vector<LogMessage> log_messages(std::string_view text) {
  std::vector<LogMessage> messages;
  std::string previous_tag;
  for (std::string_view line : split_lines(text)) {
    if (line.starts_with("--------- ")) continue;
    if (auto parsed = parse_log_line(line)) {
      if (!parsed->tag.empty()) previous_tag = parsed->tag;
      messages.push_back({previous_tag, std::move(parsed->message), true});
    } else {
      messages.push_back({previous_tag, std::string(line), false});
    }
  }
  return messages;
}

}  // namespace fwm::android
