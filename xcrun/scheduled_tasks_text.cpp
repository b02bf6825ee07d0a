// The printScheduledTasks line parser.
#include "xcrun/scheduled_tasks_text.hpp"

namespace fwm::ios {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

ScheduledTasksText parse_scheduled_tasks_text(std::string_view text) {
  const std::string_view tag = "[BGTaskScheduler] ";
  const std::string_view task = "Task Identifier: ";
  const std::string_view date = " earliestBeginDate:";
  ScheduledTasksText out;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t at = line.find(tag);
    if (at == std::string_view::npos) continue;
    std::string_view body = trimmed(line.substr(at + tag.size()));
    if (body == "There are no scheduled tasks" || body == "Scheduled Tasks:") {
      out.found = true;
      continue;
    }
    if (body.substr(0, task.size()) != task) continue;
    body.remove_prefix(task.size());
    size_t split = body.find(date);
    if (split == std::string_view::npos) continue;
    std::string_view id = trimmed(body.substr(0, split));
    if (id.empty()) continue;
    out.found = true;
    out.tasks.push_back({std::string(id), std::string(trimmed(body.substr(split + date.size())))});
  }
  return out;
}

}  // namespace fwm::ios
