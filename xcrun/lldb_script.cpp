// lldb command lines for BGTaskScheduler's debug entry points.
#include "xcrun/lldb_script.hpp"

#include <cctype>

#include "core/errors.hpp"

namespace fwm::ios {
namespace {

const char* selector(BgTaskAction action) {
  switch (action) {
    case BgTaskAction::SimulateLaunch: return "_simulateLaunchForTaskWithIdentifier";
    case BgTaskAction::SimulateExpiration: return "_simulateExpirationForTaskWithIdentifier";
    case BgTaskAction::Cancel: return "cancelTaskRequestWithIdentifier";
  }
  return "";
}

bool plain_identifier(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> lldb_commands(const LldbTarget& target, BgTaskAction action, std::string_view identifier) {
  if (!plain_identifier(identifier)) {
    throw ValidationError("identifier", "a BGTask identifier for lldb must be non-empty and hold only letters, digits, "
                                        "'.', '-' and '_'");
  }
  if (target.pid <= 0) throw ValidationError("pid", "the process id to attach lldb to must be positive");
  std::vector<std::string> commands;
  std::string attach = "process attach --pid " + std::to_string(target.pid);
  if (!target.device_id.empty()) {
    commands.push_back("device select " + target.device_id);
    attach = "device " + attach;
  }
  commands.push_back(attach);
  commands.push_back(std::string("expr -l objc -- (void)[[BGTaskScheduler sharedScheduler] ") + selector(action) + ":@\"" +
                     std::string(identifier) + "\"]");
  commands.push_back("process detach");
  return commands;
}

std::vector<std::string> lldb_argv(const std::vector<std::string>& commands) {
  std::vector<std::string> argv = {"lldb", "--no-lldbinit", "--batch"};
  for (const auto& command : commands) {
    argv.push_back("-o");
    argv.push_back(command);
  }
  return argv;
}

}  // namespace fwm::ios
