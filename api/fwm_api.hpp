// The library API: every operation the CLI and the Python module offer, in one place.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/register_plan.hpp"

namespace fwm::api {

// fwm's version, e.g. "0.1.0".
std::string version();

// The platform named by `text` ("android" or "ios"); throws ValidationError on field "platform".
PlatformId platform_named(std::string_view text);

// The rules of one platform.
const PlatformRules& platform_rules(PlatformId platform);

// Checks a register request (the JSON form read by task_request_from_json) for `app` against a
// platform's rules, sending nothing. Throws ValidationError with every problem.
RegisterPlan plan_register(const nlohmann::json& request, const std::string& app, PlatformId platform);

}  // namespace fwm::api
