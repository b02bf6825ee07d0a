// register, cancel, run-now and the plugin's view through the bridge on Android.
#include "adb/bridge_android.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "adb/android_listing.hpp"
#include "core/errors.hpp"
#include "core/task_request.hpp"

namespace fwm::android {
namespace {

constexpr Millis kPollInterval{500};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<ListedTask> read_tasks(AdbClient& client, const DeviceInfo& device, const std::string& package,
                                   const TaskFilter& filter, const Deadline& deadline) {
  return list_android_tasks(client, device, package, filter, deadline).tasks;
}

bool matches(const ListedTask& t, const CancelSelector& s) {
  if (s.all) return true;
  if (!s.unique_name.empty()) return t.unique_name == s.unique_name;
  return std::find(t.tags.begin(), t.tags.end(), s.tag) != t.tags.end();
}

std::vector<ListedTask> pending_matching(const std::vector<ListedTask>& tasks, const CancelSelector& s) {
  std::vector<ListedTask> out;
  for (const auto& t : tasks) {
    if (is_pending_state(t.state) && matches(t, s)) out.push_back(t);
  }
  return out;
}

std::string describe(const CancelSelector& s) {
  if (s.all) return "of the app";
  if (!s.unique_name.empty()) return "with unique name '" + s.unique_name + "'";
  return "with tag '" + s.tag + "'";
}

std::optional<ListedTask> find_by_unique_name(const std::vector<ListedTask>& tasks, const std::string& name) {
  std::optional<ListedTask> found;
  for (const auto& t : tasks) {
    if (t.unique_name == name && (!found || is_pending_state(t.state) || !is_pending_state(found->state))) found = t;
  }
  return found;
}

// Follows a run-now copy until WorkManager records its result.
TaskOutcome follow_copy(AdbClient& client, AndroidBridge& bridge, const DeviceInfo& device, const std::string& package,
                        const ListedTask& original, const std::string& copy, const Deadline& deadline) {
  const std::string label = "task '" + original.unique_name + "'";
  for (;;) {
    auto tasks = read_tasks(client, device, package, TaskFilter{copy, "", "", false}, deadline);
    if (auto t = find_by_unique_name(tasks, copy)) {
      if (t->state == "succeeded") {
        return {original, t, "succeeded", label + " ran now as '" + copy + "' and succeeded",
                ErrorKind::Failed, true};
      }
      if (t->state == "failed" || t->state == "cancelled") {
        return {original, t, "failed",
                label + " ran now as '" + copy + "' and " + t->state + " (the callback threw or returned an error)",
                ErrorKind::Failed, false};
      }
      if (t->state == "enqueued" && t->run_attempt_count.value_or(0) > 0) {
        bridge.call("cancelByUniqueName", {{"uniqueName", copy}}, deadline);
        return {original, t, "retry",
                label + " ran now as '" + copy + "' and asked to be retried (the callback returned false); the copy "
                        "was cancelled so that it does not run again",
                ErrorKind::Failed, false};
      }
    }
    if (deadline.remaining() < kPollInterval) {
      return {original, std::nullopt, "timeout",
              "no result for the run-now copy '" + copy + "' of " + label + " within " +
                  format_duration(deadline.budget()) + ": it may still be running or wait for its constraints; see "
                  "fwm list -a " + package + " --unique-name " + copy,
              ErrorKind::Timeout, false};
    }
    std::this_thread::sleep_for(kPollInterval);
    if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while waiting for the run", device.id);
  }
}

}  // namespace

AndroidBridge::AndroidBridge(AdbClient& client, const DeviceInfo& device, const std::string& package,
                             const BridgeOptions& options, const Deadline& deadline) {
  std::optional<VmServiceUri> uri = given_vm_service(options);
  if (!uri) {
    forward_ = std::make_unique<ForwardedVmService>(client, device.id,
                                                    find_android_vm_service(client, device.id, package, deadline),
                                                    deadline);
    uri = forward_->host_uri();
  }
  connection_.emplace(*uri, options.verbose, device.id, package, deadline);
}

RegisterReport register_android(AdbClient& client, const DeviceInfo& device, const RegisterPlan& plan,
                                const BridgeOptions& options, const Deadline& deadline) {
  AndroidBridge bridge(client, device, plan.app, options, deadline);
  const std::string& name = plan.effective.unique_name;
  bridge.call(register_method_name(plan.effective.kind), {{"task", bridge_task_json(plan).dump()}}, deadline);
  RegisterReport report{device, plan, bridge.hello(), std::nullopt, {}, "", ErrorKind::Failed, false};
  auto tasks = read_tasks(client, device, plan.app, TaskFilter{name, "", "", false}, deadline);
  report.task = find_by_unique_name(tasks, name);
  if (!report.task || !is_pending_state(report.task->state)) {
    report.message = "the bridge registered '" + name + "', but WorkManager holds no pending task with that unique "
                     "name afterwards (the plugin may have failed after returning); see fwm logs -a " + plan.app;
    return report;
  }
  report.mismatches = register_mismatches(plan.effective, *report.task);
  if (!report.mismatches.empty()) {
    std::string list;
    for (const auto& m : report.mismatches) list += (list.empty() ? "" : "; ") + m;
    bool kept = plan.effective.existing_work_policy == ExistingWorkPolicy::Keep;
    report.message = "task '" + name + "' is registered but does not carry the values asked for (" + list + ")" +
                     (kept ? ": policy keep left the task that was already registered under that name; pass "
                             "--policy replace to change it"
                           : "");
    return report;
  }
  report.ok = true;
  report.message = "task '" + name + "' is registered (" + report.task->state +
                   (report.task->next_run_at_ms ? ", next run " + iso8601_utc(*report.task->next_run_at_ms) : "") +
                   ")";
  return report;
}

CancelReport cancel_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                            const CancelSelector& selector, const BridgeOptions& options, const Deadline& deadline) {
  AndroidBridge bridge(client, device, package, options, deadline);
  TaskFilter every{"", "", "", selector.all};
  auto before = pending_matching(read_tasks(client, device, package, every, deadline), selector);
  if (selector.all) {
    bridge.call("cancelAll", {}, deadline);
  } else if (!selector.unique_name.empty()) {
    bridge.call("cancelByUniqueName", {{"uniqueName", selector.unique_name}}, deadline);
  } else {
    bridge.call("cancelByTag", {{"tag", selector.tag}}, deadline);
  }
  auto after = read_tasks(client, device, package, every, deadline);
  CancelReport report{device, package, selector, bridge.hello(), {}, pending_matching(after, selector), "", false};
  for (const auto& t : before) {
    bool still = std::any_of(report.remaining.begin(), report.remaining.end(),
                             [&](const ListedTask& r) { return r.work_id == t.work_id; });
    if (still) continue;
    ListedTask now = t;
    for (const auto& a : after) {
      if (a.work_id == t.work_id) now = a;
    }
    report.cancelled.push_back(now);
  }
  if (!report.remaining.empty()) {
    report.message = std::to_string(report.remaining.size()) + " task(s) " + describe(selector) +
                     " are still pending after the cancel";
  } else if (before.empty() && !selector.all) {
    report.message = "no pending task " + describe(selector) + " in " + package + " on " + device.id +
                     ": nothing was cancelled; see fwm list -a " + package;
  } else {
    report.ok = true;
    report.message = "cancelled " + std::to_string(report.cancelled.size()) + " task(s) " + describe(selector);
  }
  return report;
}

