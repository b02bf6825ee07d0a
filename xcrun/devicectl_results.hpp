// The `result` members of devicectl's list devices, device info apps|processes and device process launch.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fwm::ios {

// One device of `devicectl list devices`; an empty string is a key the result did not carry.
struct CoreDevice {
  std::string identifier;       // the CoreDevice UUID
  std::string name;             // deviceProperties.name
  std::string udid;             // hardwareProperties.udid
  std::string model;            // hardwareProperties.marketingName, e.g. "iPhone 12 mini"
  std::string product_type;     // "iPhone13,1"
  std::string platform;         // "iOS"
  std::string os_version;       // deviceProperties.osVersionNumber
  std::string os_build;         // deviceProperties.osBuildUpdate
  std::string reality;          // "physical"
  std::string transport_type;   // "wired" | "localNetwork"
  std::string pairing_state;    // "paired", ...
  std::string tunnel_state;     // "connected" | "disconnected" | ...
  std::string boot_state;       // "booted" when reported
  std::string developer_mode;   // deviceProperties.developerModeStatus
  std::optional<bool> ddi_services_available;  // false: the Developer Disk Image is not mounted
};

// One app of `devicectl device info apps`.
struct DeviceApp {
  std::string bundle_id;
  std::string name;
  std::string version;
  std::string bundle_version;
  std::string url;  // the installed .app, a file:// URL
  bool built_by_developer = false;
};

// One process of `devicectl device info processes` or `device process launch`.
struct DeviceProcess {
  long long pid = 0;
  std::string executable;  // a file:// URL; "" when devicectl left it out
};

// result.devices; every key is optional, devices without an identifier are skipped.
std::vector<CoreDevice> devicectl_devices(const nlohmann::json& result);

// result.apps; apps without a bundleIdentifier are skipped.
std::vector<DeviceApp> devicectl_apps(const nlohmann::json& result);

// result.runningProcesses; entries without a processIdentifier are skipped.
std::vector<DeviceProcess> devicectl_processes(const nlohmann::json& result);

// result.process of `device process launch`; nullopt when it has no processIdentifier.
std::optional<DeviceProcess> devicectl_launched_process(const nlohmann::json& result);

// The PID of the app whose installed URL is `app_url` (a file:// URL of the .app, with or without
// its trailing '/'): the first process whose executable lies directly in that folder, so app
// extensions (PlugIns/*.appex) are not taken for the app. nullopt when none runs.
std::optional<long long> app_process(const std::vector<DeviceProcess>& processes, const std::string& app_url);

}  // namespace fwm::ios
