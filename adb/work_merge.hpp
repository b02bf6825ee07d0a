// One task list from the database, JobScheduler's dump and WorkManager's diagnostics report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adb/diagnostics_report.hpp"
#include "adb/dumpsys_jobscheduler.hpp"
#include "adb/workmanager_db.hpp"
#include "core/listed_task.hpp"

namespace fwm::android {

// The contract's name for a JobScheduler constraint ("CONNECTIVITY" -> "networkType",
// "BATTERY_NOT_LOW" -> "requiresBatteryNotLow", ...; others camelCased: "WITHIN_QUOTA" -> "withinQuota").
std::string constraint_name(const std::string& jobscheduler_name);

// Merges what was read: the database is the full list (with taskName and inputData); without it the
// diagnostics report lists the work (ids, states, names, tags, job ids); without both, the
// WorkManager jobs in the dump. JobScheduler's view (unsatisfied constraints, standby bucket,
// ready) is joined by job id. Each task lists its sources; WorkManager's own DiagnosticsWorker is
// left out. `problems` receives report-level notes (e.g. a truncated report).
std::vector<ListedTask> merge_work(const WorkDatabase* database, const std::vector<ScheduledJob>* jobs,
                                   const DiagnosticsReport* diagnostics, std::int64_t now_ms,
                                   std::vector<std::string>& problems);

}  // namespace fwm::android
