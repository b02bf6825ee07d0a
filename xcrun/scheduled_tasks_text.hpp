// Parser of the text the plugin's printScheduledTasks logs and returns (BGTaskScheduler's pending requests).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fwm::ios {

// One pending BGTask request.
struct PendingTaskText {
  std::string identifier;
  std::string earliest_begin_date;  // as printed (locale-dependent), "" when the request had none
};

// What the text says.
struct ScheduledTasksText {
  bool found = false;  // the text holds the header, the empty-state line or at least one task line
  std::vector<PendingTaskText> tasks;
};

// Reads `[BGTaskScheduler] There are no scheduled tasks`, or `[BGTaskScheduler] Scheduled Tasks:`
// (optional) and `[BGTaskScheduler] Task Identifier: <id> earliestBeginDate: <date>` lines, each
// possibly behind a log prefix such as `flutter: ` or a syslog timestamp; other lines and CRs are
// ignored. The date is the rest of the line, trimmed.
ScheduledTasksText parse_scheduled_tasks_text(std::string_view text);

}  // namespace fwm::ios
