// Which command-line flag sets each request field, so errors name what the user typed.
#pragma once

#include <string>

namespace fwm::cli {

// The flag for a field name used in FieldNote ("frequency" -> "--frequency",
// "inputData.count" -> "--input count"); the field itself when no flag sets it.
std::string flag_for_field(const std::string& field);

}  // namespace fwm::cli
