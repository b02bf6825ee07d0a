// Fuzzes parse_simulated_launch (input: "IDENTIFIER\n" then the app log); a verdict comes with its line.
#include "fuzz/fuzz_input.hpp"
#include "xcrun/simulate_launch_log.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [identifier, log] = fwm::fuzz::split_first(fwm::fuzz::as_text(data, size), '\n');
  auto outcome = fwm::ios::parse_simulated_launch(log, identifier);
  if (outcome.verdict == fwm::ios::SimulatedLaunch::Unknown) return 0;
  fwm::fuzz::require(log.find(outcome.line) != std::string_view::npos, "the verdict's line is in the log");
  fwm::fuzz::require(!outcome.message.empty(), "a verdict has its sentence");
  return 0;
}
