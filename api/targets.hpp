// Where operations act: the host tools in use and the devices of both platforms, listed and chosen together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::api {

// Makes later operations run this xcrun ("" = find it through DEVELOPER_DIR and PATH, the default).
// Set it before starting operations; the CLI's --xcrun and Python's fwm.use_xcrun() call it.
void use_xcrun(const std::string& path);

// The xcrun to run, or nullopt when none is configured or found (no iOS on this host).
std::optional<ios::XcrunRunner> find_xcrun_runner();

// The xcrun to run; throws Error(HostTool) saying iOS needs macOS with Xcode (or --xcrun) when none.
ios::XcrunRunner xcrun_runner();

// Every device of both platforms, and what could not be listed.
struct DeviceList {
  std::vector<DeviceInfo> devices;    // Android first (adb's order), then simulators, then iOS devices
  std::vector<std::string> problems;  // a platform or tool that was out of reach, in words
};

// The attached devices: Android through the adb server (with `describe`, each one's properties)
// and, where xcrun is found, iOS simulators and paired devices, listed concurrently. When xcrun is
// found, an Android side that cannot be reached (no adb server, no adb) becomes a problem instead
// of an error, and the other way round; with neither platform reachable the Android error is thrown.
DeviceList all_devices(const Deadline& deadline, bool describe);

// The device an operation on one device acts on (see choose_device): `requested` names it by
// Android serial, iOS UDID or CoreDevice identifier, or name/model; "" = ANDROID_SERIAL or the
// only device in a usable state.
DeviceInfo choose_target(const std::string& requested, const Deadline& deadline);

// True for an iOS simulator or device.
bool is_ios(const DeviceInfo& device);

}  // namespace fwm::api
