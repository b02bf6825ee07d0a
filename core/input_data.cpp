// inputData parsing and the Android plugin's payload rules.
#include "core/input_data.hpp"

namespace fwm {
namespace {

constexpr std::string_view kTaskNameKey = "dev.fluttercommunity.workmanager.DART_TASK";

bool is_scalar(const nlohmann::json& v) {
  return v.is_boolean() || v.is_number() || v.is_string();
}

// The kind a homogeneous list must share: integers, floats, booleans or strings.
int scalar_class(const nlohmann::json& v) {
  if (v.is_boolean()) return 0;
  if (v.is_number_integer()) return 1;
  if (v.is_number_float()) return 2;
  return 3;
}

// Bytes of one Data value: a type byte, then the value (8-byte numbers, 1-byte booleans,
// length-prefixed UTF-8 strings, count-prefixed arrays).
std::size_t value_size(const nlohmann::json& v) {
  if (v.is_boolean()) return 2;
  if (v.is_number()) return 9;
  if (v.is_string()) return 1 + 2 + v.get_ref<const std::string&>().size();
  if (v.is_array()) {
    std::size_t total = 1 + 4;
    for (const auto& item : v) total += value_size(item) - 1;
    return total;
  }
  return 1;
}

std::size_t entry_size(std::string_view key, std::size_t value_bytes) {
  return 2 + key.size() + value_bytes;
}

}  // namespace

nlohmann::json parse_input_value(std::string_view text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return nlohmann::json(std::string(text));
  return parsed;
}

nlohmann::json merge_input_data(const std::string* input_json, const std::vector<std::string>& pairs,
                                std::vector<FieldNote>& problems) {
  nlohmann::json data = nlohmann::json::object();
  if (input_json != nullptr) {
    auto parsed = nlohmann::json::parse(*input_json, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      problems.push_back({"inputData", "must be a JSON object such as {\"count\": 1}"});
    } else {
      data = std::move(parsed);
    }
  }
  for (const auto& pair : pairs) {
    auto eq = pair.find('=');
    if (eq == std::string::npos) {
      problems.push_back({"inputData", "'" + pair + "' has no '=': write KEY=VALUE"});
      continue;
    }
    if (eq == 0) {
      problems.push_back({"inputData", "'" + pair + "' has an empty key: write KEY=VALUE"});
      continue;
    }
    data[pair.substr(0, eq)] = parse_input_value(std::string_view(pair).substr(eq + 1));
  }
  return data;
}

bool needs_json_payload(const nlohmann::json& value) {
  if (value.is_object()) return true;
  if (!value.is_array()) return false;
  for (const auto& item : value) {
    if (!is_scalar(item)) return true;
    if (scalar_class(item) != scalar_class(value.front())) return true;
  }
  return false;
}

std::size_t android_data_size_estimate(const nlohmann::json& input_data, std::string_view task_name) {
  std::size_t total = 4 + entry_size(kTaskNameKey, 1 + 2 + task_name.size());
  for (const auto& [key, value] : input_data.items()) {
    if (value.is_null()) continue;  // dropped by the plugin
    if (needs_json_payload(value)) {
      std::string text = value.dump();
      total += entry_size("json_payload_" + key, 1 + 2 + text.size());
    } else {
      total += entry_size("payload_" + key, value_size(value));
    }
  }
  return total;
}

}  // namespace fwm
