// A TaskRequest to and from the JSON that the CLI, Python and the bridge exchange.
#pragma once

#include <nlohmann/json.hpp>

#include "core/task.hpp"

namespace fwm {

// Reads a request object with the plugin's parameter names: kind, uniqueName, taskName, tag,
// inputData, initialDelay, frequency, flexInterval (durations as strings such as "15m"),
// constraints {networkType, requiresBatteryNotLow, requiresCharging, requiresDeviceIdle,
// requiresStorageNotLow}, existingWorkPolicy, backoffPolicy, backoffPolicyDelay, expedited,
// outOfQuotaPolicy. Throws ValidationError naming every field that is missing, of the wrong type,
// unknown or unparsable. Checks shape only; the plugin's rules are applied by plan_register.
TaskRequest task_request_from_json(const nlohmann::json& request);

// A duration as the JSON contract prints it: a number of seconds (integral when whole).
nlohmann::json seconds_json(Millis value);

// The request in the contract's task vocabulary (durations in seconds, the tag as "tags");
// unset fields are absent.
nlohmann::json task_request_to_json(const TaskRequest& request);

}  // namespace fwm
