// Building and printing a register plan.
#include "core/register_plan.hpp"

#include "core/task_names.hpp"
#include "core/task_request.hpp"

namespace fwm {

RegisterPlan plan_register(const TaskRequest& request, const std::string& app, const PlatformRules& rules) {
  Findings findings;
  rules.check_app(app, findings);
  TaskRequest effective = request;
  apply_common_rules(effective, findings);
  if (findings.problems.empty()) rules.apply(effective, findings);
  if (!findings.problems.empty()) throw ValidationError(std::move(findings.problems));
  return RegisterPlan{app, rules.platform(), request, std::move(effective), std::move(findings.warnings)};
}

nlohmann::json register_plan_json(const RegisterPlan& plan) {
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : plan.warnings) warnings.push_back({{"field", w.field}, {"message", w.message}});
  return {
      {"schema", "fwm/1"},
      {"dryRun", true},
      {"platform", name_of(plan.platform)},
      {"app", plan.app},
      {"task", task_request_to_json(plan.effective)},
      {"requested", task_request_to_json(plan.requested)},
      {"warnings", warnings},
  };
}

}  // namespace fwm
