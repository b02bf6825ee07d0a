// trigger on an iOS device: lldb's BGTaskScheduler debug entry points, then the verdict from the app's unified log.
#include "xcrun/ios_trigger.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/errors.hpp"
#include "xcrun/ios_app_log.hpp"
#include "xcrun/ios_device_app.hpp"

namespace fwm::ios {
namespace {

// The records logged at or after `since` (the log window starts a second early for its granularity,
// which would let an earlier session's lines in); records without a readable timestamp are kept.
std::vector<UnifiedLogRecord> records_since(std::vector<UnifiedLogRecord> records,
                                            std::chrono::system_clock::time_point since) {
  auto from_us = std::chrono::duration_cast<std::chrono::microseconds>(since.time_since_epoch()).count();
  std::erase_if(records, [&](const UnifiedLogRecord& r) {
    auto at = unified_log_time_us(r.timestamp);
    return at && *at < from_us;
  });
  return records;
}

constexpr Millis kPollInterval{500};
constexpr auto kAcceptedWait = std::chrono::seconds(3);
const char* const kExpirationPrefix = "Simulating expiration for task with identifier ";
const char* const kStartedPrefix = "Task started: ";

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

bool same_identifier(std::string_view logged, std::string_view wanted) {
  return logged == wanted || is_redacted(logged);
}

// The Accepted outcome of a "Simulating expiration" line about `identifier` in `message`, if there is one.
std::optional<SimulatedLaunchOutcome> expiration_in(std::string_view message, std::string_view identifier) {
  size_t at = message.find(kExpirationPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = message.substr(at + std::char_traits<char>::length(kExpirationPrefix));
  std::string_view logged = trimmed(rest.substr(0, rest.find('\n')));
  if (!same_identifier(logged, identifier)) return std::nullopt;
  size_t newline = message.rfind('\n', at);
  std::string_view line = message.substr(newline == std::string_view::npos ? 0 : newline + 1);
  line = trimmed(line.substr(0, line.find('\n')));
  return SimulatedLaunchOutcome{SimulatedLaunch::Accepted, std::string(logged), std::string(line),
                                "BGTaskScheduler is simulating the expiration of " + std::string(identifier)};
}

bool task_started(std::string_view message, std::string_view identifier) {
  size_t at = message.find(kStartedPrefix);
  if (at == std::string_view::npos) return false;
  std::string_view rest = message.substr(at + std::char_traits<char>::length(kStartedPrefix));
  std::string_view logged = rest.substr(0, rest.find(','));
  return same_identifier(trimmed(logged), identifier);
}

const char* selector_of(BgTaskAction action) {
  return action == BgTaskAction::SimulateLaunch ? "_simulateLaunchForTaskWithIdentifier:"
                                                : "_simulateExpirationForTaskWithIdentifier:";
}

std::string accepted_message(const TriggerVerdict& verdict, std::string_view identifier, BgTaskAction action,
                             bool cut_short) {
  std::string id(identifier);
  std::string message =
      action == BgTaskAction::SimulateLaunch
          ? "BGTaskScheduler accepted the simulated launch of " + id + ": its launch handler runs in the app now"
          : "BGTaskScheduler is simulating the expiration of " + id +
                ": the task's expiration handler runs in the app now (it has an effect only while the task runs)";
  if (verdict.handler_started) return message + " (the plugin logged 'Task started: " + id + "')";
  if (cut_short) {
    return message + "; the deadline ended the wait before 3 s had passed, so a later 'No task request' line may have "
                     "been missed";
  }
  if (action == BgTaskAction::SimulateLaunch) {
    message += "; the plugin logged no 'Task started' line within 3 s (it does only with its LoggingDebugHandler)";
  }
  return message;
}

}  // namespace

TriggerVerdict decide_trigger(const std::vector<UnifiedLogRecord>& records, std::string_view identifier,
                              BgTaskAction action) {
  if (action == BgTaskAction::Cancel) throw std::invalid_argument("decide_trigger: a cancel has no launch verdict");
  std::string text;
  TriggerVerdict verdict;
  std::optional<SimulatedLaunchOutcome> expiration;
  for (const auto& record : records) {
    text += record.event_message + "\n";
    if (action == BgTaskAction::SimulateLaunch && task_started(record.event_message, identifier)) {
      verdict.handler_started = true;
    }
    if (!expiration) expiration = expiration_in(record.event_message, identifier);
  }
  verdict.outcome = parse_simulated_launch(text, identifier);
  if (action == BgTaskAction::SimulateExpiration && verdict.outcome.verdict != SimulatedLaunch::NotScheduled) {
    std::string nothing = "BGTaskScheduler logged nothing about the expiration of " + std::string(identifier);
    verdict.outcome = expiration.value_or(SimulatedLaunchOutcome{SimulatedLaunch::Unknown, "", "", nothing});
  }
  return verdict;
}

TaskOutcome trigger_on_device(const XcrunRunner& runner, const DeviceInfo& device, const std::string& bundle,
                              const ListedTask& task, BgTaskAction action, const Deadline& deadline) {
  if (action == BgTaskAction::Cancel) throw std::invalid_argument("trigger_on_device: cancel with cancel_with_lldb");
  const std::string& id = task.unique_name;
  DeviceAppProcess app = find_device_app(runner, device, bundle, deadline);
  if (!app.pid) {
    return TaskOutcome{task, std::nullopt, "refused",
                       bundle + " is not running on " + device_label(device) +
                           ": open the app on the device first (BGTaskScheduler launches tasks into the running app "
                           "when simulated)",
                       ErrorKind::Failed, false};
  }
  auto since = std::chrono::system_clock::now();
  runner.lldb(lldb_commands({device.identifier, *app.pid}, action, id), deadline, device.id);
  std::string predicate = app_log_predicate(app.executable, app.pid);
  const std::string sent = "lldb ran " + std::string(selector_of(action)) + "@\"" + id + "\" in " + bundle + " (pid " +
                           std::to_string(*app.pid) + ") on " + device_label(device) + " without an error";
  std::optional<std::chrono::steady_clock::time_point> accepted_at;
  TriggerVerdict verdict;
  for (;;) {
    bool cut_short = false;
    try {
      verdict = decide_trigger(records_since(read_app_log(runner, device, LogWindow{since, ""}, predicate, deadline),
                                             since),
                               id, action);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Timeout) {
        throw Error(e.kind(), sent + ", but fwm could not read BGTaskScheduler's verdict from the app's log: " +
                                  e.what(),
                    e.device(), e.step());
      }
      cut_short = true;
    }
    if (verdict.outcome.verdict == SimulatedLaunch::NotScheduled) {
      return TaskOutcome{task, std::nullopt, "not-scheduled", verdict.outcome.message, ErrorKind::Failed, false};
    }
    auto now = std::chrono::steady_clock::now();
    if (verdict.outcome.verdict == SimulatedLaunch::Accepted && !accepted_at) accepted_at = now;
    cut_short = cut_short || deadline.remaining() < kPollInterval;
    bool waited = accepted_at && now - *accepted_at >= kAcceptedWait;
    if (accepted_at && (verdict.handler_started || waited || cut_short)) {
      return TaskOutcome{task, std::nullopt, "accepted", accepted_message(verdict, id, action, !waited),
                         ErrorKind::Failed, true};
    }
    if (cut_short) {
      return TaskOutcome{task, std::nullopt, "timeout",
                         sent + ", but the app's log showed no verdict from BGTaskScheduler within " +
                             format_duration(deadline.budget()) + "; look for '" + id + "' in Console.app",
                         ErrorKind::Timeout, false};
    }
    std::this_thread::sleep_for(kPollInterval);
    if (interrupt_requested()) {
      throw Error(ErrorKind::Interrupted, "interrupted while reading BGTaskScheduler's verdict", device.id, "log");
    }
  }
}

}  // namespace fwm::ios
