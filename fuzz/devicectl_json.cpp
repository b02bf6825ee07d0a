// Fuzzes the devicectl envelope and result parsers; a failed envelope's result call throws fwm::Error, nothing else escapes.
#include <stdexcept>

#include "core/errors.hpp"
#include "fuzz/fuzz_input.hpp"
#include "xcrun/devicectl_json.hpp"
#include "xcrun/devicectl_results.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fwm::ios::DevicectlEnvelope envelope;
  try {
    envelope = fwm::ios::parse_devicectl_envelope(fwm::fuzz::as_text(data, size));
  } catch (const std::invalid_argument&) {
    return 0;
  }
  fwm::ios::devicectl_error_message(envelope.error_chain);
  fwm::ios::devicectl_error_kind(envelope.error_chain);
  try {
    const auto& result = fwm::ios::devicectl_result(envelope, "device");
    fwm::fuzz::require(!envelope.failed(), "a failed envelope has no result");
    for (const auto& device : fwm::ios::devicectl_devices(result)) {
      fwm::fuzz::require(!device.identifier.empty(), "every device has its identifier");
    }
    for (const auto& app : fwm::ios::devicectl_apps(result)) {
      fwm::fuzz::require(!app.bundle_id.empty(), "every app has its bundle id");
    }
    auto processes = fwm::ios::devicectl_processes(result);
    fwm::ios::devicectl_launched_process(result);
    if (!processes.empty()) fwm::ios::app_process(processes, processes.front().executable);
  } catch (const fwm::Error&) {
  }
  return 0;
}
