// The listapps and get_app_container parsers.
#include "xcrun/simctl_apps.hpp"

#include <initializer_list>
#include <stdexcept>

#include "xcrun/openstep_plist.hpp"

namespace fwm::ios {
namespace {

std::string string_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string first_of(const nlohmann::json& object, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    std::string value = string_at(object, key);
    if (!value.empty()) return value;
  }
  return {};
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string file_url_path(std::string_view url) {
  const std::string_view scheme = "file://";
  if (url.substr(0, scheme.size()) != scheme) return std::string(url);
  std::string_view rest = url.substr(scheme.size());
  if (rest.substr(0, 9) == "localhost") rest.remove_prefix(9);
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_digit(rest[i + 1]) >= 0 && hex_digit(rest[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(rest[i + 1]) * 16 + hex_digit(rest[i + 2]));
      i += 2;
    } else {
      out += rest[i];
    }
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::vector<InstalledApp> parse_simctl_listapps(std::string_view text) {
  nlohmann::json apps = parse_openstep_plist(text);
  if (!apps.is_object()) throw std::invalid_argument("simctl listapps: the output is not a dictionary");
  std::vector<InstalledApp> out;
  for (const auto& [key, entry] : apps.items()) {
    if (!entry.is_object()) throw std::invalid_argument("simctl listapps: the entry of " + key + " is not a dictionary");
    InstalledApp app;
    app.bundle_id = first_of(entry, {"CFBundleIdentifier"});
    if (app.bundle_id.empty()) app.bundle_id = key;
    app.name = first_of(entry, {"CFBundleDisplayName", "CFBundleName", "CFBundleExecutable"});
    app.application_type = string_at(entry, "ApplicationType");
    app.path = string_at(entry, "Path");
    app.data_container = file_url_path(string_at(entry, "DataContainer"));
    app.version = string_at(entry, "CFBundleShortVersionString");
    app.bundle_version = string_at(entry, "CFBundleVersion");
    out.push_back(std::move(app));
  }
  return out;
}

std::string parse_app_container(std::string_view text) {
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) continue;
    line = line.substr(begin, line.find_last_not_of(" \t\r") - begin + 1);
    if (line.front() != '/') throw std::invalid_argument("simctl get_app_container: not a path: " + std::string(line));
    return std::string(line);
  }
  throw std::invalid_argument("simctl get_app_container: the output holds no path");
}

}  // namespace fwm::ios
