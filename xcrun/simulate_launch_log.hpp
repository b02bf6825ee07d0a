// Parser of the app log lines BGTaskScheduler prints after _simulateLaunchForTaskWithIdentifier.
#pragma once

#include <string>
#include <string_view>

namespace fwm::ios {

// What BGTaskScheduler said about one simulated launch.
enum class SimulatedLaunch {
  Unknown,       // neither line was found (yet)
  Accepted,      // "Simulating launch for task with identifier <id>"
  NotScheduled,  // "No task request with identifier <id> has been scheduled"
};

// The verdict and the words around it.
struct SimulatedLaunchOutcome {
  SimulatedLaunch verdict = SimulatedLaunch::Unknown;
  std::string identifier;  // as logged; "<decode: missing data>" or "<private>" when the log hid it
  std::string line;        // the log line the verdict comes from, trimmed
  std::string message;     // a sentence for a person; for NotScheduled it lists the three likely causes
};

// True for a logged argument the unified log hid: "<decode: ...>" (undecodable data) or "<private>"
// (a dynamic argument Apple's logging redacts when no debugger is attached).
bool is_redacted(std::string_view logged);

// Reads app log text (any prefix before the message: a syslog-style timestamp and `Runner[pid:tid]`,
// `flutter: `, or none; CRLF tolerated). Lines about another identifier are ignored, except
// redacted ones (is_redacted), which count for any. When both lines appear, NotScheduled
// wins: BGTaskScheduler logs "Simulating launch" before it looks for the request.
SimulatedLaunchOutcome parse_simulated_launch(std::string_view log_text, std::string_view identifier);

}  // namespace fwm::ios
