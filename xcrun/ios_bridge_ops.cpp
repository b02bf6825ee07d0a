// The bridge operations on iOS and their read-back.
#include "xcrun/ios_bridge_ops.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/duration.hpp"
#include "core/errors.hpp"
#include "xcrun/ios_tasks.hpp"
#include "xcrun/ios_vm_service.hpp"

namespace fwm::ios {
namespace {

constexpr Millis kPollInterval{500};
constexpr Millis kStoreSettle{3000};  // cfprefsd writes the suite lazily

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const ListedTask* find_task(const std::vector<ListedTask>& tasks, const std::string& name) {
  for (const auto& t : tasks) {
    if (t.unique_name == name) return &t;
  }
  return nullptr;
}

bool is_bg_task(const ListedTask& t) { return t.kind && *t.kind != TaskKind::OneOff; }

bool os_holds(const IosTasks& tasks, const std::string& name) {
  if (!tasks.os_pending) return false;
  const auto& pending = tasks.os_pending->tasks;
  return std::any_of(pending.begin(), pending.end(), [&](const PendingTaskText& p) { return p.identifier == name; });
}

void sleep_poll(const Deadline& deadline, const std::string& device) {
  std::this_thread::sleep_for(std::min(kPollInterval, deadline.remaining()));
  if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while reading the tasks back", device);
}

// Reads the tasks until `name` shows in the plugin's store (or kStoreSettle passes).
IosTasks read_back(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                   const std::string& name, BridgeConnection& bridge, const Deadline& deadline) {
  Deadline settle = Deadline::after(std::min(kStoreSettle, deadline.remaining()));
  for (;;) {
    IosTasks tasks = read_ios_tasks(runner, target, bundle, TaskFilter{}, &bridge, "", deadline);
    if (find_task(tasks.listing.tasks, name) != nullptr || settle.expired()) return tasks;
    sleep_poll(deadline, target.id);
  }
}

bool pending_match(const ListedTask& t, const CancelSelector& s) {
  return is_pending_state(t.state) && (s.all || t.unique_name == s.unique_name);
}

}  // namespace

RegisterReport register_ios(const XcrunRunner& runner, const DeviceInfo& target, const RegisterPlan& plan,
                            const BridgeOptions& options, const Deadline& deadline) {
  BridgeConnection bridge = connect_ios_bridge(runner, target, plan.app, options, deadline);
  const std::string& name = plan.effective.unique_name;
  bridge.call(register_method_name(plan.effective.kind), {{"task", bridge_task_json(plan).dump()}}, deadline);
  RegisterReport report{target, plan, bridge.hello(), std::nullopt, {}, "", ErrorKind::Failed, false};
  IosTasks tasks = read_back(runner, target, plan.app, name, bridge, deadline);
  const ListedTask* found = find_task(tasks.listing.tasks, name);
  if (found == nullptr) {
    report.message = "the bridge accepted the registration, but the plugin's store on " + target.id + " has no task '" +
                     name + "'";
    return report;
  }
  report.task = *found;
  report.mismatches = register_mismatches(plan.effective, *found);
  if (!report.mismatches.empty()) {
    report.message = "task '" + name + "' was read back with other values than asked";
    return report;
  }
  if (plan.effective.kind == TaskKind::OneOff) {
    report.ok = true;
    report.message = "registered one-off task '" + name + "': the plugin runs it in the app now (an in-process " +
                     "background task, not BGTaskScheduler), state " + found->state;
    return report;
  }
  if (os_holds(tasks, name)) {
    report.ok = true;
    report.message = "registered task '" + name + "'; BGTaskScheduler holds its request (read back with " +
                     "printScheduledTasks)";
    return report;
  }
  if (target.kind == "simulator") {
    report.code = ErrorKind::Unsupported;
    report.message = "the plugin recorded '" + name + "' as scheduled, but BGTaskScheduler holds no request for it: " +
                     "it does not run on the Simulator (submit fails with BGTaskSchedulerErrorCodeUnavailable, which " +
                     "the plugin only logs). Run its Dart code with fwm trigger --run-now, or register on a device";
    return report;
  }
  report.message = "the plugin recorded '" + name + "' as scheduled, but BGTaskScheduler holds no request for it: " +
                   "submit failed and the plugin only logged it. Most likely '" + name + "' is missing from " +
                   "BGTaskSchedulerPermittedIdentifiers in Info.plist, or Background App Refresh is off for the app; " +
                   "fwm logs -a " + plan.app + " shows the plugin's 'Could not schedule' line";
  return report;
}

CancelReport cancel_ios(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                        const CancelSelector& selector, const BridgeOptions& options, const Deadline& deadline) {
  if (!selector.tag.empty()) {
    throw Error(ErrorKind::Unsupported, "the plugin has no tags on iOS: cancel by --unique-name or --all", target.id,
                "cancel");
  }
  BridgeConnection bridge = connect_ios_bridge(runner, target, bundle, options, deadline);
  IosTasks before = read_ios_tasks(runner, target, bundle, TaskFilter{}, &bridge, "", deadline);
  if (!selector.all) {
    const ListedTask* t = find_task(before.listing.tasks, selector.unique_name);
    if (t != nullptr && !is_bg_task(*t) && t->state != "cancelled") {
      throw Error(ErrorKind::Unsupported,
                  "'" + selector.unique_name + "' is a one-off task: on iOS the plugin runs it as an in-process " +
                      "timer (beginBackgroundTask) that nothing outside the app can cancel",
                  target.id, "cancel");
    }
  }
  if (selector.all) {
    bridge.call("cancelAll", {}, deadline);
  } else {
    bridge.call("cancelByUniqueName", {{"uniqueName", selector.unique_name}}, deadline);
  }
  IosTasks after = read_ios_tasks(runner, target, bundle, TaskFilter{}, &bridge, "", deadline);
  CancelReport report{target, bundle, selector, bridge.hello(), {}, {}, "", false};
  std::vector<std::string> still_in_os;
  for (const auto& t : after.listing.tasks) {
    bool in_os = os_holds(after, t.unique_name);
    if ((selector.all || t.unique_name == selector.unique_name) && (is_pending_state(t.state) || in_os)) {
      report.remaining.push_back(t);
      if (in_os) still_in_os.push_back(t.unique_name);
    }
  }
  bool had_any = false;
  for (const auto& t : before.listing.tasks) {
    if (!pending_match(t, selector) && !os_holds(before, t.unique_name)) continue;
    if (!selector.all && t.unique_name != selector.unique_name) continue;
    had_any = true;
    if (find_task(report.remaining, t.unique_name) != nullptr) continue;
    const ListedTask* now = find_task(after.listing.tasks, t.unique_name);
    report.cancelled.push_back(now != nullptr ? *now : t);
  }
  std::string what = selector.all ? "of the app" : "'" + selector.unique_name + "'";
  if (!report.remaining.empty()) {
    report.message = std::to_string(report.remaining.size()) + " task(s) " + what + " are still pending after the " +
                     "cancel (in the plugin's store" + (still_in_os.empty() ? "" : " or in BGTaskScheduler") + ")";
  } else if (!had_any && !selector.all) {
    report.message = "no pending task " + what + " in " + bundle + " on " + target.id + ": nothing was cancelled; see " +
                     "fwm list -a " + bundle;
  } else {
    report.ok = true;
    report.message = "cancelled " + std::to_string(report.cancelled.size()) + " task(s) " + what + "; neither the " +
                     "plugin's store nor BGTaskScheduler holds them now";
  }
  return report;
}

TriggerReport run_now_ios(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                          const std::string& unique_name, bool wait, const BridgeOptions& options,
                          const Deadline& deadline) {
  BridgeConnection bridge = connect_ios_bridge(runner, target, bundle, options, deadline);
  IosTasks tasks = read_ios_tasks(runner, target, bundle, TaskFilter{}, &bridge, "", deadline);
  const ListedTask* found = find_task(tasks.listing.tasks, unique_name);
  if (found == nullptr || found->task_name.empty()) {
    throw Error(ErrorKind::Failed,
                "the plugin's store in " + bundle + " on " + target.id + " has no task '" + unique_name + "'" +
                    (found != nullptr ? " with a task name" : "") + " to run: see fwm list -a " + bundle,
                target.id, "find task");
  }
  ListedTask task = *found;
  std::string copy = run_now_unique_name(unique_name, now_ms());
  bridge.call("runNow",
              {{"uniqueName", unique_name},
               {"taskName", task.task_name},
               {"inputData", task.input_data.value_or(nlohmann::json::object()).dump()},
               {"runUniqueName", copy}},
              deadline);
  TriggerReport report{target, bundle, {}};
  std::string simulated = "a simulated run: the Dart callback of '" + unique_name + "' (" + task.task_name +
                          ") ran in the app as the one-off copy '" + copy + "'; BGTaskScheduler did not launch it" +
                          (target.kind == "simulator" ? " (it does not run on the Simulator)" : "");
  if (!wait) {
    report.results.push_back({task, std::nullopt, "simulated", simulated + "; add --wait to follow it to its result",
                              ErrorKind::Failed, true});
    return report;
  }
  for (;;) {
    nlohmann::json answer = bridge.call("getWorkInfo", {{"uniqueName", copy}}, deadline);
    const nlohmann::json& info = answer.contains("workInfo") ? answer["workInfo"] : nlohmann::json();
    std::string state = info.is_object() ? info.value("state", "") : "";
    if (state == "succeeded") {
      report.results.push_back({task, std::nullopt, "succeeded", simulated + ", and it succeeded", ErrorKind::Failed, true});
      return report;
    }
    if (state == "failed" || state == "cancelled") {
      report.results.push_back({task, std::nullopt, "failed",
                                simulated + ", and it " + state + " (the callback threw or returned false)",
                                ErrorKind::Failed, false});
      return report;
    }
    if (deadline.remaining() < kPollInterval) {
      report.results.push_back({task, std::nullopt, "timeout",
                                simulated + "; no result within " + format_duration(deadline.budget()),
                                ErrorKind::Timeout, false});
      return report;
    }
    sleep_poll(deadline, target.id);
  }
}

}  // namespace fwm::ios
