// Doctor reports.
#include "core/doctor_report.hpp"

namespace fwm {

int DoctorReport::exit_code() const {
  for (const auto& c : checks) {
    if (c.status == "fail") return 1;
  }
  return 0;
}

nlohmann::json doctor_report_json(const DoctorReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : report.checks) {
    nlohmann::json entry = {{"name", c.name}, {"status", c.status}, {"detail", c.detail}};
    if (!c.fix.empty()) entry["fix"] = c.fix;
    checks.push_back(entry);
  }
  nlohmann::json out = {{"schema", "fwm/1"}, {"app", report.app}, {"checks", checks}};
  if (!report.device.id.empty()) out["device"] = device_json(report.device);
  return out;
}

}  // namespace fwm
