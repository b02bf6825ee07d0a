// Parser of the WorkManager diagnostics report (tag WM-DiagnosticsWrkr) in logcat output.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwm::android {

// One WorkSpec row of the report.
struct DiagnosticsRow {
  std::string section;  // "completed" | "running" | "enqueued"
  std::string id;
  std::string worker_class;
  std::optional<long long> job_id;  // the JobScheduler job id (alarm id below API 23); nullopt for "null"
  std::string state;                // ENQUEUED RUNNING SUCCEEDED FAILED BLOCKED CANCELLED
  std::vector<std::string> unique_names, tags;
};

// One report: its rows, and whether (and where) it was cut short.
struct DiagnosticsReport {
  bool found = false;      // the text holds a report
  bool truncated = false;  // part of the report is missing; `notes` says what
  std::vector<DiagnosticsRow> rows;  // in report order
  std::vector<std::string> notes;
};

// The last report in `logcat_text`. Lines may be in any layout log_messages() reads (logcat's
// threadtime, time, brief and tag, Android Studio's copies with their unprefixed continuation lines) or bare
// messages; lines of other tags, logcat banners, blank messages, CRs and extra spaces around the
// TAB-separated fields are ignored (the trailing TAB may be missing). A report is the run of section
// groups ("Recently completed work:", "Running work:", "Enqueued work:") logged together; a section
// header that does not follow the previous one in that order starts a new report. `truncated` is
// set, with a note, where the ~4 KB liblog limit shows: a row with fewer than six fields (its
// complete fields are kept), a line without TABs below a column header (a row cut inside its Id,
// skipped), a section header without rows (empty sections are never logged), rows (a WorkSpec id first)
// before any header.
DiagnosticsReport parse_diagnostics_report(std::string_view logcat_text);

}  // namespace fwm::android
