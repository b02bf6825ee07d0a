// `logcat -v threadtime` lines split into their fields.
#include "adb/logcat_line.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace fwm::android {
namespace {

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

bool is_time(std::string_view word) {
  if (word.size() < 10 || !matches(word.substr(0, 9), "99:99:99.")) return false;
  for (char c : word.substr(9)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<int> to_int(std::string_view word) {
  int value = 0;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size() || word.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<LogLine> parse_threadtime_line(std::string_view line) {
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view rest = line;
  LogLine out;
  std::string_view date = next_word(rest);
  if (!matches(date, "99-99") && !matches(date, "9999-99-99")) return std::nullopt;
  out.month_day = std::string(date);
  std::string_view time = next_word(rest);
  if (!is_time(time)) return std::nullopt;
  out.time = std::string(time);
  std::string_view word = next_word(rest);
  if (!to_int(word)) word = next_word(rest);
  auto pid = to_int(word);
  auto tid = to_int(next_word(rest));
  std::string_view level = next_word(rest);
  if (!pid || !tid || level.size() != 1 || std::string_view("VDIWEFAS").find(level[0]) == std::string_view::npos) {
    return std::nullopt;
  }
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
  std::string_view tag = rest.substr(0, colon);
  while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
  if (tag.empty()) return std::nullopt;
  out.tag = std::string(tag);
  out.message = std::string(rest.substr(std::min(colon + 2, rest.size())));
  return out;
}

}  // namespace fwm::android
