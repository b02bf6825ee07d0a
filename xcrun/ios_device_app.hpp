// An installed app on a paired iOS device and its running process, found through devicectl.
#pragma once

#include <optional>
#include <string>

#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// Where an app is installed on a device and whether it runs.
struct DeviceAppProcess {
  std::string app_url;            // the installed .app, a file:// URL
  std::string executable;         // the .app folder's name without ".app" (percent-decoded)
  std::optional<long long> pid;   // nullopt when the app is not running
};

// The executable name in an installed app's URL: the last path component, percent-decoded, without
// its ".app" ("file:///.../My%20App.app/" -> "My App"); "" when the URL has no such component.
std::string executable_of_app_url(const std::string& app_url);

// The device as messages name it: "NAME (ID)", or the id alone when the name is unknown.
std::string device_label(const DeviceInfo& device);

// `devicectl device info apps --device IDENTIFIER --bundle-id B`, then `devicectl device info
// processes --device IDENTIFIER`: the app and the process whose executable lies directly in its
// .app (extensions are not taken for it). Throws Error(Unsupported) for a simulator (BGTaskScheduler
// does not run there), Error(Failed) naming the bundle and the device when the app is not installed,
// and what XcrunRunner::devicectl throws.
DeviceAppProcess find_device_app(const XcrunRunner& runner, const DeviceInfo& device, const std::string& bundle,
                                 const Deadline& deadline);

}  // namespace fwm::ios
