// The lldb commands that make BGTaskScheduler launch, expire or cancel a task in an attached app.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fwm::ios {

// What to ask BGTaskScheduler for.
enum class BgTaskAction {
  SimulateLaunch,      // _simulateLaunchForTaskWithIdentifier: (runs the launch handler on resume)
  SimulateExpiration,  // _simulateExpirationForTaskWithIdentifier: (runs the expiration handler)
  Cancel,              // cancelTaskRequestWithIdentifier: (public API; bypasses the plugin's bookkeeping)
};

// The process to attach to: on a device (`device_id`, a CoreDevice identifier or UDID, through
// Xcode 16+ lldb's `device` commands) or, when `device_id` is empty, a simulator app (a host process).
struct LldbTarget {
  std::string device_id;
  long long pid = 0;
};

// The session, one lldb command each: [`device select ID`,] `[device ]process attach --pid N`,
// the `expr -l objc -- (void)[[BGTaskScheduler sharedScheduler] <selector>:@"ID"]` expression,
// `process detach` (which resumes the app). Throws ValidationError("identifier") when the
// identifier is empty or holds characters other than letters, digits, '.', '-' and '_', and
// ValidationError("pid") when the pid is not positive.
std::vector<std::string> lldb_commands(const LldbTarget& target, BgTaskAction action, std::string_view identifier);

// The argv after `xcrun` that runs `commands` without an interactive prompt or ~/.lldbinit:
// {"lldb", "--no-lldbinit", "--batch", "-o", command, ...}. lldb stops at the first failing command.
std::vector<std::string> lldb_argv(const std::vector<std::string>& commands);

}  // namespace fwm::ios
