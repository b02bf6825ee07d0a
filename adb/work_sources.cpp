// Reading an app's work from a device through the database, dumpsys and diagnostics.
#include "adb/work_sources.hpp"

#include <chrono>
#include <future>
#include <thread>

#include "adb/am_broadcast.hpp"
#include "core/errors.hpp"
#include "core/temp_dir.hpp"

namespace fwm::android {
namespace {

constexpr Millis kDiagnosticsBudget{8000};
constexpr Millis kPollInterval{250};
const char* kDiagnosticsAction = "androidx.work.diagnostics.REQUEST_DIAGNOSTICS";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Whether a copied database file holds the task-name key workmanager <= 0.7.0 wrote. Data blobs keep
// their keys as plain (modified) UTF-8 in both formats (androidx Data_.kt), so a byte search is enough to
// decide whether the preferences are worth reading; which tasks the key belongs to is decided later.
bool holds_legacy_task_key(const DatabasePull& pull) {
  for (const auto& [path, bytes] : pull.files) {
    if (bytes.find("be.tramckrijte.workmanager.DART_TASK") != std::string::npos) return true;
  }
  return false;
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// The am broadcast reply after the `date` line of the diagnostics request.
BroadcastReply broadcast_reply(const ShellResult& request) {
  return parse_am_broadcast(request.out.substr(std::min(request.out.size(), request.out.find('\n') + 1)));
}

// The database of `pull`, read from private copies of its files; nullopt with a problem otherwise.
std::optional<WorkDatabase> database_from(const DatabasePull& pull, WorkSources& sources, const std::string& serial) {
  switch (pull.status) {
    case DatabasePull::Status::Pulled: {
      sources.debuggable = true;
      TempDir scratch;
      std::string path;
      for (const auto& [file, bytes] : pull.files) {
        std::string local = scratch.write("androidx.work.workdb" + file.substr(std::string(kWorkDatabasePath).size()), bytes);
        if (file == kWorkDatabasePath) path = local;
      }
      try {
        return read_work_database(path, kWorkDatabasePath);
      } catch (const std::runtime_error& e) {
        sources.problems.push_back(std::string("the WorkManager database could not be read: ") + e.what());
      }
      return std::nullopt;
    }
    case DatabasePull::Status::NotDebuggable:
      sources.debuggable = false;
      sources.problems.push_back(sources.package + " is not debuggable, so its WorkManager database is out of reach: "
                                 "taskName, inputData and schedules come only from a debuggable build");
      return std::nullopt;
    case DatabasePull::Status::UnknownPackage:
      sources.installed = false;
      sources.problems.push_back(sources.package + " is not installed on " + serial);
      return std::nullopt;
    case DatabasePull::Status::NoDatabase:
      sources.debuggable = true;
      sources.problems.push_back(pull.message);
      return std::nullopt;
    case DatabasePull::Status::Failed:
      sources.problems.push_back("the WorkManager database could not be copied: " + pull.message);
      return std::nullopt;
  }
  return std::nullopt;
}

// The sources of `replies` before the diagnostics: the database and the dump.
WorkSources database_and_dump(const WorkSourceReplies& replies, const std::string& serial, const std::string& package) {
  WorkSources sources;
  sources.package = package;
  sources.read_at_ms = replies.read_at_ms;
  sources.database = database_from(replies.pull, sources, serial);
  if (!sources.installed) return sources;
  if (replies.dumpsys.out.find("Invalid package") != std::string::npos) {
    sources.problems.push_back("JobScheduler does not know " + package);
  } else {
    sources.jobs = parse_dumpsys_jobscheduler(replies.dumpsys.out, package);
  }
  return sources;
}

}  // namespace

DiagnosticsReplies gather_diagnostics(AdbClient& client, const std::string& serial, const std::string& package,
                                      const Deadline& deadline) {
  DiagnosticsReplies replies;
  replies.request = client.shell_script(
      serial, {{"date", "+%m-%d %H:%M:%S.000"}, {"am", "broadcast", "-a", kDiagnosticsAction, "-p", package}}, deadline);
  if (!broadcast_reply(replies.request).completed) return replies;
  std::string since = first_line(replies.request.out);
  Deadline budget = deadline.capped(kDiagnosticsBudget);
  replies.budget = budget.budget();
  std::string previous;
  for (;;) {
    replies.log = client.shell(serial, {"logcat", "-d", "-v", "threadtime", "-T", since, "-s", "WM-DiagnosticsWrkr:I"},
                               deadline);
    bool found = parse_diagnostics_report(replies.log->out).found;
    if ((found && replies.log->out == previous) || budget.remaining() < kPollInterval) return replies;
    previous = replies.log->out;
    std::this_thread::sleep_for(kPollInterval);
    if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while waiting for diagnostics", serial);
  }
}

std::optional<DiagnosticsReport> diagnostics_from(const DiagnosticsReplies& replies, std::vector<std::string>& problems) {
  if (!broadcast_reply(replies.request).completed || !replies.log) {
    problems.push_back("the diagnostics broadcast was not delivered: " +
                       first_line(replies.request.err.empty() ? replies.request.out : replies.request.err));
    return std::nullopt;
  }
  DiagnosticsReport report = parse_diagnostics_report(replies.log->out);
  if (report.found) return report;
  problems.push_back("no diagnostics report arrived within " + format_duration(replies.budget) +
                     ": it needs WorkManager 2.4 or newer in the app, and an app that is not force-stopped");
  return std::nullopt;
}

std::optional<DiagnosticsReport> request_diagnostics(AdbClient& client, const std::string& serial,
                                                     const std::string& package, const Deadline& deadline,
                                                     std::vector<std::string>& problems) {
  return diagnostics_from(gather_diagnostics(client, serial, package, deadline), problems);
}

WorkSourceReplies gather_work_sources(AdbClient& client, const std::string& serial, const std::string& package,
                                      const WorkSourceChoice& choice, const Deadline& deadline) {
  WorkSourceReplies replies;
  TempDir scratch;
  auto dump = std::async(std::launch::async, [&] {
    return client.shell(serial, {"dumpsys", "jobscheduler", package}, deadline);
  });
  try {
    replies.pull = pull_work_database(client, serial, package, scratch, deadline);
  } catch (...) {
    dump.wait();
    throw;
  }
  replies.dumpsys = dump.get();
  replies.read_at_ms = now_ms();
  if (replies.pull.status == DatabasePull::Status::UnknownPackage) return replies;
  if (holds_legacy_task_key(replies.pull)) {
    replies.plugin_prefs = client.shell(serial, {"run-as", package, "cat", std::string(kPluginPreferencesPath)}, deadline);
  }
  auto no_database = [&] {
    return replies.pull.status != DatabasePull::Status::Pulled || !database_and_dump(replies, serial, package).database;
  };
  if (choice.always_diagnostics || (choice.diagnostics_when_no_database && no_database())) {
    replies.diagnostics = gather_diagnostics(client, serial, package, deadline);
  }
  return replies;
}

WorkSources work_sources_from(const WorkSourceReplies& replies, const std::string& serial, const std::string& package) {
  WorkSources sources = database_and_dump(replies, serial, package);
  if (sources.installed && replies.diagnostics) sources.diagnostics = diagnostics_from(*replies.diagnostics, sources.problems);
  if (replies.plugin_prefs) sources.callback_handles = parse_callback_handles(replies.plugin_prefs->out);
  return sources;
}

WorkSources read_work_sources(AdbClient& client, const std::string& serial, const std::string& package,
                              const WorkSourceChoice& choice, const Deadline& deadline) {
  return work_sources_from(gather_work_sources(client, serial, package, choice, deadline), serial, package);
}

}  // namespace fwm::android
