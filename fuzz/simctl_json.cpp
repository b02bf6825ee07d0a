// Fuzzes the JSON parsers of simctl (list devices -j) and runtime ids; only std::invalid_argument may escape.
#include <stdexcept>

#include "fuzz/fuzz_input.hpp"
#include "xcrun/simctl_devices.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fwm::fuzz::as_text(data, size);
  try {
    for (const auto& simulator : fwm::ios::parse_simctl_devices(text)) {
      fwm::fuzz::require(!simulator.udid.empty(), "every simulator has its udid");
      fwm::ios::runtime_os(simulator.runtime_id);
    }
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
