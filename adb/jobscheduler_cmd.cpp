// `cmd jobscheduler help` and `cmd jobscheduler run` output.
#include "adb/jobscheduler_cmd.hpp"

#include <cctype>
#include <optional>
#include <vector>

namespace fwm::android {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

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