TriggerReport run_now_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                              const TaskSelector& selector, bool wait, const BridgeOptions& options,
                              const Deadline& deadline) {
  CancelSelector match{selector.unique_name, selector.tag, false};
  auto chosen = pending_matching(read_tasks(client, device, package, TaskFilter{}, deadline), match);
  if (chosen.empty()) {
    throw Error(ErrorKind::Failed, "no pending task " + describe(match) + " in " + package + " on " + device.id +
                                       ": see fwm list -a " + package,
                device.id, "find task");
  }
  AndroidBridge bridge(client, device, package, options, deadline);
  TriggerReport report{device, package, {}};
  for (const auto& t : chosen) {
    if (t.task_name.empty()) {
      report.results.push_back({t, std::nullopt, "refused",
                                "the task name of '" + t.unique_name + "' is unknown (its input data is out of reach), "
                                "so no copy of it can be made",
                                ErrorKind::Unsupported, false});
      continue;
    }
    std::string copy = run_now_unique_name(t.unique_name, now_ms());
    bridge.call("runNow",
                {{"uniqueName", t.unique_name},
                 {"taskName", t.task_name},
                 {"inputData", t.input_data.value_or(nlohmann::json::object()).dump()},
                 {"runUniqueName", copy}},
                deadline);
    if (!wait) {
      report.results.push_back({t, std::nullopt, "accepted",
                                "a one-off copy '" + copy + "' of task '" + t.unique_name +
                                    "' (same taskName and inputData) is enqueued and WorkManager runs it now; the "
                                    "task keeps its own schedule; add --wait to follow it to its result",
                                ErrorKind::Failed, true});
      continue;
    }
    TaskOutcome outcome = follow_copy(client, bridge, device, package, t, copy, deadline);
    auto now = find_by_unique_name(read_tasks(client, device, package, TaskFilter{t.unique_name, "", "", false}, deadline),
                                   t.unique_name);
    if (!now || now->work_id != t.work_id || now->next_run_at_ms != t.next_run_at_ms) {
      outcome.ok = false;
      outcome.message += "; but task '" + t.unique_name + "' itself changed meanwhile (its id or next run time)";
    } else if (outcome.ok) {
      outcome.message += "; the task's own id and next run time are unchanged";
    }
    report.results.push_back(outcome);
  }
  return report;
}

nlohmann::json plugin_view_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                                   const std::vector<ListedTask>& tasks, const BridgeOptions& options,
                                   const Deadline& deadline) {
  try {
    AndroidBridge bridge(client, device, package, options, deadline);
    nlohmann::json infos = nlohmann::json::array();
    nlohmann::json scheduled = nlohmann::json::object();
    for (const auto& t : tasks) {
      if (t.unique_name.empty() || scheduled.contains(t.unique_name)) continue;
      auto info = bridge.call("getWorkInfo", {{"uniqueName", t.unique_name}}, deadline);
      if (info.contains("workInfo") && !info["workInfo"].is_null()) infos.push_back(info["workInfo"]);
      scheduled[t.unique_name] =
          bridge.call("isScheduledByUniqueName", {{"uniqueName", t.unique_name}}, deadline).value("scheduled", false);
    }
    return {{"bridge", bridge_hello_json(bridge.hello())}, {"workInfo", infos}, {"isScheduled", scheduled}};
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::BridgeUnavailable) throw;
    return {{"unavailable", e.what()}};
  }
}

}  // namespace fwm::android
