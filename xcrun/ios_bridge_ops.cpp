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

// The copy runs after this delay, so that the plugin has written the copy's own record when the run
// reports `started`: a one-off run reports its status without a uniqueName and the plugin updates the
// most recently updated record with that taskName (S/WorkInfoStore.swift@af5d75a:138-149); without a
// delay the run starts before the copy's record exists (S/WorkmanagerPlugin.swift@af5d75a:105-122,
// 547-553) and `started` would land on the original task, showing it as running.
constexpr std::int64_t kRunNowDelaySeconds = 1;

// registerOneOffTask's `task` for a run-now copy of `task` under `copy` (tag and policy as runNow gives
// them on Android; iOS ignores both).
nlohmann::json run_now_task(const std::string& copy, const ListedTask& task) {
  return {{"uniqueName", copy},
          {"taskName", task.task_name},
          {"inputData", task.input_data.value_or(nlohmann::json::object())},
          {"initialDelay", kRunNowDelaySeconds},
          {"tag", std::string(kRunNowTag)},
          {"existingWorkPolicy", "replace"}};
}

// getWorkInfo's workInfo for `name` (null when the plugin has no record).
nlohmann::json work_info(BridgeConnection& bridge, const std::string& name, const Deadline& deadline) {
  nlohmann::json answer = bridge.call("getWorkInfo", {{"uniqueName", name}}, deadline);
  return answer.contains("workInfo") ? answer["workInfo"] : nlohmann::json();
}

enum class CopyProgress { Waiting, Started, Ended };

std::string text_at(const nlohmann::json& info, const char* key) {
  return info.is_object() && info.contains(key) && info[key].is_string() ? info[key].get<std::string>() : "";
}

// Where the copy's run is, from its record: `scheduled` with a lastFinishedAt is a run that ended with
// the plugin's `retrying` (S/WorkInfoStore.swift@af5d75a:53-57).
CopyProgress progress_of(const nlohmann::json& info) {
  std::string state = text_at(info, "state");
  if (state == "succeeded" || state == "failed" || state == "cancelled") return CopyProgress::Ended;
  if (state == "scheduled" && !text_at(info, "lastFinishedAt").empty()) return CopyProgress::Ended;
  return state == "running" ? CopyProgress::Started : CopyProgress::Waiting;
}

// The outcome of a copy that started (without `wait`) or ended, as the plugin records it.
TaskOutcome copy_outcome(const ListedTask& task, const nlohmann::json& info, bool wait, const std::string& simulated) {
  std::string state = text_at(info, "state");
  if (!wait) {
    return {task, std::nullopt, "simulated", simulated + "; add --wait to follow it to its result", ErrorKind::Failed,
            true};
  }
  if (state == "succeeded") {
    return {task, std::nullopt, "succeeded",
            simulated + ", and the plugin recorded it as succeeded (on the main engine it records a callback that "
                        "returned false as succeeded too: it ignores the Bool)",
            ErrorKind::Failed, true};
  }
  if (state == "scheduled") {
    return {task, std::nullopt, "scheduled",
            simulated + ", and the callback returned false: the plugin (running it on a headless engine) records "
                        "that as retrying, i.e. scheduled with lastFinishedAt, and iOS does not run it again",
            ErrorKind::Failed, false};
  }
  std::string why = state == "failed" ? " (the callback threw)" : " (cancelled meanwhile)";
  return {task, std::nullopt, state, simulated + ", and the plugin recorded it as " + state + why, ErrorKind::Failed,
          false};
}

// A sentence when the original task's record changed during the run-now ("" when it did not).
std::string original_changed(const std::string& name, const nlohmann::json& before, const nlohmann::json& after) {
  if (before == after) return "";
  std::string was = before.is_object() ? text_at(before, "state") : "absent";
  std::string now = after.is_object() ? text_at(after, "state") : "absent";
  return ". Meanwhile the plugin's record of '" + name + "' changed (state " + was + ", now " + now +
         "): its own run, or a status of the copy that the plugin matched to it by taskName";
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
  // The store cannot tell a one-off from a processing task whose submit failed; fwm knows what it registered.
  if (!found->kind && plan.effective.kind != TaskKind::Periodic) report.task->kind = plan.effective.kind;
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
    if (t != nullptr && t->kind == TaskKind::OneOff && t->state != "cancelled") {
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
  nlohmann::json before = work_info(bridge, unique_name, deadline);
  bridge.call("registerOneOffTask", {{"task", run_now_task(copy, task).dump()}}, deadline);
  TriggerReport report{target, bundle, {}};
  std::string simulated = "a simulated run: the Dart callback of '" + unique_name + "' (" + task.task_name + ") " +
                          (wait ? "ran" : "started") + " in the app as the one-off copy '" + copy +
                          "'; BGTaskScheduler did not launch it" +
                          (target.kind == "simulator" ? " (it does not run on the Simulator)" : "");
  for (;;) {
    nlohmann::json info = work_info(bridge, copy, deadline);
    CopyProgress progress = progress_of(info);
    if (progress == CopyProgress::Ended || (progress == CopyProgress::Started && !wait)) {
      std::string changed = original_changed(unique_name, before, work_info(bridge, unique_name, deadline));
      report.results.push_back(copy_outcome(task, info, wait, simulated + changed));
      return report;
    }
    if (deadline.remaining() < kPollInterval) {
      std::string where = progress == CopyProgress::Waiting
                              ? "the copy did not start (the plugin runs it while the app stays open)"
                              : "no result";
      report.results.push_back({task, std::nullopt, "timeout",
                                simulated + "; " + where + " within " + format_duration(deadline.budget()),
                                ErrorKind::Timeout, false});
      return report;
    }
    sleep_poll(deadline, target.id);
  }
}

}  // namespace fwm::ios
