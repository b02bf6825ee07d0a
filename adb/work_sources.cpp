// Reading an app's work from a device through the database, dumpsys and diagnostics.
#include "adb/work_sources.hpp"

#include <chrono>
#include <future>
#include <thread>

#include "adb/am_broadcast.hpp"
#include "core/errors.hpp"

namespace fwm::android {
namespace {

constexpr Millis kDiagnosticsBudget{8000};
constexpr Millis kPollInterval{250};
const char* kDiagnosticsAction = "androidx.work.diagnostics.REQUEST_DIAGNOSTICS";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace

std::optional<DiagnosticsReport> request_diagnostics(AdbClient& client, const std::string& serial,
                                                     const std::string& package, const Deadline& deadline,
                                                     std::vector<std::string>& problems) {
  ShellResult sent = client.shell_script(
      serial, {{"date", "+%m-%d %H:%M:%S.000"}, {"am", "broadcast", "-a", kDiagnosticsAction, "-p", package}}, deadline);
  std::string since = first_line(sent.out);
  BroadcastReply reply = parse_am_broadcast(sent.out.substr(std::min(sent.out.size(), sent.out.find('\n') + 1)));
  if (!reply.completed) {
    problems.push_back("the diagnostics broadcast was not delivered: " + first_line(sent.err.empty() ? sent.out : sent.err));
    return std::nullopt;
  }
  Deadline budget = deadline.capped(kDiagnosticsBudget);
  std::string previous;
  for (;;) {
    ShellResult log = client.shell(serial, {"logcat", "-d", "-v", "threadtime", "-T", since, "-s", "WM-DiagnosticsWrkr:I"},
                                   deadline);
    DiagnosticsReport report = parse_diagnostics_report(log.out);
    if (report.found && log.out == previous) return report;
    previous = log.out;
    if (budget.remaining() < kPollInterval) {
      if (report.found) return report;
      problems.push_back("no diagnostics report arrived within " + format_duration(budget.budget()) +
                         ": it needs WorkManager 2.4 or newer in the app, and an app that is not force-stopped");
      return std::nullopt;
    }
    std::this_thread::sleep_for(kPollInterval);
    if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while waiting for diagnostics", serial);
  }
}

WorkSources read_work_sources(AdbClient& client, const std::string& serial, const std::string& package,
                              const WorkSourceChoice& choice, const Deadline& deadline) {
  WorkSources sources;
  sources.package = package;
  TempDir scratch;
  auto dump = std::async(std::launch::async, [&] {
    return client.shell(serial, {"dumpsys", "jobscheduler", package}, deadline);
  });
  DatabasePull pull;
  try {
    pull = pull_work_database(client, serial, package, scratch, deadline);
  } catch (...) {
    dump.wait();
    throw;
  }
  ShellResult dumped = dump.get();
  sources.read_at_ms = now_ms();
  switch (pull.status) {
    case DatabasePull::Status::Pulled:
      sources.debuggable = true;
      try {
        sources.database = read_work_database(pull.path);
      } catch (const std::runtime_error& e) {
        sources.problems.push_back(std::string("the WorkManager database could not be read: ") + e.what());
      }
      break;
    case DatabasePull::Status::NotDebuggable:
      sources.debuggable = false;
      sources.problems.push_back(package + " is not debuggable, so its WorkManager database is out of reach: "
                                 "taskName, inputData and schedules come only from a debuggable build");
      break;
    case DatabasePull::Status::UnknownPackage:
      sources.installed = false;
      sources.problems.push_back(package + " is not installed on " + serial);
      return sources;
    case DatabasePull::Status::NoDatabase:
      sources.debuggable = true;
      sources.problems.push_back(pull.message);
      break;
    case DatabasePull::Status::Failed:
      sources.problems.push_back("the WorkManager database could not be copied: " + pull.message);
      break;
  }
  if (dumped.out.find("Invalid package") != std::string::npos) {
    sources.problems.push_back("JobScheduler does not know " + package);
  } else {
    sources.jobs = parse_dumpsys_jobscheduler(dumped.out, package);
  }
  if (choice.always_diagnostics || (choice.diagnostics_when_no_database && !sources.database)) {
    sources.diagnostics = request_diagnostics(client, serial, package, deadline, sources.problems);
  }
  return sources;
}

}  // namespace fwm::android
