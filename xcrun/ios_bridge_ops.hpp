// register, cancel and run-now on iOS through the in-app bridge, each read back from the plugin's store and BGTaskScheduler.
#pragma once

#include <string>

#include "core/bridge_connection.hpp"
#include "core/bridge_report.hpp"
#include "core/register_plan.hpp"
#include "core/trigger_report.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// Registers the plan through the bridge, then reads the task back from the plugin's store and
// BGTaskScheduler's pending requests (printScheduledTasks). ok when the plugin recorded it and, for
// a periodic or processing task, BGTaskScheduler holds its request; the plugin records a task even
// when BGTaskScheduler refused it, so a missing request is exit 5 on a simulator (BGTaskScheduler
// does not run there) and exit 1 on a device, each message saying why and what to do.
RegisterReport register_ios(const XcrunRunner& runner, const DeviceInfo& target, const RegisterPlan& plan,
                            const BridgeOptions& options, const Deadline& deadline);

// Cancels through the bridge (cancelByUniqueName or cancelAll; tags do not exist on iOS) and reads
// back both the plugin's store and BGTaskScheduler: ok when no matching task is pending in either
// afterwards and, for a unique name, one was before. A one-off task (an in-process timer) is
// Error(Unsupported): nothing outside the app can stop it.
CancelReport cancel_ios(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                        const CancelSelector& selector, const BridgeOptions& options, const Deadline& deadline);

// Runs the task's Dart callback now as a one-off copy in the app, reported as "simulated":
// BGTaskScheduler itself did not launch it. The copy (`<uniqueName>.fwm-run-now.<ms>`, same taskName
// and inputData) is registered with registerOneOffTask and an initialDelay of 1 s, so that the plugin,
// which matches a one-off run's status updates to the most recently updated record with its taskName,
// writes them to the copy and leaves the original's record as it was. Follows the copy through
// getWorkInfo until it has started (outcome "simulated") or, with `wait`, ended: "succeeded" (which the
// plugin records for a callback returning true or false on the main engine), "scheduled" (false on
// the headless engine: the plugin's retrying), "failed" (it threw) or "cancelled"; "timeout" when the
// deadline comes first. A change to the original's record meanwhile is said in the message. The copy
// stays in the plugin's store (the plugin never deletes a record); listings hide it.
TriggerReport run_now_ios(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                          const std::string& unique_name, bool wait, const BridgeOptions& options,
                          const Deadline& deadline);

}  // namespace fwm::ios
