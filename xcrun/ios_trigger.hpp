// Triggering a BGTaskScheduler task on a paired device through lldb, and reading the verdict from the app log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "core/listed_task.hpp"
#include "core/trigger_report.hpp"
#include "xcrun/lldb_script.hpp"
#include "xcrun/simulate_launch_log.hpp"
#include "xcrun/unified_log.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// What the app log says about one simulated launch or expiration.
struct TriggerVerdict {
  SimulatedLaunchOutcome outcome;  // Accepted, NotScheduled or Unknown, with the line and a sentence
  bool handler_started = false;    // the plugin's debug line "Task started: <identifier>" appeared
};

// Reads the app log records of the session (oldest first). SimulateLaunch: as
// parse_simulated_launch reads their messages. SimulateExpiration: Accepted on "Simulating
// expiration for task with identifier <identifier>" (launch lines do not count); a "No task
// request with identifier <identifier> has been scheduled" line still makes it NotScheduled. A
// redacted identifier ("<decode: ...>", "<private>") counts for any. For SimulateLaunch,
// `handler_started` is set by a message "Task started: <identifier>" (alone or followed by ','; the
// identifier may read "<private>"), which the plugin's LoggingDebugHandler logs when the launch
// handler runs (S/LoggingDebugHandler.swift@af5d75a:23). Cancel is std::invalid_argument.
TriggerVerdict decide_trigger(const std::vector<UnifiedLogRecord>& records, std::string_view identifier,
                              BgTaskAction action);

// Makes BGTaskScheduler launch (SimulateLaunch) or expire (SimulateExpiration) the task whose
// identifier is task.unique_name in the running app `bundle` on `device` (kind "device"): finds the
// app and its process (find_device_app), notes the host time, runs the lldb session
// (lldb_commands with the device's CoreDevice identifier and the pid), then reads the app's log
// since that moment (`processID == PID` predicate) every 500 ms and decides with decide_trigger:
//  - NotScheduled, at any time: outcome "not-scheduled", ErrorKind::Failed, the three causes;
//  - Accepted: keeps reading until the plugin's "Task started" line or 3 s later, then outcome
//    "accepted", ok (the deadline ending that wait early is said in the message);
//  - no verdict by the deadline: outcome "timeout", ErrorKind::Timeout.
// When the app is not running nothing is sent: outcome "refused", ErrorKind::Failed (exit 1),
// telling to open the app on the device first. Throws what find_device_app, lldb_commands (an
// identifier lldb cannot take) and XcrunRunner::lldb throw; read_app_log's errors with their kind
// and a message that starts with what lldb already did (a read cut short by the deadline gives the
// outcomes above instead); Error(Interrupted) on interrupt; std::invalid_argument for Cancel.
TaskOutcome trigger_on_device(const XcrunRunner& runner, const DeviceInfo& device, const std::string& bundle,
                              const ListedTask& task, BgTaskAction action, const Deadline& deadline);

}  // namespace fwm::ios
