// An iOS app's task log from the unified log: the predicate, records as fwm logs prints them, reading and following.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "core/log_record.hpp"
#include "xcrun/unified_log.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// The predicate P of docs/ios-commands.md on one line: `processImagePath ENDSWITH "/EXEC" AND
// (eventMessage BEGINSWITH "flutter: " OR ... OR subsystem == "dev.fluttercommunity.workmanager")`,
// with `processID == PID` as the first term instead when `pid` is given. `executable` is quoted as
// an NSPredicate string ('\' and '"' escaped with '\'), so no name can end the string early.
std::string app_log_predicate(const std::string& executable, std::optional<long long> pid);

// One unified-log record as fwm logs prints it: time = timestamp, pid = processID (0 when absent),
// tid 0, level from messageType (Debug D; Info and Default I; Error E; Fault F; events without a
// message type I); tag "flutter" with the message after the "flutter: " prefix for Dart's print,
// else the subsystem when set, else the process name, with the whole message; raw = the message.
LogRecord log_record_from(const UnifiedLogRecord& record);

// Which records to read: those since a host moment, or those of the last span.
struct LogWindow {
  std::optional<std::chrono::system_clock::time_point> since;  // set: records from one second before it
  std::string last = "10m";                                      // when `since` is unset: a `log --last` span
};

// The `log` options for a window: {"--start", "YYYY-MM-DD HH:MM:SS"} (host local time, the moment
// rounded down to the second, less one second for the log's granularity) or {"--last", last}.
std::vector<std::string> log_window_args(const LogWindow& window);

// The app log records `predicate` selects in `window`, Info and Debug included, oldest first.
// Simulator: `xcrun simctl spawn UDID log show --style ndjson --info --debug <window> --predicate P`
// (errors as XcrunRunner::simctl throws them). Device: the host's `log collect --device-udid HWUDID
// <window> --output <private folder>/fwm.logarchive`, then `log show --style ndjson --info --debug
// --predicate P <archive>`. A `log collect` that fails for want of root or permission is
// Error(HostTool) telling to run fwm with sudo or to read the outcome in Console.app; `log` missing
// is Error(HostTool); other failures are Error(Failed) naming the device and the step; the deadline
// is Error(Timeout), an interrupt Error(Interrupted). Output that is not the log's JSON is
// Error(HostTool).
std::vector<UnifiedLogRecord> read_app_log(const XcrunRunner& runner, const DeviceInfo& target, const LogWindow& window,
                                           const std::string& predicate, const Deadline& deadline);

// Follows a simulator's log (`xcrun simctl spawn UDID log stream --style ndjson --level debug
// --predicate P`) and calls `on_record` for each record as it arrives until it returns false, the
// stream ends, the deadline passes or an interrupt comes (all of which return normally). Throws
// Error(simctl_error_kind) when the stream exits non-zero, Error(HostTool) when xcrun cannot be
// started or prints something that is not the log's JSON, and, for a device, Error(Unsupported):
// macOS cannot stream a device's unified log from the command line.
void follow_app_log(const XcrunRunner& runner, const DeviceInfo& simulator, const std::string& predicate,
                    const std::function<bool(const UnifiedLogRecord&)>& on_record, const Deadline& deadline);

}  // namespace fwm::ios
