// inputData: reading it from the command line and judging how the plugin will carry each value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"

namespace fwm {

// The value of `--input KEY=VALUE`: VALUE as JSON when it is valid JSON, else as a string.
nlohmann::json parse_input_value(std::string_view text);

// Merges `--input-json` (an object) and then the `--input KEY=VALUE` pairs (later keys win) into
// one inputData object. Problems (no '=', empty key, JSON that is not an object) are appended to
// `problems` under the field "inputData".
nlohmann::json merge_input_data(const std::string* input_json, const std::vector<std::string>& pairs,
                                std::vector<FieldNote>& problems);

// True when the plugin carries a value as a JSON string (json_payload_<key>, plugin >= 0.9.1):
// maps, mixed lists and lists of lists. False for int, bool, double, String and lists of one of
// those, which the plugin stores natively (payload_<key>), and for a top-level null, which it drops.
bool needs_json_payload(const nlohmann::json& value);

// An estimate, in bytes, of the WorkManager Data that the Android plugin builds for this task
// (task-name key plus payload_/json_payload_ keys and values, as Data serializes them); Android
// rejects more than 10240 bytes.
std::size_t android_data_size_estimate(const nlohmann::json& input_data, std::string_view task_name);

}  // namespace fwm
