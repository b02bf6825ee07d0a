// Reading the plugin's store from a simulator or device and joining BGTaskScheduler's pending requests.
#include "xcrun/ios_tasks.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "xcrun/ios_app_files.hpp"
#include "xcrun/ios_listing.hpp"
#include "xcrun/plugin_defaults.hpp"

namespace fwm::ios {

namespace {

ScheduledTasksText pending_from_answer(const nlohmann::json& answer, const std::string& device) {
  ScheduledTasksText text = parse_scheduled_tasks_text(answer.value("text", ""));
  if (!text.found) {
    throw Error(ErrorKind::Failed, "printScheduledTasks answered text that is not the plugin's: " + answer.dump(), device,
                "printScheduledTasks");
  }
  return text;
}

}  // namespace

ScheduledTasksText os_pending_requests(BridgeConnection& bridge, const std::string& device, const Deadline& deadline) {
  return pending_from_answer(bridge.call("printScheduledTasks", {}, deadline), device);
}

IosTaskReplies gather_ios_tasks(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                                BridgeConnection* bridge, const Deadline& deadline) {
  IosTaskReplies replies;
  if (bridge != nullptr) {
    replies.hello = bridge_hello_json(bridge->hello());
    replies.pending = bridge->call("printScheduledTasks", {}, deadline);
  }
  replies.suite = read_plugin_suite(runner, target, bundle, deadline);
  return replies;
}

IosTasks ios_tasks_from(const DeviceInfo& target, const std::string& bundle, const TaskFilter& filter,
                        const IosTaskReplies& replies, const std::string& bridge_problem) {
  IosTasks result;
  if (replies.pending) result.os_pending = pending_from_answer(*replies.pending, target.id);
  IosTaskListing read = ios_task_listing(target, bundle, replies.suite, result.os_pending, filter);
  result.listing = read.listing;
  if (result.os_pending) {
    nlohmann::json pending = nlohmann::json::array();
    for (const auto& p : result.os_pending->tasks) {
      pending.push_back({{"identifier", p.identifier}, {"earliestBeginDate", p.earliest_begin_date}});
    }
    result.listing.plugin = {{"bridge", replies.hello.value_or(nlohmann::json::object())},
                             {"pending", pending},
                             {"missingInOs", read.missing_in_os},
                             {"osOnly", read.os_only}};
  } else if (!bridge_problem.empty()) {
    result.listing.plugin = {{"unavailable", bridge_problem}};
  }
  return result;
}

IosTasks read_ios_tasks(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                        const TaskFilter& filter, BridgeConnection* bridge, const std::string& bridge_problem,
                        const Deadline& deadline) {
  return ios_tasks_from(target, bundle, filter, gather_ios_tasks(runner, target, bundle, bridge, deadline),
                        bridge_problem);
}

namespace {

// Throws ValidationError on field "file" naming `path` when `bytes` are not a readable property list
// holding the plugin's keys.
void check_plugin_suite_file(const std::string& path, const std::string& bytes) {
  PluginDefaults defaults;
  try {
    defaults = parse_plugin_defaults(bytes);
  } catch (const std::invalid_argument& e) {
    throw ValidationError("file", "'" + path + "' cannot be read completely as a property list (" + e.what() +
                                      "): copy the plugin's suite again, e.g. xcrun simctl get_app_container UDID "
                                      "BUNDLE data, then its " + kPluginDefaultsPath);
  }
  if (defaults.key_prefix.empty()) {
    throw ValidationError("file", "'" + path + "' is a property list without the workmanager plugin's keys "
                                  "(dev.fluttercommunity.workmanager.* or be.tramckrijte.workmanager.*): it is not the "
                                  "plugin's UserDefaults suite, which is " + kPluginDefaultsPath +
                                  " in the app's data container");
  }
}

}  // namespace

bool looks_like_property_list(std::string_view bytes) {
  return bytes.rfind("bplist00", 0) == 0 || bytes.substr(0, 512).find("<plist") != std::string_view::npos;
}

TaskListing inspect_plugin_suites(const std::vector<std::string>& paths, const std::string& bundle,
                                  const TaskFilter& filter) {
  TaskListing merged;
  merged.app = bundle;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw ValidationError("file", "cannot read '" + path + "'");
    PluginSuite suite{true, path, bytes.str()};
    check_plugin_suite_file(path, suite.bytes);
    TaskListing one = ios_task_listing(DeviceInfo{}, bundle, suite, std::nullopt, filter).listing;
    merged.tasks.insert(merged.tasks.end(), one.tasks.begin(), one.tasks.end());
    for (const auto& p : one.problems) merged.problems.push_back(path + ": " + p);
  }
  return merged;
}

}  // namespace fwm::ios
