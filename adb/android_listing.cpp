// The list and inspect operations on Android.
#include "adb/android_listing.hpp"

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

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

// The packages whose WorkManager jobs appear in a dump.
std::set<std::string> workmanager_packages(const std::string& dump) {
  static const std::regex kHeader(R"(JOB #?\S+/\d+: \S+ ([A-Za-z0-9_.]+)/androidx\.work\.impl\.background\.systemjob)");
  std::set<std::string> packages;
  for (auto it = std::sregex_iterator(dump.begin(), dump.end(), kHeader); it != std::sregex_iterator(); ++it) {
    packages.insert((*it)[1].str());
  }
  return packages;
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
    } else if (std::regex_search(content, std::regex(R"(JOB #?\S+/\d+: )")) ||
               content.find("Invalid package") != std::string::npos) {
      if (!jobs) jobs.emplace();
      std::set<std::string> packages = package.empty() ? workmanager_packages(content) : std::set<std::string>{package};
      for (const auto& p : packages) {
        auto found = parse_dumpsys_jobscheduler(content, p);
        jobs->insert(jobs->end(), found.begin(), found.end());
      }
    } else {
      throw ValidationError("file", "'" + path + "' is not a WorkManager database (androidx.work.workdb), a saved "
                                    "'dumpsys jobscheduler' or a logcat with a WorkManager diagnostics report");
    }
  }
  auto tasks = merge_work(database ? &*database : nullptr, jobs ? &*jobs : nullptr,
                          diagnostics ? &*diagnostics : nullptr, now_ms(), listing.problems);
  listing.tasks = filter_tasks(tasks, filter);
  return listing;
}

}  // namespace fwm::android
