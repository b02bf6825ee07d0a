// Cancelling a BGTaskScheduler request on a paired device through lldb, without the in-app bridge.
#pragma once

#include <string>
#include <vector>

#include "core/bridge_report.hpp"
#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "core/listed_task.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// Runs BGTaskScheduler's cancelTaskRequestWithIdentifier:@"unique_name" in the running app `bundle`
// on `device` (kind "device") through lldb (find_device_app, then lldb_commands with
// BgTaskAction::Cancel). The report: selector.unique_name, cancelled = the tasks of `tasks_before`
// with that unique name in a pending state, remaining empty, the bridge hello empty, ok (exit 0)
// because lldb attached, ran the expression and detached without an error. Its message says so
// and states what was not verified: fwm cannot read BGTaskScheduler's pending requests back without
// the bridge, and the call bypasses the plugin's bookkeeping (its UserDefaults still lists the task
// in its earlier state; the bridge's cancelByUniqueName keeps both in step). Throws Error(Failed) telling
// to open the app first when it is not running (nothing is sent), and what find_device_app,
// lldb_commands (ValidationError for an identifier lldb cannot take) and XcrunRunner::lldb throw.
CancelReport cancel_with_lldb(const XcrunRunner& runner, const DeviceInfo& device, const std::string& bundle,
                              const std::string& unique_name, const std::vector<ListedTask>& tasks_before,
                              const Deadline& deadline);

}  // namespace fwm::ios
