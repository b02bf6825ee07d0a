// The result of `fwm doctor`: one check per line with pass/fail and how to fix it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/device_info.hpp"

namespace fwm {

// One check.
struct DoctorCheck {
  std::string name;    // e.g. "installed", "debuggable", "callback handle"
  std::string status;  // pass, warn, fail, skip
  std::string detail;  // what was found
  std::string fix;     // what to do about a warn or fail ("" otherwise)
};

// All checks for one app on one device.
struct DoctorReport {
  DeviceInfo device;
  std::string app;
  std::vector<DoctorCheck> checks;

  // 1 when a check failed, else 0.
  int exit_code() const;
};

// {"schema": "fwm/1", "device": {...}, "app", "checks": [{"name", "status", "detail", "fix"}]}.
nlohmann::json doctor_report_json(const DoctorReport& report);

}  // namespace fwm
