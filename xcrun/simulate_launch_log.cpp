// Finding the simulated-launch verdict in app log lines.
#include "xcrun/simulate_launch_log.hpp"

namespace fwm::ios {
namespace {

std::string_view trimmed(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

// The identifier between `prefix` and `suffix` in the line (suffix may be empty: rest of the line).
bool identifier_in(std::string_view line, std::string_view prefix, std::string_view suffix, std::string& out) {
  size_t at = line.find(prefix);
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + prefix.size());
  if (!suffix.empty()) {
    size_t end = rest.rfind(suffix);
    if (end == std::string_view::npos) return false;
    rest = rest.substr(0, end);
  }
  out = std::string(trimmed(rest));
  return true;
}

bool matches(const std::string& logged, std::string_view wanted) {
  return logged == wanted || is_redacted(logged);
}

}  // namespace

bool is_redacted(std::string_view logged) { return logged.rfind("<decode:", 0) == 0 || logged == "<private>"; }

SimulatedLaunchOutcome parse_simulated_launch(std::string_view log_text, std::string_view identifier) {
  SimulatedLaunchOutcome outcome;
  while (!log_text.empty()) {
    size_t end = log_text.find('\n');
    std::string_view line = trimmed(log_text.substr(0, end));
    log_text = end == std::string_view::npos ? std::string_view() : log_text.substr(end + 1);
    std::string logged;
    if (identifier_in(line, "No task request with identifier ", " has been scheduled", logged) &&
        matches(logged, identifier)) {
      outcome.verdict = SimulatedLaunch::NotScheduled;
      outcome.identifier = logged;
      outcome.line = std::string(line);
    } else if (outcome.verdict == SimulatedLaunch::Unknown &&
               identifier_in(line, "Simulating launch for task with identifier ", "", logged) &&
               matches(logged, identifier)) {
      outcome.verdict = SimulatedLaunch::Accepted;
      outcome.identifier = logged;
      outcome.line = std::string(line);
    }
  }
  std::string id(identifier);
  switch (outcome.verdict) {
    case SimulatedLaunch::Accepted:
      outcome.message = "BGTaskScheduler is simulating the launch of " + id + "; its handler runs when the app resumes";
      break;
    case SimulatedLaunch::NotScheduled:
      outcome.message = "BGTaskScheduler has no pending request " + id +
                        ", so nothing was launched. Likely causes: submit failed (always on the Simulator, and the "
                        "plugin hides the error), the identifier is missing from BGTaskSchedulerPermittedIdentifiers "
                        "in Info.plist, or the task already ran and was not scheduled again";
      break;
    case SimulatedLaunch::Unknown:
      outcome.message = "BGTaskScheduler logged nothing about " + id;
      break;
  }
  return outcome;
}

}  // namespace fwm::ios
