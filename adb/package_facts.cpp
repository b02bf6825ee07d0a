// Reading dumpsys package, SharedPreferences XML, standby buckets and appops.
#include "adb/package_facts.hpp"

#include <cctype>
#include <map>
#include <regex>
#include <string>

namespace fwm::android {

PackageFacts parse_package_dump(std::string_view text, std::string_view package) {
  PackageFacts facts;
  std::string dump(text);
  facts.found = dump.find("Package [" + std::string(package) + "]") != std::string::npos;
  if (!facts.found) return facts;
  std::smatch m;
  static const std::regex kFlags(R"(\bflags=\[([^\]]*)\])");
  if (std::regex_search(dump, m, kFlags)) facts.debuggable = m[1].str().find("DEBUGGABLE") != std::string::npos;
  static const std::regex kVersion(R"(versionName=(\S+))");
  if (std::regex_search(dump, m, kVersion)) facts.version_name = m[1].str();
  static const std::regex kTarget(R"(targetSdk=(\d+))");
  if (std::regex_search(dump, m, kTarget)) facts.target_sdk = std::stoi(m[1].str());
  static const std::regex kNotifications(R"(android\.permission\.POST_NOTIFICATIONS: granted=(true|false))");
  if (std::regex_search(dump, m, kNotifications)) facts.post_notifications_granted = m[1].str() == "true";
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
  static const std::regex kMode(R"(RUN_ANY_IN_BACKGROUND:\s*(\w+))");
  std::string s(text);
  std::smatch m;
  return std::regex_search(s, m, kMode) ? m[1].str() : "";
}

}  // namespace fwm::android
