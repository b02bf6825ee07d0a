// parse_json_within_nesting: nlohmann's parser with a callback that stops at the nesting limit.
#include "core/nesting_limit.hpp"

#include <stdexcept>
#include <string>

namespace fwm {

nlohmann::json parse_json_within_nesting(std::string_view text) {
  auto limit = [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    bool opens = event == nlohmann::json::parse_event_t::object_start ||
                 event == nlohmann::json::parse_event_t::array_start;
    if (opens && depth >= kMaxNesting) {
      throw std::invalid_argument("JSON nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    return true;
  };
  return nlohmann::json::parse(text, limit, false);
}

}  // namespace fwm
