// Parsers of what `cmd jobscheduler help` and `cmd jobscheduler run` print.
#pragma once

#include <string>
#include <string_view>

namespace fwm::android {

// What the device's `run` subcommand accepts, read from its usage line.
struct JobSchedulerHelp {
  bool has_run = false;
  bool supports_force = false;      // -f | --force
  bool supports_namespace = false;  // -n | --namespace (API 34+)
  bool supports_satisfied = false;  // -s | --satisfied
};

// Reads the `run [...] PACKAGE JOB_ID` usage line of the help text (any indentation, CRLF); all
// false when there is none (e.g. `cmd: not found`, `Can't find service: jobscheduler`).
JobSchedulerHelp parse_jobscheduler_help(std::string_view text);

// How `cmd jobscheduler run` answered: started (forced or not), or why not; Other for anything else
// (e.g. `Cannot specify both --force and --satisfied`, a NumberFormatException, no output).
enum class RunReplyKind { Running, RunningForced, PackageNotFound, JobNotFound, NeedsForce, UnknownOption, PermissionDenied, Other };

// The answer's kind and the text it was read from.
struct RunReply {
  RunReplyKind kind = RunReplyKind::Other;
  std::string message;  // the line that decided the kind; for Other all the text, trimmed
};

// Classifies the reply of `cmd jobscheduler run ...` whichever stream carries it (errors go to
// stderr on current releases, stdout on 8.x): `Running job [FORCED]`, `Running job`,
// `Package not found: ...`, `Could not find job ...`, `... has functional constraints but --force
// not specified`, `Error: unknown option '...'`, a SecurityException `... not permitted to ...`.
// An error line wins over a `Running job` line.
RunReply parse_jobscheduler_run_reply(std::string_view out, std::string_view err);

}  // namespace fwm::android
