// Gathering what a device knows about an app's work: database, JobScheduler dump, diagnostics report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adb/adb_client.hpp"
#include "adb/diagnostics_report.hpp"
#include "adb/dumpsys_jobscheduler.hpp"
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
  std::vector<std::string> problems;
  std::int64_t read_at_ms = 0;  // host time when the sources were read
};

// Which sources to read.
struct WorkSourceChoice {
  bool diagnostics_when_no_database = true;  // ask WorkManager for its report if the database is out of reach
  bool always_diagnostics = false;
};

// Reads the database (debuggable apps; pull and dumpsys run concurrently) and the JobScheduler
// dump, and, where the database is out of reach, the diagnostics report. Device errors
// (offline, timeout) propagate; a source the app does not offer is recorded in `problems`.
WorkSources read_work_sources(AdbClient& client, const std::string& serial, const std::string& package,
                              const WorkSourceChoice& choice, const Deadline& deadline);

// Asks WorkManager for its diagnostics report (am broadcast) and reads it from logcat when it
// arrives; nullopt (and a problem) when none comes before the deadline (at most 8 s).
std::optional<DiagnosticsReport> request_diagnostics(AdbClient& client, const std::string& serial,
                                                     const std::string& package, const Deadline& deadline,
                                                     std::vector<std::string>& problems);

}  // namespace fwm::android
