// Fuzzes read_property_list (binary and XML plists through libplist); only std::invalid_argument may escape, and the result serializes as fwm prints JSON.
#include <stdexcept>

#include "fuzz/fuzz_input.hpp"
#include "xcrun/property_list.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    fwm::ios::read_property_list(fwm::fuzz::as_text(data, size)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
