// Listed tasks to contract JSON.
#include "core/listed_task.hpp"

#include <ctime>

#include "core/task_names.hpp"
#include "core/task_request.hpp"

namespace fwm {

std::string iso8601_utc(std::int64_t epoch_ms) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000 - (epoch_ms % 1000 < 0 ? 1 : 0));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

nlohmann::json listed_task_json(const ListedTask& t) {
  nlohmann::json out = nlohmann::json::object();
  if (!t.unique_name.empty()) out["uniqueName"] = t.unique_name;
  if (!t.task_name.empty()) out["taskName"] = t.task_name;
  out["tags"] = t.tags;
  if (t.kind) out["kind"] = name_of(*t.kind);
  if (!t.state.empty()) out["state"] = t.state;
  if (t.input_data) out["inputData"] = *t.input_data;
  if (t.constraints) {
    const Constraints& c = *t.constraints;
    nlohmann::json constraints = nlohmann::json::object();
    if (c.network_type) constraints["networkType"] = name_of(*c.network_type);
    if (c.requires_charging) constraints["requiresCharging"] = *c.requires_charging;
    if (c.requires_battery_not_low) constraints["requiresBatteryNotLow"] = *c.requires_battery_not_low;
    if (c.requires_device_idle) constraints["requiresDeviceIdle"] = *c.requires_device_idle;
    if (c.requires_storage_not_low) constraints["requiresStorageNotLow"] = *c.requires_storage_not_low;
    out["constraints"] = constraints;
  }
  if (t.unsatisfied_constraints) out["unsatisfiedConstraints"] = *t.unsatisfied_constraints;
  if (t.initial_delay) out["initialDelay"] = seconds_json(*t.initial_delay);
  if (t.frequency) out["frequency"] = seconds_json(*t.frequency);
  if (t.flex_interval) out["flexInterval"] = seconds_json(*t.flex_interval);
  if (t.backoff_policy && t.backoff_delay) {
    out["backoff"] = {{"policy", name_of(*t.backoff_policy)}, {"delay", seconds_json(*t.backoff_delay)}};
  }
  if (t.expedited) out["expedited"] = *t.expedited;
  if (t.run_attempt_count) out["runAttemptCount"] = *t.run_attempt_count;
  if (t.next_run_at_ms) out["nextRunAt"] = iso8601_utc(*t.next_run_at_ms);
  if (t.last_enqueued_at_ms) out["lastEnqueuedAt"] = iso8601_utc(*t.last_enqueued_at_ms);
  if (t.last_finished_at_ms) out["lastFinishedAt"] = iso8601_utc(*t.last_finished_at_ms);
  if (!t.work_id.empty()) out["workId"] = t.work_id;
  if (t.job_id) out["jobId"] = *t.job_id;
  if (!t.job_namespace.empty()) out["jobNamespace"] = t.job_namespace;
  if (!t.standby_bucket.empty()) out["standbyBucket"] = t.standby_bucket;
  if (t.ready) out["ready"] = *t.ready;
  if (!t.plugin_task) out["workerClass"] = t.worker_class;
  if (!t.plugin_generation.empty()) out["pluginGeneration"] = t.plugin_generation;
  if (!t.upgrade_hazard.empty()) out["upgradeHazard"] = t.upgrade_hazard;
  if (!t.platform.empty()) out["platform"] = t.platform;
  out["sources"] = t.sources;
  if (!t.notes.empty()) out["notes"] = t.notes;
  if (!t.flags.empty()) out["flags"] = t.flags;
  return out;
}

}  // namespace fwm
