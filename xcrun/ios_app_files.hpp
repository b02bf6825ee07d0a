// Reading an iOS app's files from a simulator (host paths) or a device (devicectl copy): the plugin's suite, Info.plist.
#pragma once

#include <string>

#include "core/device_info.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// The workmanager plugin's UserDefaults suite as found in an app's data container.
struct PluginSuite {
  bool found = false;             // false: neither suite file exists (the plugin never ran in this app)
  std::string path_in_container;  // kPluginDefaultsPath or kLegacyPluginDefaultsPath; "" when not found
  std::string bytes;              // the plist file's bytes, as stored
};

// The host folder of a simulator app's container: `simctl get_app_container UDID BUNDLE KIND`
// (KIND "app" for the .app bundle, "data" for the data container). Throws Error(Failed) naming the
// bundle, the simulator and how to install the app when simctl does not know the app (simctl's own
// message included), and the runner's errors otherwise (Device for a simulator simctl cannot use).
std::string simulator_app_container(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                                    const std::string& kind, const Deadline& deadline);

// The plugin's suite from `target` (an iOS DeviceInfo): the current suite file, else the legacy one.
// Simulator: `simctl get_app_container UDID BUNDLE data`, then the host files. Device: `devicectl
// device copy from --device IDENTIFIER --domain-type appDataContainer --domain-identifier BUNDLE
// --source SUITE --destination <fresh file in a private TempDir>`. A missing file is found=false.
// Throws Error(Failed) naming the bundle, the target and how to install the app when it is not
// installed; Error(Usage) when `target` is not an iOS target; otherwise the runner's errors. Every
// error names the target's id as its device and the step.
PluginSuite read_plugin_suite(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                              const Deadline& deadline);

// The bytes of a simulator app's Info.plist: `<simctl get_app_container UDID BUNDLE app>/Info.plist`.
// Throws as simulator_app_container does, Error(Failed) when the bundle has no readable Info.plist,
// and Error(Unsupported) for a device (its installed bundle cannot be read from the host).
std::string read_info_plist(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                            const Deadline& deadline);

}  // namespace fwm::ios
