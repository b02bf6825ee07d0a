// Parser of `dumpsys jobscheduler [PKG]`: the registered jobs of one package.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwm::android {

// One registered job as its `JOB ...` block shows it; a line the block lacks leaves its field empty.
struct ScheduledJob {
  std::string package;
  std::string uid;         // the calling uid as UserHandle.formatUid prints it: "u0a231", "u10a231", "1000"
  int job_id = 0;
  std::string namespace_;  // the JobScheduler namespace (API 34+); "" when none
  std::string trace_tag;   // JobInfo's trace tag (API 35+; WorkManager 2.10+ sets the worker's simple class
                           // name), from the job's name or its `Trace tag:` line; "" when neither shows it
  std::string service;     // the JobService class, a leading "." expanded with the package
  std::vector<std::string> required, satisfied, unsatisfied;  // constraint names, "[0x...]" mask dropped
  std::string standby_bucket;                                 // ACTIVE, WORKING_SET, FREQUENT, RARE, ...
  std::optional<long long> earliest_run_ms, latest_run_ms;    // relative to the dump; nullopt for "none"
  std::optional<long long> enqueue_ms;                        // relative to the dump (negative: past)
  std::optional<bool> ready;
  std::optional<bool> requires_charging, requires_battery_not_low, requires_device_idle;
  std::string network_type_text;  // opaque: a NetworkRequest's text (9+) or a number (8)
  std::optional<int> backoff_policy;  // JobInfo: 0 linear, 1 exponential
  std::optional<long long> backoff_initial_ms;
  std::optional<int> num_failures;
  std::string work_spec_id;  // only when the Extras line shows EXTRA_WORK_SPEC_ID=...
};

// The jobs whose header names `package` (every job when `package` is empty), in dump order. Headers
// read: `JOB #u0a231/5: <hash> PKG/SERVICE`, `JOB NAMESPACE:u0a231/5: <hash> ...` (API 34+), and the
// job names `@NAMESPACE@PKG/SERVICE` (API 34-36) and `#TRACE_TAG#@NAMESPACE@PKG/SERVICE` (API 37); the
// package is the component's, never the namespace. Other apps' headers and bodies are skipped; a body
// ends at its `Ready:` line, a blank line or the next header, so the Pending/Active/Recent sections
// are not mistaken for jobs. Indentation, CRLF and line order within a body do not matter; text cut
// short yields what was there. `Invalid package: PKG`, `None.` or empty text give no jobs. Linear in
// the length of `text`, however long its lines.
std::vector<ScheduledJob> parse_dumpsys_jobscheduler(std::string_view text, std::string_view package);

// Milliseconds of TimeUtils.formatDuration text: "+1d2h3m4s5ms", "-1h4m36s59ms", "+30s0ms", "0"
// (a missing sign reads as +); nullopt for anything else, including "none" and "--".
std::optional<long long> parse_android_duration(std::string_view text);

}  // namespace fwm::android
