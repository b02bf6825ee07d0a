// An app's tasks on an iOS target: the plugin's persisted store, checked against BGTaskScheduler through the bridge.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bridge_connection.hpp"
#include "core/task_listing.hpp"
#include "xcrun/ios_app_files.hpp"
#include "xcrun/scheduled_tasks_text.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// What fwm read about an app's tasks on one target.
struct IosTasks {
  TaskListing listing;                          // the filtered tasks; `plugin` holds the OS view (see read_ios_tasks)
  std::optional<ScheduledTasksText> os_pending; // printScheduledTasks through the bridge, when it answered
};

// What read_ios_tasks reads off the target and the bridge, before it is interpreted.
struct IosTaskReplies {
  PluginSuite suite;                            // the plugin's UserDefaults suite
  std::optional<nlohmann::json> hello;          // bridge_hello_json of the bridge, when one was given
  std::optional<nlohmann::json> pending;        // the bridge's printScheduledTasks answer, when one was given
};

// Reads the plugin's suite from the target and, when `bridge` is given, asks it for
// printScheduledTasks. Throws as read_plugin_suite and BridgeConnection::call do.
IosTaskReplies gather_ios_tasks(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                                BridgeConnection* bridge, const Deadline& deadline);

// The tasks `replies` hold, as read_ios_tasks describes them. Runs nothing; throws Error(Failed) when
// the printScheduledTasks answer is not the plugin's text.
IosTasks ios_tasks_from(const DeviceInfo& target, const std::string& bundle, const TaskFilter& filter,
                        const IosTaskReplies& replies, const std::string& bridge_problem);

// BGTaskScheduler's pending requests as the bridge's printScheduledTasks reports them. Throws as
// BridgeConnection::call does, and Error(Failed) when the text is not the plugin's.
ScheduledTasksText os_pending_requests(BridgeConnection& bridge, const std::string& device, const Deadline& deadline);

// The app's tasks: the plugin's UserDefaults suite read from the target and, when `bridge` is
// given, BGTaskScheduler's pending requests (printScheduledTasks). listing.plugin is
// {"bridge": hello, "pending": [{"identifier", "earliestBeginDate"}], "missingInOs": [listed unique
// names the plugin thinks scheduled that BGTaskScheduler lacks], "osOnly": [...]} when the bridge
// answered, else {"unavailable": why} when `bridge_problem` is set, else null.
IosTasks read_ios_tasks(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                        const TaskFilter& filter, BridgeConnection* bridge, const std::string& bridge_problem,
                        const Deadline& deadline);

// True when `bytes` look like a property list (binary `bplist00`, or XML with a <plist> element).
bool looks_like_property_list(std::string_view bytes);

// The tasks in copies of the plugin's UserDefaults suite saved off simulators or devices (`fwm
// inspect FILE.plist`), merged, filtered; `bundle` ("" = unknown) only labels the listing. Throws
// ValidationError on field "file" naming the file when it cannot be read, is not a complete
// property list, or holds none of the plugin's keys.
TaskListing inspect_plugin_suites(const std::vector<std::string>& paths, const std::string& bundle,
                                  const TaskFilter& filter);

}  // namespace fwm::ios
