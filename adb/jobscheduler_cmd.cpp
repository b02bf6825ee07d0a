// `cmd jobscheduler help` and `cmd jobscheduler run` output.
#include "adb/jobscheduler_cmd.hpp"

#include "adb/text_lines.hpp"

#include <cctype>
#include <optional>
#include <vector>

namespace fwm::android {
namespace {

// The option words of a usage line: "run [-f | --force] PACKAGE" -> run, -f, --force, PACKAGE.
std::vector<std::string_view> usage_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t end = line.find_first_of(" \t[]|", pos);
    if (end == std::string_view::npos) end = line.size();
    if (end > pos) words.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

std::optional<RunReplyKind> error_kind(std::string_view line) {
  if (line.starts_with("Package not found:")) return RunReplyKind::PackageNotFound;
  if (line.starts_with("Could not find job")) return RunReplyKind::JobNotFound;
  if (line.find("has functional constraints but --force not specified") != std::string_view::npos) return RunReplyKind::NeedsForce;
  if (line.starts_with("Error: unknown option")) return RunReplyKind::UnknownOption;
  if (line.find("SecurityException") != std::string_view::npos || line.find("not permitted to") != std::string_view::npos) {
    return RunReplyKind::PermissionDenied;
  }
  return std::nullopt;
}

}  // namespace

JobSchedulerHelp parse_jobscheduler_help(std::string_view text) {
  JobSchedulerHelp help;
  for (std::string_view raw : split_lines(text)) {
    std::string_view line = trim(raw);
    if (line != "run" && !line.starts_with("run ")) continue;
    std::vector<std::string_view> words = usage_words(line);
    bool usage = words.size() == 1;  // a prose line starting with "run " has no option or PACKAGE word
    for (std::string_view word : words) usage = usage || word.starts_with("-") || word == "PACKAGE";
    if (!usage) continue;
    help.has_run = true;
    for (std::string_view word : words) {
      help.supports_force = help.supports_force || word == "-f" || word == "--force";
      help.supports_namespace = help.supports_namespace || word == "-n" || word == "--namespace";
      help.supports_satisfied = help.supports_satisfied || word == "-s" || word == "--satisfied";
    }
  }
  return help;
}

RunReply parse_jobscheduler_run_reply(std::string_view out, std::string_view err) {
  std::optional<RunReply> running;
  for (std::string_view stream : {err, out}) {
    for (std::string_view raw : split_lines(stream)) {
      std::string_view line = trim(raw);
      if (auto kind = error_kind(line)) return {*kind, std::string(line)};
      if (!running && line.starts_with("Running job")) {
        bool forced = line.find("[FORCED]") != std::string_view::npos;
        running = RunReply{forced ? RunReplyKind::RunningForced : RunReplyKind::Running, std::string(line)};
      }
    }
  }
  if (running) return *running;
  std::string all = std::string(trim(out));
  std::string_view err_text = trim(err);
  if (!all.empty() && !err_text.empty()) all += "\n";
  all += err_text;
  return {RunReplyKind::Other, all};
}

}  // namespace fwm::android
