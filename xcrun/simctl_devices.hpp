// Parser of `xcrun simctl list devices -j`: the simulators and the runtime each belongs to.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fwm::ios {

// One simulator; an empty string is a key the output did not carry.
struct Simulator {
  std::string udid;
  std::string name;
  std::string state;                   // Booted, Shutdown, Booting, "Shutting Down", Creating
  std::string runtime_id;              // "com.apple.CoreSimulator.SimRuntime.iOS-17-4" (Xcode <= 10: "iOS 12.1")
  std::string os_name;                 // "iOS", "watchOS", ... from the runtime id
  std::string os_version;              // "17.4"
  bool is_available = false;
  std::string availability_error;      // why it is unavailable, e.g. "runtime profile not found"
  std::string device_type_identifier;  // "com.apple.CoreSimulator.SimDeviceType.iPhone-15-Pro"
  std::string data_path;
  std::string log_path;
  std::string last_booted_at;          // ISO-8601, only once booted
};

// Every simulator under "devices", runtimes and devices in document order; empty runtimes give
// nothing. Keys may come in any order and every key but "udid" may be missing. Availability is
// "isAvailable" (a boolean, or "YES"/"NO" in old Xcode), else the legacy "availability" string
// ("(available)", " (unavailable, <reason>)"). Throws std::invalid_argument when the text is not
// JSON, has no "devices" object, or a device lacks its udid.
std::vector<Simulator> parse_simctl_devices(std::string_view json_text);

// The OS name and version of a runtime id: "com.apple.CoreSimulator.SimRuntime.iOS-17-4" ->
// {"iOS", "17.4"}, legacy "iOS 12.1" -> {"iOS", "12.1"}; {"", ""} when it is neither.
std::pair<std::string, std::string> runtime_os(std::string_view runtime_id);

}  // namespace fwm::ios
