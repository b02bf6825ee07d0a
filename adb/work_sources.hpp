// Gathering what a device knows about an app's work: database, JobScheduler dump, diagnostics report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adb/adb_client.hpp"
#include "adb/diagnostics_report.hpp"
#include "adb/dumpsys_jobscheduler.hpp"
#include "adb/plugin_generation.hpp"
#include "adb/work_database_pull.hpp"
#include "adb/workmanager_db.hpp"

namespace fwm::android {

// Everything read for one app. Each source is optional; `problems` says why one is missing.
struct WorkSources {
  std::string package;
  bool installed = true;
  std::optional<bool> debuggable;
  std::optional<WorkDatabase> database;
  std::optional<std::vector<ScheduledJob>> jobs;
  std::optional<DiagnosticsReport> diagnostics;
  std::optional<CallbackHandles> callback_handles;  // read only when the database holds work of workmanager <= 0.7.0
  std::vector<std::string> problems;
  std::int64_t read_at_ms = 0;  // host time when the sources were read
};

// Which sources to read.
struct WorkSourceChoice {
  bool diagnostics_when_no_database = true;  // ask WorkManager for its report if the database is out of reach
  bool always_diagnostics = false;
};

// What asking WorkManager for its diagnostics report got back, uninterpreted.
struct DiagnosticsReplies {
  ShellResult request;             // `date +%m-%d %H:%M:%S.000 ; am broadcast -a ...REQUEST_DIAGNOSTICS -p PKG`
  std::optional<ShellResult> log;  // the last `logcat -d -v threadtime -T SINCE -s WM-DiagnosticsWrkr:I` read;
                                   // none when the broadcast was not delivered
  Millis budget{0};                // how long fwm waited for the report
};

// The outputs of the device commands read_work_sources runs, before they are interpreted.
struct WorkSourceReplies {
  DatabasePull pull;     // the database copy (its files' bytes), or why there is none
  ShellResult dumpsys;   // `dumpsys jobscheduler PKG`
  std::optional<DiagnosticsReplies> diagnostics;  // asked for only as `choice` says
  std::optional<ShellResult> plugin_prefs;  // `run-as PKG cat shared_prefs/flutter_workmanager_plugin.xml`, only
                                            // when the database copy holds the task-name key of workmanager <= 0.7.0
  std::int64_t read_at_ms = 0;                    // host time when the database and the dump were read
};

// Runs the device commands of read_work_sources: the database pull (debuggable apps) and the
// JobScheduler dump concurrently, then the plugin's preferences where the database holds work of
// workmanager <= 0.7.0 (the upgrade hazard needs the app's current callback key), then, as
// `choice` says, the diagnostics request. Device errors
// (offline, timeout) propagate.
WorkSourceReplies gather_work_sources(AdbClient& client, const std::string& serial, const std::string& package,
                                      const WorkSourceChoice& choice, const Deadline& deadline);

// What `replies` say about the app's work (the database read through SQLite from a private copy);
// a source the app does not offer is recorded in `problems`. Runs no device command.
WorkSources work_sources_from(const WorkSourceReplies& replies, const std::string& serial, const std::string& package);

// work_sources_from(gather_work_sources(...)).
WorkSources read_work_sources(AdbClient& client, const std::string& serial, const std::string& package,
                              const WorkSourceChoice& choice, const Deadline& deadline);

// Asks WorkManager for its diagnostics report (am broadcast) and reads logcat until the report is
// complete and stable or the deadline passes (at most 8 s).
DiagnosticsReplies gather_diagnostics(AdbClient& client, const std::string& serial, const std::string& package,
                                      const Deadline& deadline);

// The report in `replies`; nullopt (and a problem) when the broadcast was not delivered or no
// report arrived.
std::optional<DiagnosticsReport> diagnostics_from(const DiagnosticsReplies& replies, std::vector<std::string>& problems);

// diagnostics_from(gather_diagnostics(...), problems).
std::optional<DiagnosticsReport> request_diagnostics(AdbClient& client, const std::string& serial,
                                                     const std::string& package, const Deadline& deadline,
                                                     std::vector<std::string>& problems);

}  // namespace fwm::android
