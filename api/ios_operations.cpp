// Wiring the iOS driver (xcrun/) into the library API.
#include "api/ios_operations.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "api/targets.hpp"
#include "core/duration.hpp"
#include "core/errors.hpp"
#include "xcrun/ios_app_log.hpp"
#include "xcrun/ios_app_files.hpp"
#include "xcrun/ios_device_app.hpp"
#include "xcrun/property_list.hpp"
#include "xcrun/ios_bridge_ops.hpp"
#include "xcrun/ios_doctor.hpp"
#include "xcrun/ios_lldb_cancel.hpp"
#include "xcrun/ios_tasks.hpp"
#include "xcrun/ios_devices.hpp"
#include "xcrun/ios_trigger.hpp"
#include "xcrun/plist_redaction.hpp"
#include "xcrun/ios_vm_service.hpp"

namespace fwm::api {
namespace {

constexpr Millis kWaitPoll{1000};

ListedTask find_or_bare(const std::vector<ListedTask>& tasks, const std::string& name) {
  for (const auto& t : tasks) {
    if (t.unique_name == name) return t;
  }
  ListedTask bare;
  bare.platform = "ios";
  bare.unique_name = name;
  bare.notes.push_back("not in the plugin's store: triggered by its BGTask identifier only");
  return bare;
}

void refuse_tag(const std::string& tag, const DeviceInfo& target, const char* what) {
  if (tag.empty()) return;
  throw Error(ErrorKind::Unsupported,
              std::string("the plugin has no tags on iOS: ") + what + " by --unique-name (the BGTask identifier)",
              target.id, what);
}

void refuse_one_off(const ListedTask& task, const DeviceInfo& target, const char* what) {
  // A cancelled BGTask loses its scheduledTasks entry and reads back like a one-off.
  if (!task.kind || *task.kind != TaskKind::OneOff || task.state == "cancelled") return;
  throw Error(ErrorKind::Unsupported,
              "'" + task.unique_name + "' is a one-off task: on iOS the plugin runs it as an in-process timer " +
                  "(beginBackgroundTask) while the app is alive, so nothing outside the app can " + what +
                  " it; register it again from the app, or use a periodic task",
              target.id, what);
}

// The app's executable: a simulator app's CFBundleExecutable (else its .app folder's name), a device
// app's .app folder's name.
std::string app_executable(const ios::XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                           const Deadline& deadline) {
  if (target.kind == "device") return ios::find_device_app(runner, target, bundle, deadline).executable;
  std::string executable;
  try {
    nlohmann::json info = ios::read_property_list(ios::read_info_plist(runner, target, bundle, deadline));
    if (info.is_object()) executable = info.value("CFBundleExecutable", "");
  } catch (const std::invalid_argument&) {
    executable.clear();  // an unreadable Info.plist: the folder's name below
  }
  if (!executable.empty()) return executable;
  return ios::executable_of_app_url(ios::simulator_app_container(runner, target, bundle, "app", deadline));
}

}  // namespace

namespace {

// The listing of `replies` (see ios::ios_tasks_from), with why the bridge did not answer among its problems.
TaskListing ios_listing_from(const DeviceInfo& target, const std::string& bundle, const TaskFilter& filter,
                             const ios::IosTaskReplies& replies, const std::string& problem) {
  TaskListing listing = ios::ios_tasks_from(target, bundle, filter, replies, problem).listing;
  if (!problem.empty()) {
    listing.problems.push_back("BGTaskScheduler's pending requests were not read (printScheduledTasks needs the "
                               "in-app bridge): " + problem);
  }
  return listing;
}

// The bridge of `bundle` when it answers; else nullopt and why in `problem`.
std::optional<BridgeConnection> reach_bridge(const ios::XcrunRunner& runner, const DeviceInfo& target,
                                             const std::string& bundle, const BridgeOptions& access,
                                             const Deadline& deadline, std::string& problem) {
  try {
    return ios::connect_ios_bridge(runner, target, bundle, access, deadline);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::BridgeUnavailable) throw;
    problem = e.what();
  }
  return std::nullopt;
}

void task_logs_through(const ios::XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                       bool follow, const std::function<bool(const LogRecord&)>& on_record, const Deadline& deadline) {
  std::string predicate = ios::app_log_predicate(app_executable(runner, target, bundle, deadline), std::nullopt);
  auto deliver = [&](const ios::UnifiedLogRecord& r) { return on_record(ios::log_record_from(r)); };
  if (follow) {
    ios::follow_app_log(runner, target, predicate, deliver, deadline);
    return;
  }
  for (const auto& r : ios::read_app_log(runner, target, ios::LogWindow{}, predicate, deadline)) {
    if (!deliver(r)) return;
  }
}

// The xcrun runs of a capture, each under the purpose set when it ran.
struct RunRecording {
  std::mutex mutex;
  std::string purpose;
  std::vector<std::pair<std::string, ios::RecordedRun>> runs;

