// What register and cancel through the bridge did, verified by reading the tasks back, and its JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bridge_protocol.hpp"
#include "core/device_info.hpp"
#include "core/listed_task.hpp"
#include "core/register_plan.hpp"

namespace fwm {

// A registration sent through the bridge and the task read back afterwards.
struct RegisterReport {
  DeviceInfo device;
  RegisterPlan plan;
  BridgeHello bridge;
  std::optional<ListedTask> task;  // the pending task with that unique name, as read back
  std::vector<std::string> mismatches;  // effective values the task read back does not have
  std::string message;
  ErrorKind code = ErrorKind::Failed;
  bool ok = false;

  // 0 when ok, else the code's exit code.
  int exit_code() const;
};

// The fields of `task` that differ from the effective request, in words ("frequency: asked 1h,
// found 15m"); fields the listing could not know are not compared.
std::vector<std::string> register_mismatches(const TaskRequest& effective, const ListedTask& task);

// {"schema", "device", "app", "platform", "task": read back (absent when none), "effective",
// "requested", "warnings", "bridge", "verified", "mismatches", "message", "exitCode"}.
nlohmann::json register_report_json(const RegisterReport& report);

// Which tasks a cancel is about: exactly one of a unique name, a tag, or all.
struct CancelSelector {
  std::string unique_name;
  std::string tag;
  bool all = false;
};

// A cancel sent through the bridge, with the tasks it was meant to stop and those still pending.
struct CancelReport {
  DeviceInfo device;
  std::string app;
  CancelSelector selector;
  BridgeHello bridge;
  std::vector<ListedTask> cancelled;  // pending before, not pending after
  std::vector<ListedTask> remaining;  // matching and still pending after
  std::string message;
  bool ok = false;
  bool read_back = true;  // false when the tasks could not be read back afterwards (lldb's cancel on iOS)

  // 0 when ok, else 1.
  int exit_code() const;
};

// {"schema", "device", "app", "selector": {"uniqueName"|"tag"|"all"}, "bridge", "cancelled": [...],
// "remaining": [...], "verified" (ok and read back), "message", "exitCode"}.
nlohmann::json cancel_report_json(const CancelReport& report);

// True for the states of work that has not finished: enqueued, running, blocked, scheduled.
bool is_pending_state(const std::string& state);

}  // namespace fwm
