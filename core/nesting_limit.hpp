// The deepest nesting fwm reads in structured input (JSON, property lists), and JSON parsing within it.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace fwm {

// Containers (objects, arrays, dictionaries) nested deeper than this are refused with an error
// instead of being recursed on; the outputs fwm reads (devicectl, simctl, the plugin's suite)
// nest fewer than 20 levels.
inline constexpr int kMaxNesting = 256;

// nlohmann::json::parse(text, nullptr, false) that refuses documents nested deeper than
// kMaxNesting: a syntax error gives a discarded value, too deep a document throws
// std::invalid_argument ("JSON nested deeper than 256 levels").
nlohmann::json parse_json_within_nesting(std::string_view text);

}  // namespace fwm
