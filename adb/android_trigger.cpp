// trigger and wait on Android.
#include "adb/android_trigger.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "adb/jobscheduler_cmd.hpp"
#include "adb/work_merge.hpp"
#include "adb/work_sources.hpp"
#include "adb/worker_log.hpp"

namespace fwm::android {
namespace {

constexpr Millis kPollInterval{500};
constexpr std::int64_t kEarlyTolerance = 1000;
const char* kBridgeHint =
    "running its Dart code on demand needs the in-app bridge (fwm trigger --run-now)";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string label(const ListedTask& t) { return "'" + (t.unique_name.empty() ? t.work_id : t.unique_name) + "'"; }

std::vector<ListedTask> current_tasks(AdbClient& client, const DeviceInfo& device, const std::string& package,
                                      const Deadline& deadline, bool& has_database) {
  WorkSources sources = read_work_sources(client, device.id, package, {}, deadline);
  if (!sources.installed) {
    throw Error(ErrorKind::Failed, package + " is not installed on " + device.id, device.id, "read tasks");
  }
  has_database = sources.database.has_value();
  std::vector<std::string> problems;
  return merge_work(sources.database ? &*sources.database : nullptr, sources.jobs ? &*sources.jobs : nullptr,
                    sources.diagnostics ? &*sources.diagnostics : nullptr, sources.read_at_ms, problems);
}

std::vector<ListedTask> select(const std::vector<ListedTask>& tasks, const TaskSelector& s) {
  std::vector<ListedTask> chosen;
  for (const auto& t : tasks) {
    bool match = !s.unique_name.empty() ? t.unique_name == s.unique_name
                                        : std::find(t.tags.begin(), t.tags.end(), s.tag) != t.tags.end();
    if (match) chosen.push_back(t);
  }
  return chosen;
}

std::string describe_selector(const TaskSelector& s) {
  return !s.unique_name.empty() ? "with unique name '" + s.unique_name + "'" : "with tag '" + s.tag + "'";
}

TaskOutcome refuse(const ListedTask& t, ErrorKind code, const std::string& message) {
  return TaskOutcome{t, std::nullopt, "refused", message, code, false};
}

// Why WorkManager would not run this task now, if it would not.
std::optional<TaskOutcome> precheck(const ListedTask& t, bool has_database) {
  if (t.state != "enqueued") {
    std::string why = t.state == "running" ? " is running already" : " is " + t.state + ": there is nothing to run";
    return refuse(t, ErrorKind::Failed, "task " + label(t) + why);
  }
  if (!t.job_id) {
    return refuse(t, ErrorKind::Unsupported,
                  "task " + label(t) + " is not in JobScheduler yet (WorkManager hands over only a limited number of "
                  "jobs at a time), so it cannot be forced from outside; wait until 'fwm list' shows a job id, or " +
                      kBridgeHint);
  }
  if (has_database && t.next_run_at_ms && *t.next_run_at_ms > now_ms() + kEarlyTolerance) {
    bool periodic = t.kind == TaskKind::Periodic;
    bool backed_off = t.run_attempt_count.value_or(0) > 0;
    if (periodic || backed_off) {
      std::string what = backed_off ? "work that is backing off after " + std::to_string(*t.run_attempt_count) +
                                          " failed attempt(s)"
                                    : "periodic work";
      return refuse(t, ErrorKind::Unsupported,
                    "task " + label(t) + " is " + what + " not due until " + iso8601_utc(*t.next_run_at_ms) +
                        ": WorkManager refuses to run it before then (it logs 'Delaying execution ... because it is "
                        "being executed before schedule'); " + kBridgeHint);
    }
  }
  return std::nullopt;
}

// Follows one forced run to WorkerWrapper's result.
TaskOutcome follow_run(AdbClient& client, const DeviceInfo& device, const std::string& package, const ListedTask& t,
                       const std::string& since, bool has_database, const Deadline& deadline) {
  for (;;) {
    ShellResult log = client.shell(
        device.id, {"logcat", "-d", "-v", "threadtime", "-T", since, "-s", "WM-WorkerWrapper:I"}, deadline);
    if (auto result = worker_result_for(log.out, t.work_id)) {
      TaskOutcome outcome{t, std::nullopt, "", "", ErrorKind::Failed, false};
      bool database = has_database;
      auto after = select(current_tasks(client, device, package, deadline, database), {t.unique_name, ""});
      for (const auto& a : after) {
        if (a.work_id == t.work_id) outcome.after = a;
      }
      if (*result == "SUCCESS") {
        outcome.outcome = "succeeded";
        outcome.ok = true;
        outcome.message = "task " + label(t) + " ran and succeeded";
      } else if (*result == "RETRY") {
        outcome.outcome = "retry";
        std::string next = outcome.after && outcome.after->next_run_at_ms
                               ? "; WorkManager retries it at " + iso8601_utc(*outcome.after->next_run_at_ms) +
                                     " (attempt " + std::to_string(outcome.after->run_attempt_count.value_or(0) + 1) + ")"
                               : "; WorkManager will retry it after its backoff";
        outcome.message = "task " + label(t) + " ran and asked to be retried (the callback returned false)" + next;
      } else {
        outcome.outcome = "failed";
        outcome.message = "task " + label(t) + " ran and failed (the callback threw or returned an error)";
      }
      return outcome;
    }
    if (deadline.remaining() < kPollInterval) {
      return TaskOutcome{t, std::nullopt, "timeout",
                         "no result for task " + label(t) + " within " + format_duration(deadline.budget()) +
                             ": it may still be running, or WorkManager skipped it (periodic work that is not due); "
                             "see fwm logs -a " + package,
                         ErrorKind::Timeout, false};
    }
    std::this_thread::sleep_for(kPollInterval);
    if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while waiting for the run", device.id);
  }
}

}  // namespace

TriggerReport trigger_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                              const TaskSelector& selector, bool wait, const Deadline& deadline) {
  bool has_database = false;
  auto chosen = select(current_tasks(client, device, package, deadline, has_database), selector);
  if (chosen.empty()) {
    throw Error(ErrorKind::Failed, "no task " + describe_selector(selector) + " in " + package + " on " + device.id +
                                       ": see fwm list -a " + package,
                device.id, "find task");
  }
  TriggerReport report{device, package, {}};
  std::optional<JobSchedulerHelp> help;
  for (const auto& t : chosen) {
    if (auto refusal = precheck(t, has_database)) {
      report.results.push_back(*refusal);
      continue;
    }
    if (!help) help = parse_jobscheduler_help(client.shell(device.id, {"cmd", "jobscheduler", "help"}, deadline).out);
    std::vector<std::string> run{"cmd", "jobscheduler", "run"};
    if (help->supports_force) run.push_back("-f");
    if (!t.job_namespace.empty()) {
      if (!help->supports_namespace) {
        report.results.push_back(refuse(t, ErrorKind::Unsupported,
                                        "job " + std::to_string(*t.job_id) + " is in JobScheduler namespace '" +
                                            t.job_namespace + "', which this device's 'cmd jobscheduler run' cannot name"));
        continue;
      }
      run.push_back("-n");
      run.push_back(t.job_namespace);
    }
    run.push_back(package);
    run.push_back(std::to_string(*t.job_id));
    ShellResult sent = client.shell_script(device.id, {{"date", "+%m-%d %H:%M:%S.000"}, run}, deadline);
    std::string since = sent.out.substr(0, sent.out.find('\n'));
    RunReply reply = parse_jobscheduler_run_reply(sent.out.substr(std::min(sent.out.size(), since.size() + 1)), sent.err);
    if (reply.kind != RunReplyKind::Running && reply.kind != RunReplyKind::RunningForced) {
      report.results.push_back(TaskOutcome{t, std::nullopt, "failed",
                                           "JobScheduler refused to run job " + std::to_string(*t.job_id) + ": " +
                                               reply.message,
                                           ErrorKind::Failed, false});
      continue;
    }
    if (!wait) {
      report.results.push_back(TaskOutcome{t, std::nullopt, "accepted",
                                           "JobScheduler is running job " + std::to_string(*t.job_id) + " for task " +
                                               label(t) + " now; add --wait to follow it to its result",
                                           ErrorKind::Failed, true});
      continue;
    }
    report.results.push_back(follow_run(client, device, package, t, since, has_database, deadline));
  }
  return report;
}

