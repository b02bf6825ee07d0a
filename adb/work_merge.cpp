// Merging the three Android sources into listed tasks.
#include "adb/work_merge.hpp"

#include <cctype>
#include <map>

#include "adb/plugin_work.hpp"

namespace fwm::android {
namespace {

const char* kDiagnosticsWorker = "androidx.work.impl.workers.DiagnosticsWorker";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

ListedTask task_from_diagnostics(const DiagnosticsRow& row) {
  ListedTask t;
  t.platform = "android";
  t.work_id = row.id;
  t.worker_class = row.worker_class;
  t.plugin_task = is_plugin_worker(row.worker_class);
  t.state = lower(row.state);
  if (!row.unique_names.empty()) t.unique_name = row.unique_names.front();
  t.tags = visible_tags(row.tags, row.worker_class);
  t.job_id = row.job_id;
  t.sources = {"diagnostics"};
  if (t.plugin_task) t.notes.push_back("taskName, inputData and the schedule need a debuggable build (the database)");
  return t;
}

ListedTask task_from_job(const ScheduledJob& job) {
  ListedTask t;
  t.platform = "android";
  t.job_id = job.job_id;
  t.work_id = job.work_spec_id;
  t.sources = {};
  t.notes.push_back("only JobScheduler's view: which task this is needs a debuggable build or WorkManager diagnostics");
  return t;
}

// Which of two jobs with one id is WorkManager's: a SystemJobService job before any other, and a
// namespaced one (WorkManager 2.10+ on API 34+ schedules only in its namespace) before one left in the
// default namespace by an older WorkManager.
int job_rank(const ScheduledJob& job) {
  bool workmanager = job.service.find("SystemJobService") != std::string::npos;
  return (workmanager ? 2 : 0) + (job.namespace_.empty() ? 0 : 1);
}

void join_job(ListedTask& t, const ScheduledJob& job) {
  std::vector<std::string> unsatisfied;
  for (const auto& name : job.unsatisfied) unsatisfied.push_back(constraint_name(name));
  t.unsatisfied_constraints = unsatisfied;
  t.standby_bucket = job.standby_bucket;
  t.job_namespace = job.namespace_;
  t.ready = job.ready;
  t.sources.push_back("dumpsys");
}

}  // namespace

std::string constraint_name(const std::string& name) {
  static const std::map<std::string, std::string> kNames{
      {"CONNECTIVITY", "networkType"},       {"UNMETERED", "networkType"},
      {"NOT_ROAMING", "networkType"},        {"METERED", "networkType"},
      {"CHARGING", "requiresCharging"},      {"BATTERY_NOT_LOW", "requiresBatteryNotLow"},
      {"IDLE", "requiresDeviceIdle"},        {"STORAGE_NOT_LOW", "requiresStorageNotLow"},
      {"TIMING_DELAY", "initialDelay"},      {"CONTENT_TRIGGER", "contentUriTriggers"},
  };
  auto it = kNames.find(name);
  if (it != kNames.end()) return it->second;
  std::string camel;
  bool upper_next = false;
  for (char c : name) {
    if (c == '_') {
      upper_next = true;
      continue;
    }
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    camel += upper_next ? static_cast<char>(std::toupper(static_cast<unsigned char>(l))) : l;
    upper_next = false;
  }
  return camel;
}

std::vector<ListedTask> merge_work(const WorkDatabase* database, const std::vector<ScheduledJob>* jobs,
                                   const DiagnosticsReport* diagnostics, std::int64_t now_ms,
                                   std::vector<std::string>& problems) {
  std::vector<ListedTask> tasks;
  if (database != nullptr) {
    for (const auto& row : database->work) {
      if (row.worker_class == kDiagnosticsWorker) continue;
      tasks.push_back(task_from_work_spec(row, database->has_last_enqueue_time, now_ms));
    }
  } else if (diagnostics != nullptr && diagnostics->found) {
    for (const auto& row : diagnostics->rows) {
      if (row.worker_class == kDiagnosticsWorker) continue;
      tasks.push_back(task_from_diagnostics(row));
    }
    for (const auto& note : diagnostics->notes) problems.push_back("diagnostics: " + note);
    if (diagnostics->truncated) {
      problems.push_back("the diagnostics report was cut short (logcat keeps about 4 KB per entry): some work may be "
                         "missing; a debuggable build lists everything from the database");
    }
  } else if (jobs != nullptr) {
    for (const auto& job : *jobs) {
      if (job.service.find("SystemJobService") == std::string::npos) continue;
      tasks.push_back(task_from_job(job));
      join_job(tasks.back(), job);  // its own job: ids repeat across apps and namespaces
    }
    return tasks;
  }
  if (jobs != nullptr) {
    std::map<std::int64_t, const ScheduledJob*> by_id;
    for (const auto& job : *jobs) {
      auto [it, added] = by_id.emplace(job.job_id, &job);
      if (!added && job_rank(job) > job_rank(*it->second)) it->second = &job;
    }
    for (auto& t : tasks) {
      if (!t.job_id) continue;
      auto it = by_id.find(*t.job_id);
      if (it != by_id.end()) join_job(t, *it->second);
    }
  }
  return tasks;
}

}  // namespace fwm::android
