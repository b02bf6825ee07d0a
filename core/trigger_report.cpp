// Trigger and wait reports.
#include "core/trigger_report.hpp"

#include <algorithm>

namespace fwm {

int TriggerReport::exit_code() const {
  int worst = 0;
  for (const auto& r : results) {
    if (!r.ok) worst = std::max(worst, fwm::exit_code(r.code));
  }
  return worst;
}

nlohmann::json trigger_report_json(const TriggerReport& report) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : report.results) {
    nlohmann::json entry = {{"outcome", r.outcome},
                            {"message", r.message},
                            {"exitCode", r.ok ? 0 : fwm::exit_code(r.code)},
                            {"task", listed_task_json(r.task)}};
    if (r.after) entry["after"] = listed_task_json(*r.after);
    results.push_back(entry);
  }
  nlohmann::json out = {{"schema", "fwm/1"}, {"app", report.app}, {"results", results}};
  if (!report.device.id.empty()) out["device"] = device_json(report.device);
  return out;
}

}  // namespace fwm
