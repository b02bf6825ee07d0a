// Reading dumpsys package, SharedPreferences XML, standby buckets and appops.
#include "adb/package_facts.hpp"

#include <cctype>
#include <charconv>
#include <map>
#include <string>

namespace fwm::android {

namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The first non-empty value after an occurrence of `key`, whose characters `keep` accepts (the
// linear equivalent of regex_search for `key(X+)`); nullopt when no occurrence has one.
template <typename Keep>
std::optional<std::string_view> value_after(std::string_view text, std::string_view key, Keep keep) {
  for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    std::size_t start = at + key.size();
    std::size_t end = start;
    while (end < text.size() && keep(text[end])) ++end;
    if (end > start) return text.substr(start, end - start);
  }
  return std::nullopt;
}

// The text inside the first `flags=[...]` whose `flags` starts a word.
std::optional<std::string_view> flags_list(std::string_view text) {
  constexpr std::string_view kKey = "flags=[";
  for (std::size_t at = text.find(kKey); at != std::string_view::npos; at = text.find(kKey, at + 1)) {
    if (at > 0 && is_word(text[at - 1])) continue;
    std::size_t start = at + kKey.size();
    std::size_t end = text.find(']', start);
    if (end == std::string_view::npos) return std::nullopt;
    return text.substr(start, end - start);
  }
  return std::nullopt;
}

}  // namespace

// Hand-written matchers instead of std::regex, whose recursion per character overflows the stack
// on a long line (a dump line of 100 kB and more).
PackageFacts parse_package_dump(std::string_view text, std::string_view package) {
  PackageFacts facts;
  std::string_view dump = text;
  facts.found = dump.find("Package [" + std::string(package) + "]") != std::string::npos;
  if (!facts.found) return facts;
  if (auto flags = flags_list(dump)) facts.debuggable = flags->find("DEBUGGABLE") != std::string_view::npos;
  if (auto version = value_after(dump, "versionName=", [](char c) { return !is_space(c); })) {
    facts.version_name = std::string(*version);
  }
  if (auto digits = value_after(dump, "targetSdk=", [](char c) { return c >= '0' && c <= '9'; })) {
    int sdk = 0;
    auto [end, error] = std::from_chars(digits->data(), digits->data() + digits->size(), sdk);
    if (error == std::errc() && end == digits->data() + digits->size()) facts.target_sdk = sdk;
  }
  constexpr std::string_view kNotifications = "android.permission.POST_NOTIFICATIONS: granted=";
  for (std::size_t at = dump.find(kNotifications); at != std::string_view::npos; at = dump.find(kNotifications, at + 1)) {
    std::string_view value = dump.substr(at + kNotifications.size());
    if (value.rfind("true", 0) == 0 || value.rfind("false", 0) == 0) {
      facts.post_notifications_granted = value.rfind("true", 0) == 0;
      break;
    }
  }
  facts.diagnostics_receiver = dump.find("androidx.work.impl.diagnostics.DiagnosticsReceiver") != std::string::npos;
  return facts;
}

std::string standby_bucket_name(std::string_view text) {
  static const std::map<std::string, std::string> kNames{{"5", "EXEMPTED"},  {"10", "ACTIVE"}, {"20", "WORKING_SET"},
                                                         {"30", "FREQUENT"}, {"40", "RARE"},   {"45", "RESTRICTED"},
                                                         {"50", "NEVER"}};
  std::string value;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) value += c;
  }
  auto it = kNames.find(value);
  return it != kNames.end() ? it->second : value;
}

std::string run_any_in_background_mode(std::string_view text) {
  constexpr std::string_view kKey = "RUN_ANY_IN_BACKGROUND:";
  for (std::size_t at = text.find(kKey); at != std::string_view::npos; at = text.find(kKey, at + 1)) {
    std::size_t start = at + kKey.size();
    while (start < text.size() && is_space(text[start])) ++start;
    std::size_t end = start;
    while (end < text.size() && is_word(text[end])) ++end;
    if (end > start) return std::string(text.substr(start, end - start));
  }
  return "";
}

}  // namespace fwm::android
