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

// Runs the task's Dart callback now as a one-off copy in the app (ext.fwm.runNow; the plugin runs
// one-off tasks in-process), reported as "simulated": BGTaskScheduler itself did not launch it.
// With `wait`, follows the copy through getWorkInfo to its result.
TriggerReport run_now_ios(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                          const std::string& unique_name, bool wait, const BridgeOptions& options,
                          const Deadline& deadline);

}  // namespace fwm::ios
