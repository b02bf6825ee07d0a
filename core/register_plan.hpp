// A register request checked against one platform's rules: what would be sent, and what changes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/task.hpp"
#include "core/task_validation.hpp"

namespace fwm {

// The outcome of checking a registration: the request as given, the effective request the
// platform would carry out, and a warning for every value the platform changes or ignores.
struct RegisterPlan {
  std::string app;
  PlatformId platform = PlatformId::Android;
  TaskRequest requested;
  TaskRequest effective;
  std::vector<FieldNote> warnings;
};

// Applies the common rules and then the platform's. Throws ValidationError listing every
// problem; nothing is sent anywhere.
RegisterPlan plan_register(const TaskRequest& request, const std::string& app, const PlatformRules& rules);

// The dry-run document: {"schema": "fwm/1", "dryRun": true, "platform", "app", "task": effective
// request, "requested": request as given, "warnings": [{"field", "message"}]}.
nlohmann::json register_plan_json(const RegisterPlan& plan);

}  // namespace fwm
