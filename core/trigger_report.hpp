// The outcome of forcing tasks to run (or of waiting for one), per task, and its JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/device_info.hpp"
#include "core/errors.hpp"
#include "core/listed_task.hpp"

namespace fwm {

// What happened to one task.
struct TaskOutcome {
  ListedTask task;                  // the task as it was before (after, when `after` is unset)
  std::optional<ListedTask> after;  // the task as read back afterwards
  std::string outcome;              // accepted, started, succeeded, retry, failed, refused, not-found, reached, timeout;
                                    // iOS also simulated, not-scheduled, scheduled, cancelled (docs/json.md)
  std::string message;              // what happened, and for refusals what would make it possible
  ErrorKind code = ErrorKind::Failed;
  bool ok = false;                  // exit 0 for this task
};

// The outcomes of one command on one device.
struct TriggerReport {
  DeviceInfo device;
  std::string app;
  std::vector<TaskOutcome> results;

  // 0 when every result is ok, else the highest exit code among them.
  int exit_code() const;
};

// {"schema": "fwm/1", "device": {...}, "app", "results": [{"outcome", "message", "exitCode", "task": {...},
// "after": {...}}]}.
nlohmann::json trigger_report_json(const TriggerReport& report);

}  // namespace fwm