TriggerReport wait_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                           const std::string& unique_name, const std::string& until, const Deadline& deadline) {
  const bool want_finished = until == "finished";
  auto is_final = [](const std::string& s) { return s == "succeeded" || s == "failed" || s == "cancelled"; };
  std::optional<ListedTask> last;
  for (;;) {
    bool has_database = false;
    auto found = select(current_tasks(client, device, package, deadline, has_database), {unique_name, ""});
    if (!found.empty()) {
      last = found.back();
      const std::string& state = last->state;
      if (state == until || (want_finished && is_final(state))) {
        return TriggerReport{device, package, {TaskOutcome{*last, std::nullopt, "reached", "task '" + unique_name + "' is " + state,
                                                          ErrorKind::Failed, true}}};
      }
      if (is_final(state) && !want_finished) {
        return TriggerReport{device, package, {TaskOutcome{*last, std::nullopt, "failed",
                                                          "task '" + unique_name + "' ended " + state + ", not " + until,
                                                          ErrorKind::Failed, false}}};
      }
    }
    if (deadline.remaining() < Millis(1000)) {
      ListedTask shown = last.value_or(ListedTask{});
      shown.unique_name = unique_name;
      std::string now = last ? "it is " + last->state : "no such task was seen";
      return TriggerReport{device, package, {TaskOutcome{shown, std::nullopt, "timeout",
                                                        "task '" + unique_name + "' did not become " + until + " within " +
                                                            format_duration(deadline.budget()) + " (" + now + ")",
                                                        ErrorKind::Timeout, false}}};
    }
    std::this_thread::sleep_for(Millis(1000));
    if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while waiting", device.id);
  }
}

}  // namespace fwm::android
