// Helpers for JSON documents whose unknown fields are left out rather than invented.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace fwm {

// Sets object[key] only when `value` is set.
template <typename T>
void put_optional(nlohmann::json& object, const char* key, const std::optional<T>& value) {
  if (value) object[key] = *value;
}

// Sets object[key] only when `value` is not empty.
inline void put_nonempty(nlohmann::json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

}  // namespace fwm
