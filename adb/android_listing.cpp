// The list and inspect operations on Android.
#include "adb/android_listing.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "adb/plugin_generation.hpp"
#include "adb/sqlite_files.hpp"
#include "adb/work_database_pull.hpp"
#include "adb/work_merge.hpp"
#include "core/errors.hpp"
#include "core/temp_dir.hpp"

namespace fwm::android {
namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError("file", "cannot read '" + path + "'");
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Whether a job without an app filter belongs in the listing: WorkManager's, whichever app holds it.
bool is_workmanager_job(const ScheduledJob& job) {
  return job.service == "androidx.work.impl.background.systemjob.SystemJobService";
}

// Work written by workmanager 0.7.0 or older, which a later update of the app may no longer run.
bool has_old_plugin_work(const std::vector<ListedTask>& tasks) {
  return std::any_of(tasks.begin(), tasks.end(), [](const ListedTask& t) {
    auto g = generation_from_label(t.plugin_generation);
    return g && *g <= PluginGeneration::From052To070;
  });
}

// `adb exec-out run-as PKG cat no_backup/androidx.work.workdb-wal > DESTINATION`, the app's package
// when known.
std::string copy_command(const std::string& package, const std::string& suffix, const std::string& destination) {
  return "adb exec-out run-as " + (package.empty() ? std::string("PKG") : package) + " cat " +
         std::string(kWorkDatabasePath) + suffix + " > " + destination;
}

// The WorkManager database copy `path` (bytes `content`) with the -wal and -shm beside it, checked
// for truncation and read from private copies; a WAL-mode database without its -wal gets a note.
WorkDatabase database_copy(const std::string& path, const std::string& content, const std::string& package,
                           const TempDir& scratch, const std::string& name, std::vector<std::string>& problems) {
  if (auto problem = database_size_problem(content)) {
    throw ValidationError("file", "'" + path + "' cannot be read completely: " + *problem + "; copy it again: " +
                                      copy_command(package, "", path));
  }
  std::string copy = scratch.write(name, content);
  std::ifstream wal_in(path + "-wal", std::ios::binary);
  if (wal_in) {
    std::string wal = read_file(path + "-wal");
    if (auto problem = wal_problem(wal)) {
      throw ValidationError("file", "'" + path + "-wal' cannot be read completely: " + *problem +
                                        "; copy the database and its -wal again, together: " +
                                        copy_command(package, "-wal", path + "-wal"));
    }
    scratch.write(name + "-wal", wal);
  } else if (is_wal_mode_database(content)) {
    problems.push_back("'" + path + "' is a WAL-mode database and no '" + path + "-wal' is beside it: changes " +
                       "WorkManager has not checkpointed yet live only in that file and are missing here; copy it " +
                       "too: " + copy_command(package, "-wal", path + "-wal"));
  }
  scratch.copy_in(path + "-shm", name + "-shm");
  try {
    return read_work_database(copy, path);
  } catch (const std::runtime_error& e) {
    throw ValidationError("file", e.what());
  }
}

}  // namespace

TaskListing android_listing_from(const DeviceInfo& device, const std::string& package, const TaskFilter& filter,
                                 const WorkSources& sources) {
  if (!sources.installed) {
    throw Error(ErrorKind::Failed, package + " is not installed on " + device.id + ": check the package name (adb shell pm list packages)",
                device.id, "list");
  }
  TaskListing listing;
  listing.device = device;
  listing.app = package;
  listing.problems = sources.problems;
  auto tasks = merge_work(sources.database ? &*sources.database : nullptr, sources.jobs ? &*sources.jobs : nullptr,
                          sources.diagnostics ? &*sources.diagnostics : nullptr, sources.read_at_ms, listing.problems);
  bool callback_key_is_new = sources.callback_handles && sources.callback_handles->current.has_value();
  mark_upgrade_hazards(tasks, has_old_plugin_work(tasks) && callback_key_is_new, package);
  listing.tasks = filter_tasks(tasks, filter);
  return listing;
}

TaskListing list_android_tasks(AdbClient& client, const DeviceInfo& device, const std::string& package,
                               const TaskFilter& filter, const Deadline& deadline) {
  return android_listing_from(device, package, filter, read_work_sources(client, device.id, package, {}, deadline));
}

TaskListing inspect_android_files(const std::vector<std::string>& paths, const std::string& package,
                                  const TaskFilter& filter) {
  TempDir scratch;
  std::optional<WorkDatabase> database;
  std::optional<std::vector<ScheduledJob>> jobs;
  std::optional<DiagnosticsReport> diagnostics;
  TaskListing listing;
  listing.app = package;
  int copies = 0;
  for (const auto& path : paths) {
    std::string content = read_file(path);
    if (content.rfind(std::string("SQLite format 3\0", 16), 0) == 0) {
      database = database_copy(path, content, package, scratch, "db" + std::to_string(copies++), listing.problems);
    } else if (content.find("WM-DiagnosticsWrkr") != std::string::npos) {
      diagnostics = parse_diagnostics_report(content);
      if (!diagnostics->found) listing.problems.push_back(path + ": holds no complete diagnostics report");
    } else if (auto found = parse_dumpsys_jobscheduler(content, "");
               !found.empty() || content.find("Invalid package") != std::string::npos) {
      if (!jobs) jobs.emplace();
      for (auto& job : found) {
        if (package.empty() ? is_workmanager_job(job) : job.package == package) jobs->push_back(std::move(job));
      }
    } else if (DiagnosticsReport rows = parse_diagnostics_report(content); rows.found) {
      diagnostics = std::move(rows);  // a copy that begins inside the report (Studio's unprefixed lines)
    } else {
      throw ValidationError("file", "'" + path + "' is not a WorkManager database (androidx.work.workdb), a saved "
                                    "'dumpsys jobscheduler' or a logcat with a WorkManager diagnostics report");
    }
  }
  auto tasks = merge_work(database ? &*database : nullptr, jobs ? &*jobs : nullptr,
                          diagnostics ? &*diagnostics : nullptr, now_ms(), listing.problems);
  mark_upgrade_hazards(tasks, false, package);
  listing.tasks = filter_tasks(tasks, filter);
  return listing;
}

}  // namespace fwm::android
