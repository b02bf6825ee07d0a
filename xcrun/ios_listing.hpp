// Listing an app's tasks on iOS from the plugin's UserDefaults suite and, when given, BGTaskScheduler's pending requests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/task_listing.hpp"
#include "xcrun/ios_app_files.hpp"
#include "xcrun/plugin_defaults.hpp"
#include "xcrun/scheduled_tasks_text.hpp"

namespace fwm::ios {

// The plugin's tasks and how they compare with BGTaskScheduler's pending requests.
struct IosPluginTasks {
  std::vector<ListedTask> tasks;           // ordered by unique name
  std::vector<std::string> missing_in_os;  // BGTask tasks the plugin records as scheduled that BGTaskScheduler does not hold
  std::vector<std::string> os_only;        // identifiers BGTaskScheduler holds that the plugin's store lacks
};

// One ListedTask per unique name in the union of `defaults`' workInfos and scheduledTasks, except
// fwm's run-now copies (is_run_now_copy), which stay in the store for good: platform "ios"; task_name
// from workInfos; kind Periodic when workInfos says isPeriodic or scheduledTasks kind is refresh,
// Processing for kind processing, unset (with a note naming the BGTask kind) for healthResearch and
// continuedProcessing; without a scheduledTasks entry OneOff when the record ran (running, succeeded,
// failed), else unset with a note that it is a one-off or a processing task whose submit failed (the
// store records both alike). state and last_finished_at_ms from workInfos; a scheduledTasks entry
// without a workInfos record (while the workInfos key exists) has no state, the flag "appDelegateOnly"
// and a note (the AppDelegate helpers write scheduledTasks without submitting); input_data from
// periodicTaskInputData.<name>; sources {"userDefaults"}, plus "printScheduledTasks" when `os_pending`
// holds the identifier. initial_delay stays unset: earliestBeginInSeconds is the delay the plugin gives
// every submit of the request (at registration and, for periodic tasks, again at each run), so it goes
// into a note, as do lastFinishedAt and BGTaskScheduler's earliestBeginDate. Notes: one-off tasks are
// in-process timers (beginBackgroundTask) that run only while the app lives and cannot be triggered or
// cancelled from outside. `os_pending` counts only when its `found` is true. With it, a BGTask task in
// state "scheduled" whose identifier BGTaskScheduler does not hold gets a note (submit failed,
// identifier missing from BGTaskSchedulerPermittedIdentifiers, or it already ran) and goes into
// missing_in_os; pending identifiers the store lacks go into os_only. Without it on a simulator, every
// BGTask task gets a note that it will not run on the Simulator.
IosPluginTasks plugin_tasks(const PluginDefaults& defaults, bool simulator,
                            const std::optional<ScheduledTasksText>& os_pending);

// A listing with how its tasks compare with BGTaskScheduler's pending requests.
struct IosTaskListing {
  TaskListing listing;
  std::vector<std::string> missing_in_os;  // listed BGTask tasks the plugin records as scheduled that BGTaskScheduler lacks
  std::vector<std::string> os_only;        // identifiers BGTaskScheduler holds that the store lacks (those the filter keeps)
};

// The listing of `bundle` on `target` from its plugin suite (and, when given, the pending requests
// printScheduledTasks reported), filtered by `filter`. Never throws on content: an absent suite, an
// unreadable plist, values the plugin store could not hold, a plugin 0.7 suite (which keeps no task
// records), a suite without workInfos (workmanager before 0.10.3, or nothing registered from Dart yet;
// without scheduledTasks either: before 0.9.1+1), BGTask tasks missing from BGTaskScheduler and identifiers only BGTaskScheduler holds
// (those of tasks the filter keeps) and an os_pending text without BGTaskScheduler lines each become
// a sentence in problems.
IosTaskListing ios_task_listing(const DeviceInfo& target, const std::string& bundle, const PluginSuite& suite,
                                const std::optional<ScheduledTasksText>& os_pending, const TaskFilter& filter);

}  // namespace fwm::ios