  void set_purpose(std::string next) {
    std::lock_guard<std::mutex> lock(mutex);
    purpose = std::move(next);
  }
};

}  // namespace

TaskListing list_ios_tasks(const DeviceInfo& target, const std::string& bundle, const TaskFilter& filter,
                           const BridgeOptions& access, const Deadline& deadline) {
  ios::XcrunRunner runner = xcrun_runner();
  std::string problem;
  std::optional<BridgeConnection> bridge = reach_bridge(runner, target, bundle, access, deadline, problem);
  return ios_listing_from(target, bundle, filter,
                          ios::gather_ios_tasks(runner, target, bundle, bridge ? &*bridge : nullptr, deadline),
                          problem);
}

void capture_ios(const DeviceInfo& target, const std::string& bundle_id, bool redact, const Deadline& deadline,
                 CaptureBundle& bundle) {
  auto recording = std::make_shared<RunRecording>();
  ios::XcrunRunner runner = xcrun_runner();
  runner.record_runs([recording](const ios::RecordedRun& run) {
    std::lock_guard<std::mutex> lock(recording->mutex);
    recording->runs.emplace_back(recording->purpose, run);
  });
  recording->set_purpose("devices");
  ios::list_ios_devices(runner, deadline);
  recording->set_purpose("list");
  std::string problem;
  std::optional<BridgeConnection> bridge = reach_bridge(runner, target, bundle_id, BridgeOptions{}, deadline, problem);
  ios::IosTaskReplies replies = ios::gather_ios_tasks(runner, target, bundle_id, bridge ? &*bridge : nullptr, deadline);
  ios_listing_from(target, bundle_id, {}, replies, problem);
  recording->set_purpose("doctor");
  ios::doctor_ios(runner, target, bundle_id, deadline);
  std::optional<std::string> info_plist;
  if (target.kind == "simulator") {
    try {
      info_plist = ios::read_info_plist(runner, target, bundle_id, deadline);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Failed) throw;
    }
  }
  recording->set_purpose("logs");
  task_logs_through(runner, target, bundle_id, false, [](const LogRecord&) { return true; }, deadline);

  bundle.manifest["device"] = device_json(target);
  for (const auto& [purpose, run] : recording->runs) {
    std::vector<std::string> argv{"xcrun"};
    argv.insert(argv.end(), run.args.begin(), run.args.end());
    std::size_t index = add_capture_command(bundle, purpose, argv, run.result.exit_code, run.result.out, run.result.err);
    if (!run.json_output.empty()) {
      bundle.manifest["commands"][index]["jsonOutput"] =
          add_capture_file(bundle, (index < 10 ? "commands/0" : "commands/") + std::to_string(index) + "-devicectl.json",
                           run.json_output);
    }
  }
  if (info_plist) bundle.manifest["infoPlist"] = {{"file", add_capture_file(bundle, "ios/Info.plist", *info_plist)}};
  nlohmann::json suite = {{"found", replies.suite.found}, {"pathInContainer", replies.suite.path_in_container}};
  if (replies.suite.found) {
    std::string bytes = replies.suite.bytes;
    if (redact) {
      try {
        bytes = ios::redact_plugin_suite(bytes);
      } catch (const std::invalid_argument&) {
        bytes.clear();
      }
    }
    std::string name = replies.suite.path_in_container.substr(replies.suite.path_in_container.rfind('/') + 1);
    suite["file"] = add_capture_file(bundle, "ios/" + name, bytes);
  }
  nlohmann::json bridge_json = nlohmann::json::object();
  if (replies.pending) {
    bridge_json["hello"] = replies.hello.value_or(nlohmann::json::object());
    bridge_json["printScheduledTasks"] = {
        {"file", add_capture_file(bundle, "ios/printScheduledTasks.json", replies.pending->dump(2) + "\n")}};
  } else {
    bridge_json["unavailable"] = problem;
  }
  bundle.manifest["listing"] = {{"suite", suite}, {"bridge", bridge_json}};
}

TaskListing ios_listing_from_capture(const CaptureBundle& bundle, const TaskFilter& filter) {
  const nlohmann::json& listing = bundle.manifest.at("listing");
  const nlohmann::json& suite = listing.at("suite");
  ios::IosTaskReplies replies;
  replies.suite.found = suite.at("found").get<bool>();
  replies.suite.path_in_container = suite.value("pathInContainer", "");
  if (replies.suite.found) replies.suite.bytes = capture_file(bundle, suite.at("file").get<std::string>());
  const nlohmann::json& bridge = listing.at("bridge");
  std::string problem = bridge.value("unavailable", "");
  if (bridge.contains("printScheduledTasks")) {
    replies.hello = bridge.value("hello", nlohmann::json::object());
    replies.pending = nlohmann::json::parse(capture_file(bundle, bridge["printScheduledTasks"].at("file").get<std::string>()));
  }
  return ios_listing_from(device_from_json(bundle.manifest.at("device")), bundle.manifest.at("app").get<std::string>(),
                          filter, replies, problem);
}

