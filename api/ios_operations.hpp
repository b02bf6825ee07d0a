// The library API's operations on an iOS simulator or device: the iOS side of fwm_api and bridge_api.
#pragma once

#include <functional>
#include <string>

#include "core/bridge_connection.hpp"
#include "core/bridge_report.hpp"
#include "core/capture_bundle.hpp"
#include "core/doctor_report.hpp"
#include "core/log_record.hpp"
#include "core/task_listing.hpp"
#include "core/trigger_report.hpp"

namespace fwm::api {

// The app's tasks from the plugin's store, with BGTaskScheduler's pending requests where the
// bridge answers (found as `access` says; why it did not answer goes to listing.plugin).
TaskListing list_ios_tasks(const DeviceInfo& target, const std::string& bundle, const TaskFilter& filter,
                           const BridgeOptions& access, const Deadline& deadline);

// Records on an iOS target, through a runner that records every xcrun run with its outputs (and the
// JSON devicectl writes), what list (the device lists, the bridge's discovery, the plugin's suite,
// printScheduledTasks), doctor and logs (the last 10 minutes) read, plus a simulator app's
// Info.plist. Fills bundle.manifest's "device", "commands" and "listing" ({"suite": {"found",
// "pathInContainer", "file"}, "bridge": {"unavailable": why} or {"hello", "printScheduledTasks":
// {"file"}}}), the suite and Info.plist stored under ios/. With `redact`, the suite's stored
// inputData values are redacted (redact_plugin_suite). Throws as list does.
void capture_ios(const DeviceInfo& target, const std::string& bundle_id, bool redact, const Deadline& deadline,
                 CaptureBundle& bundle);

// The listing `fwm list` gave on the target when `bundle` was captured, assembled from its outputs
// by ios::ios_tasks_from as the live listing is.
TaskListing ios_listing_from_capture(const CaptureBundle& bundle, const TaskFilter& filter);

// Triggers the task with this unique name: on a device through lldb (BGTaskScheduler's
// _simulateLaunch/_simulateExpiration), on a simulator Error(Unsupported) pointing to --run-now.
// Tags do not exist on iOS and one-off tasks cannot be triggered from outside: Error(Unsupported).
TriggerReport trigger_ios(const DeviceInfo& target, const std::string& bundle, const std::string& unique_name,
                          const std::string& tag, bool expire, bool wait, const Deadline& deadline);

// Polls the plugin's store until the task's state is `until` (see wait_for_task).
TriggerReport wait_ios(const DeviceInfo& target, const std::string& bundle, const std::string& unique_name,
                       const std::string& until, const Deadline& deadline);

// Cancels through the bridge; on a device whose bridge is out of reach, a unique name is cancelled
// through lldb (cancelTaskRequestWithIdentifier, reported as bypassing the plugin's bookkeeping).
CancelReport cancel_ios_tasks(const DeviceInfo& target, const std::string& bundle, const CancelSelector& selector,
                              const BridgeOptions& access, const Deadline& deadline);

// Calls `on_record` for the app's task lifecycle lines of the unified log (the last 10 minutes, or
// followed on a simulator) until it returns false.
void ios_task_logs(const DeviceInfo& target, const std::string& bundle, bool follow,
                   const std::function<bool(const LogRecord&)>& on_record, const Deadline& deadline);

// The app's iOS set-up: Info.plist, the plugin's store, the Simulator's limits.
DoctorReport ios_doctor(const DeviceInfo& target, const std::string& bundle, const Deadline& deadline);

}  // namespace fwm::api
