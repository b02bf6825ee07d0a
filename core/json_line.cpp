// Compact JSON serialization for output.
#include "core/json_line.hpp"

namespace fwm {

std::string json_line(const nlohmann::json& document) {
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace fwm
