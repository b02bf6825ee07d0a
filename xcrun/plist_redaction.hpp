// Redacting the tasks' input data in the plugin's UserDefaults suite for `fwm capture --redact`, keeping keys and types.
#pragma once

#include <string>
#include <string_view>

namespace fwm::ios {

// What a redacted string reads.
inline constexpr const char* kRedactedPlistText = "<redacted>";

// The suite plist `bytes` written again as a binary plist in which every value under a
// `<plugin prefix>.periodicTaskInputData.<name>` key (the plugin's stored inputData) is redacted,
// keeping keys and types: strings kRedactedPlistText, integers and reals 0, booleans false, data
// empty, dates the reference date, arrays and dictionaries their elements redacted. Other keys are
// kept. Throws std::invalid_argument when `bytes` are not a readable property list.
std::string redact_plugin_suite(std::string_view bytes);

}  // namespace fwm::ios
