// Parsers of `simctl listapps UDID` (an old-style plist) and `simctl get_app_container UDID BUNDLE data`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fwm::ios {

// One app installed on a simulator; an empty string is a key the output did not carry.
struct InstalledApp {
  std::string bundle_id;         // CFBundleIdentifier, else the entry's key
  std::string name;              // CFBundleDisplayName, else CFBundleName, else CFBundleExecutable
  std::string application_type;  // "User", "System", ...
  std::string path;              // Path: the .app folder
  std::string data_container;    // DataContainer as a folder path (file:// URL decoded, no trailing '/')
  std::string version;           // CFBundleShortVersionString
  std::string bundle_version;    // CFBundleVersion
};

// The apps of a `simctl listapps` listing, ordered by bundle id. Throws std::invalid_argument when
// the text is not an old-style plist dictionary of dictionaries.
std::vector<InstalledApp> parse_simctl_listapps(std::string_view text);

// The folder a `simctl get_app_container` printed: its first non-blank line, trimmed (CR too).
// Throws std::invalid_argument when there is none or it is not an absolute path.
std::string parse_app_container(std::string_view text);

// The path of a file:// URL, percent-escapes decoded and a trailing '/' dropped; any other text is
// returned as it is.
std::string file_url_path(std::string_view url);

}  // namespace fwm::ios
