// Reading a copy of WorkManager's Room database (androidx.work.workdb, schema versions 12 to 24+).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fwm::android {

// One WorkSpec row with its tags, unique names and JobScheduler id, as stored.
struct WorkSpecRow {
  std::string id;
  int state = 0;                        // 0 ENQUEUED, 1 RUNNING, 2 SUCCEEDED, 3 FAILED, 4 BLOCKED, 5 CANCELLED
  std::string worker_class;
  std::string input;                    // the raw Data blob
  std::int64_t initial_delay_ms = 0;
  std::int64_t interval_ms = 0;         // 0 for one-off work
  std::int64_t flex_ms = 0;
  int run_attempt_count = 0;
  int backoff_policy = 0;               // 0 EXPONENTIAL, 1 LINEAR
  std::int64_t backoff_delay_ms = 30000;
  std::int64_t last_enqueue_time_ms = -1;  // period_start_time before schema 15
  std::int64_t schedule_requested_at = -1; // -1: not yet handed to a scheduler
  bool expedited = false;
  int out_of_quota_policy = 0;
  int period_count = 0;
  int generation = 0;
  std::int64_t next_schedule_time_override = INT64_MAX;
  int network_type = 0;                 // 0 NOT_REQUIRED, 1 CONNECTED, 2 UNMETERED, 3 NOT_ROAMING, 4 METERED, 5 TEMPORARILY_UNMETERED
  bool requires_charging = false;
  bool requires_device_idle = false;
  bool requires_battery_not_low = false;
  bool requires_storage_not_low = false;
  std::vector<std::string> tags;
  std::vector<std::string> names;
  std::optional<std::int64_t> system_id;
};

// A database copy as read.
struct WorkDatabase {
  int user_version = 0;                 // Room's schema version (PRAGMA user_version)
  bool has_last_enqueue_time = true;    // false before schema 15 (period_start_time semantics)
  std::vector<WorkSpecRow> work;
};

// Reads the database at `path` (with its -wal beside it). The file must be a private copy: SQLite
// may replay the WAL into it. Throws std::runtime_error naming the file (as `shown_as` when given,
// e.g. the user's file of which `path` is a copy) when it is not a WorkManager database.
WorkDatabase read_work_database(const std::string& path, const std::string& shown_as = "");

}  // namespace fwm::android
