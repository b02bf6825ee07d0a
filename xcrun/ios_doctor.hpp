// `fwm doctor` on iOS: is the app set up so that BGTaskScheduler can run its workmanager tasks?
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doctor_report.hpp"
#include "xcrun/plugin_defaults.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// The checks that need no device, in this order:
// "UIBackgroundModes": fail when a kind in use lacks its mode (periodic tasks need fetch, processing
//   tasks processing), warn when the list is empty, else pass;
// "BGTaskSchedulerPermittedIdentifiers": fail naming every periodic or processing task in use that
//   the list does not permit (an entry ending in ".*" permits that prefix), with the <string> lines to
//   add to ios/Runner/Info.plist, else pass;
// "callback handle": fail when the suite is absent or holds none (Workmanager().initialize never ran);
// "plugin generation": warn, only for a workmanager 0.7 or older suite;
// "simulator": warn, only on a simulator (BGTaskScheduler does not run there).
// `info_plist` is the app's Info.plist as read_property_list gives it (null when not read) and
// `defaults` the plugin's suite (null when absent); a check whose input is missing is "skip" with
// the reason. Tasks "in use" are those of plugin_tasks that are not cancelled.
std::vector<DoctorCheck> ios_doctor_checks(const nlohmann::json* info_plist, const PluginDefaults* defaults,
                                           bool simulator, const std::string& bundle);

// Checks `bundle` on `target`: "installed" first (simulator: simctl get_app_container; device:
// devicectl device info apps), nothing more when it is not installed; then "Info.plist" (simulator:
// pass, or fail when unreadable; device: skip, a device's installed bundle cannot be read, pointing
// at the built Runner.app/Info.plist), "plugin store" when the suite cannot be parsed, and the
// ios_doctor_checks. Throws the runner's errors (Device, Timeout, Interrupted, HostTool).
DoctorReport doctor_ios(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                        const Deadline& deadline);

}  // namespace fwm::ios
