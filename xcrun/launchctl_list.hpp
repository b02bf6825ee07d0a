// Parser of `simctl spawn UDID launchctl list`: the simulator's launchd jobs and the apps among them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwm::ios {

// One row of the PID / Status / Label table.
struct LaunchdJob {
  std::optional<long long> pid;  // nullopt for "-" (not running)
  std::optional<int> status;     // the last exit status; nullopt for "-"
  std::string label;
  std::string bundle_id;         // for an app's job, else ""
};

// Every row of the table (TABs or runs of spaces between the columns; CR, blank lines and the
// header ignored). An app's label is `UIKitApplication:<bundle>[<hex>][...]`, or (a guess for newer
// runtimes) `application.<bundle>.<number>.<number>`. Lines that are not rows are skipped.
std::vector<LaunchdJob> parse_launchctl_list(std::string_view text);

// The PID of the running app `bundle_id`, or nullopt when it is not listed or not running.
std::optional<long long> running_app_pid(const std::vector<LaunchdJob>& jobs, std::string_view bundle_id);

}  // namespace fwm::ios