TriggerReport trigger_ios(const DeviceInfo& target, const std::string& bundle, const std::string& unique_name,
                          const std::string& tag, bool expire, bool wait, const Deadline& deadline) {
  refuse_tag(tag, target, "trigger");
  if (target.kind == "simulator") {
    throw Error(ErrorKind::Unsupported,
                "BGTaskScheduler does not run on the Simulator (Apple: the simulate-launch debug functions work only "
                "on devices), so '" + unique_name + "' cannot be launched by the system here. Run its Dart code with "
                "fwm trigger --run-now (needs the in-app bridge; reported as a simulated run), or trigger it on a "
                "device",
                target.id, "trigger");
  }
  if (wait) {
    throw Error(ErrorKind::Unsupported,
                "--wait follows WorkManager's records and exists on Android only; on iOS fwm reports whether "
                "BGTaskScheduler accepted the launch, and fwm logs -a " + bundle + " shows the run",
                target.id, "trigger");
  }
  ios::XcrunRunner runner = xcrun_runner();
  auto tasks = ios::read_ios_tasks(runner, target, bundle, TaskFilter{}, nullptr, "", deadline);
  ListedTask task = find_or_bare(tasks.listing.tasks, unique_name);
  refuse_one_off(task, target, "trigger");
  auto action = expire ? ios::BgTaskAction::SimulateExpiration : ios::BgTaskAction::SimulateLaunch;
  TriggerReport report{target, bundle, {}};
  report.results.push_back(ios::trigger_on_device(runner, target, bundle, task, action, deadline));
  return report;
}

TriggerReport wait_ios(const DeviceInfo& target, const std::string& bundle, const std::string& unique_name,
                       const std::string& until, const Deadline& deadline) {
  ios::XcrunRunner runner = xcrun_runner();
  std::optional<std::optional<std::int64_t>> finished_before;
  for (;;) {
    auto tasks = ios::read_ios_tasks(runner, target, bundle, TaskFilter{unique_name, "", "", false}, nullptr, "",
                                     deadline);
    ListedTask task = find_or_bare(tasks.listing.tasks, unique_name);
    if (!finished_before) finished_before = task.last_finished_at_ms;
    // A BGTask run whose callback returned false is recorded as scheduled with a new lastFinishedAt
    // (the plugin's retrying, S/WorkInfoStore.swift@af5d75a:53-57).
    bool returned_false = task.state == "scheduled" && task.last_finished_at_ms &&
                          task.last_finished_at_ms != *finished_before;
    std::string said = returned_false ? " again: its run ended with the callback returning false, which the plugin "
                                        "records as retrying (scheduled, with lastFinishedAt)"
                                      : "";
    bool finished = task.state == "succeeded" || task.state == "failed" || task.state == "cancelled" || returned_false;
    if ((task.state == until && !returned_false) || (until == "finished" && finished)) {
      return {target, bundle, {{task, std::nullopt, "reached", "task '" + unique_name + "' is " + task.state + said,
                                ErrorKind::Failed, true}}};
    }
    if (finished) {
      return {target, bundle, {{task, std::nullopt, task.state, "task '" + unique_name + "' ended " + task.state +
                                                                  said + " before it was " + until,
                                ErrorKind::Failed, false}}};
    }
    if (deadline.remaining() < kWaitPoll) {
      return {target, bundle, {{task, std::nullopt, "timeout",
                                "task '" + unique_name + "' is " + (task.state.empty() ? "unknown" : task.state) +
                                    ", not " + until + ", after " + format_duration(deadline.budget()),
                                ErrorKind::Timeout, false}}};
    }
    std::this_thread::sleep_for(kWaitPoll);
    if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while waiting", target.id);
  }
}

CancelReport cancel_ios_tasks(const DeviceInfo& target, const std::string& bundle, const CancelSelector& selector,
                              const BridgeOptions& access, const Deadline& deadline) {
  ios::XcrunRunner runner = xcrun_runner();
  try {
    return ios::cancel_ios(runner, target, bundle, selector, access, deadline);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::BridgeUnavailable || target.kind != "device" || selector.unique_name.empty()) throw;
  }
  auto tasks = ios::read_ios_tasks(runner, target, bundle, TaskFilter{}, nullptr, "", deadline);
  refuse_one_off(find_or_bare(tasks.listing.tasks, selector.unique_name), target, "cancel");
  return ios::cancel_with_lldb(runner, target, bundle, selector.unique_name, tasks.listing.tasks, deadline);
}

void ios_task_logs(const DeviceInfo& target, const std::string& bundle, bool follow,
                   const std::function<bool(const LogRecord&)>& on_record, const Deadline& deadline) {
  task_logs_through(xcrun_runner(), target, bundle, follow, on_record, deadline);
}

DoctorReport ios_doctor(const DeviceInfo& target, const std::string& bundle, const Deadline& deadline) {
  return ios::doctor_ios(xcrun_runner(), target, bundle, deadline);
}

}  // namespace fwm::api
