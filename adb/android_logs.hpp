// The task lifecycle log: WorkManager's WM-* lines, the plugin's WorkmanagerDebug lines, the worker's flutter lines.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "adb/adb_client.hpp"
#include "core/log_record.hpp"

namespace fwm::android {

// True for the tags fwm logs shows: "WM-..." (WorkManager), "WorkmanagerDebug" (the plugin's
// LoggingDebugHandler) and "flutter" (print() in the Dart callback).
bool is_task_log_tag(std::string_view tag);

// Reads the log once (`logcat -d -v threadtime`) or follows it (`logcat -v threadtime`) and calls
// `on_record` for each task lifecycle line until it returns false, the log ends, the deadline
// passes or an interrupt comes.
void read_task_logs(AdbClient& client, const std::string& serial, bool follow,
                    const std::function<bool(const LogRecord&)>& on_record, const Deadline& deadline);

}  // namespace fwm::android
