// The app log on iOS: simctl's log show|stream for simulators, the host's log collect + log show for devices.
#include "xcrun/ios_app_log.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "core/errors.hpp"
#include "core/host_tool.hpp"
#include "core/process.hpp"
#include "core/process_stream.hpp"
#include "core/temp_dir.hpp"
#include "xcrun/simctl_error.hpp"

namespace fwm::ios {
namespace {

// The plugin's lines (workmanager_apple 0.9.10, os_log("%@") of the app's process without a subsystem):
// submits and their failures with the hint that follows (S/WorkmanagerPlugin.swift@af5d75a:727,737,794,
// 801-803,845,852), `[WorkmanagerPlugin] one-off task <taskName> -> .completed (...)` and its errors
// (:495,602-605,647-650), `[workmanager_apple.BackgroundWorker] performBackgroundRequest(_:) -> ...` and its
// errors (S/BackgroundWorker.swift@af5d75a:116,227-229,240); LoggingDebugHandler's by its subsystem
// (S/LoggingDebugHandler.swift@af5d75a:14); BGTaskScheduler's simulate lines; Dart's print.
const char* const kTerms =
    " AND (eventMessage BEGINSWITH \"flutter: \" OR eventMessage CONTAINS \"[BGTaskScheduler]\""
    " OR eventMessage CONTAINS \"BGAppRefreshTask\" OR eventMessage CONTAINS \"BGProcessingTask\""
    " OR eventMessage CONTAINS \"BGHealthResearchTask\" OR eventMessage CONTAINS \"Possible issues can be:\""
    " OR eventMessage CONTAINS \"[WorkmanagerPlugin]\" OR eventMessage CONTAINS \"performBackgroundRequest\""
    " OR eventMessage CONTAINS \"[workmanager_apple.BackgroundWorker]\""
    " OR eventMessage CONTAINS \"Background channel initialization failed\""
    " OR eventMessage CONTAINS \"Simulating launch for task\""
    " OR eventMessage CONTAINS \"Simulating expiration for task\""
    " OR eventMessage CONTAINS \"No task request with identifier\""
    " OR subsystem == \"dev.fluttercommunity.workmanager\")";

const char* const kFlutterPrefix = "flutter: ";

std::string quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string level_of(const std::string& message_type) {
  if (message_type == "Debug") return "D";
  if (message_type == "Error") return "E";
  if (message_type == "Fault") return "F";
  return "I";
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

bool says_needs_root(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"root", "privilege", "permission", "not permitted"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

std::vector<UnifiedLogRecord> records_of(const std::string& text, const std::string& device, const std::string& step) {
  try {
    return parse_unified_log(text);
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::HostTool, step + " printed a record that is not JSON: " + e.what(), device, step);
  }
}

// The host's `log` with argv after "log"; its result whatever the exit code.
ProcessResult run_log(const std::vector<std::string>& args, const Deadline& deadline, const std::string& device) {
  std::vector<std::string> argv = {"log"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_host_tool(argv, deadline, device, "log " + args.at(0),
                       "Reading a device's unified log needs macOS (/usr/bin/log)");
}

std::vector<UnifiedLogRecord> read_device_log(const DeviceInfo& device, const LogWindow& window,
                                              const std::string& predicate, const Deadline& deadline) {
  TempDir folder;
  std::string archive = folder.path() + "/fwm.logarchive";
  std::vector<std::string> collect = {"collect", "--device-udid", device.id};
  for (const auto& arg : log_window_args(window)) collect.push_back(arg);
  collect.push_back("--output");
  collect.push_back(archive);
  ProcessResult collected = run_log(collect, deadline, device.id);
  if (collected.exit_code != 0) {
    std::string said = first_line(collected.err.empty() ? collected.out : collected.err);
    if (says_needs_root(collected.err + "\n" + collected.out)) {
      throw Error(ErrorKind::HostTool,
                  "log collect could not read the unified log of " + device.id + " without more rights (" + said +
                      "): run fwm with sudo, or read the outcome in Console.app (select the device, filter on the app)",
                  device.id, "log collect");
    }
    throw Error(ErrorKind::Failed,
                "log collect from " + device.id + " failed (exit " + std::to_string(collected.exit_code) + "): " + said,
                device.id, "log collect");
  }
  ProcessResult shown = run_log({"show", "--style", "ndjson", "--info", "--debug", "--predicate", predicate, archive},
                                deadline, device.id);
  if (shown.exit_code != 0) {
    throw Error(ErrorKind::Failed,
                "log show of the archive collected from " + device.id + " failed (exit " +
                    std::to_string(shown.exit_code) + "): " + first_line(shown.err.empty() ? shown.out : shown.err),
                device.id, "log show");
  }
  return records_of(shown.out, device.id, "log show");
}

}  // namespace

std::string app_log_predicate(const std::string& executable, std::optional<long long> pid) {
  std::string first =
      pid ? "processID == " + std::to_string(*pid) : "processImagePath ENDSWITH " + quoted("/" + executable);
  return first + kTerms;
}

LogRecord log_record_from(const UnifiedLogRecord& record) {
  LogRecord out;
  out.time = record.timestamp;
  out.pid = static_cast<int>(record.process_id.value_or(0));
  out.level = level_of(record.message_type);
  out.raw = record.event_message;
  const std::string& message = record.event_message;
  if (message.rfind(kFlutterPrefix, 0) == 0) {
    out.tag = "flutter";
    out.message = message.substr(std::char_traits<char>::length(kFlutterPrefix));
  } else {
    out.tag = record.subsystem.empty() ? record.process : record.subsystem;
    out.message = message;
  }
  return out;
}

std::vector<std::string> log_window_args(const LogWindow& window) {
  if (!window.since) return {"--last", window.last};
  auto start = std::chrono::floor<std::chrono::seconds>(*window.since) - std::chrono::seconds(1);
  std::time_t seconds = std::chrono::system_clock::to_time_t(start);
  std::tm local{};
  ::localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return {"--start", text};
}

std::vector<UnifiedLogRecord> read_app_log(const XcrunRunner& runner, const DeviceInfo& target, const LogWindow& window,
                                           const std::string& predicate, const Deadline& deadline) {
  if (target.kind == "device") return read_device_log(target, window, predicate, deadline);
  std::vector<std::string> args = {"spawn", target.id, "log", "show", "--style", "ndjson", "--info", "--debug"};
  for (const auto& arg : log_window_args(window)) args.push_back(arg);
  args.push_back("--predicate");
  args.push_back(predicate);
  return records_of(runner.simctl(args, deadline, target.id), target.id, "log show");
}

void follow_app_log(const XcrunRunner& runner, const DeviceInfo& simulator, const std::string& predicate,
                    const std::function<bool(const UnifiedLogRecord&)>& on_record, const Deadline& deadline) {
  if (simulator.kind == "device") {
    throw Error(ErrorKind::Unsupported,
                "macOS cannot stream a device's unified log from the command line; use fwm logs without --follow (a "
                "log collect of the last 10 minutes), Console.app, or flutter logs",
                simulator.id, "log stream");
  }
  const std::string step = "xcrun simctl spawn log stream";
  std::vector<std::string> argv = {runner.path(), "simctl", "spawn", simulator.id, "log", "stream", "--style",
                                   "ndjson", "--level", "debug", "--predicate", predicate};
  UnifiedLogDecoder decoder;
  auto on_output = [&](std::string_view chunk) {
    std::vector<UnifiedLogRecord> records;
    try {
      records = decoder.feed(chunk);
    } catch (const std::invalid_argument& e) {
      throw Error(ErrorKind::HostTool, std::string("log stream printed a record that is not JSON: ") + e.what(),
                  simulator.id, step);
    }
    for (const auto& record : records) {
      if (!on_record(record)) return false;
    }
    return true;
  };
  StreamResult result;
  try {
    result = stream_process(argv, on_output, deadline);
  } catch (const ProcessError& e) {
    throw Error(ErrorKind::HostTool, std::string("cannot run xcrun: ") + e.what(), simulator.id, step);
  }
  if (result.end == StreamEnd::Exited && result.exit_code != 0) {
    SimctlError error = parse_simctl_error(result.err);
    throw Error(simctl_error_kind(error),
                step + " failed (exit " + std::to_string(result.exit_code) + "): " +
                    (error.message.empty() ? first_line(result.err) : error.message),
                simulator.id, step);
  }
}

}  // namespace fwm::ios
