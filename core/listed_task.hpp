// A task as fwm lists it (from a device, a database copy, a dump or a log), and its contract JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/task.hpp"

namespace fwm {

// One task. Fields a source cannot know stay unset and are absent from JSON, never invented.
struct ListedTask {
  std::string platform;                          // "android", "ios"
  std::string unique_name;
  std::string task_name;
  std::vector<std::string> tags;                 // the caller's tags (WorkManager's worker-class tag hidden)
  std::optional<TaskKind> kind;
  std::string state;                             // enqueued, running, succeeded, failed, blocked, cancelled, scheduled
  std::optional<nlohmann::json> input_data;
  std::optional<Constraints> constraints;
  std::optional<std::vector<std::string>> unsatisfied_constraints;  // contract names, e.g. "networkType"
  std::optional<Millis> initial_delay;
  std::optional<Millis> frequency;
  std::optional<Millis> flex_interval;
  std::optional<BackoffPolicy> backoff_policy;
  std::optional<Millis> backoff_delay;
  std::optional<bool> expedited;
  std::optional<int> run_attempt_count;
  std::optional<std::int64_t> next_run_at_ms;    // Unix epoch milliseconds
  std::optional<std::int64_t> last_enqueued_at_ms;
  std::optional<std::int64_t> last_finished_at_ms;  // when the plugin last saw a run end (iOS lastFinishedAt)
  std::string work_id;
  std::optional<std::int64_t> job_id;
  std::string job_namespace;                     // JobScheduler namespace (Android 14+), "" for none
  std::string standby_bucket;                    // JobScheduler's bucket, e.g. "ACTIVE"
  std::optional<bool> ready;                     // JobScheduler would run it now
  bool plugin_task = true;                       // run by the workmanager plugin's worker
  std::string worker_class;
  std::string plugin_generation;                 // the plugin release that wrote it, e.g. "0.5.2-0.7.0"
  std::string upgrade_hazard;                    // why it fails in the app as updated since, and the fix; "" if none
  std::vector<std::string> sources;              // "database", "dumpsys", "diagnostics", ...
  std::vector<std::string> notes;                // what a source could not tell, in words
  std::vector<std::string> flags;                // machine-readable remarks, e.g. "appDelegateOnly" (docs/json.md)
};

// An instant as ISO 8601 UTC with seconds ("2026-11-25T10:15:00Z").
std::string iso8601_utc(std::int64_t epoch_ms);

// The contract's task object (cli-contract.md): camelCase keys, durations in seconds, instants
// in ISO 8601; unset fields absent.
nlohmann::json listed_task_json(const ListedTask& task);

}  // namespace fwm
