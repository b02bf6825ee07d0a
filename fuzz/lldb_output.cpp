// Fuzzes parse_lldb_output (input: stdout, NUL, stderr); a failure names its line and maps to an fwm error.
#include "fuzz/fuzz_input.hpp"
#include "xcrun/lldb_output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [out, err] = fwm::fuzz::split_first(fwm::fuzz::as_text(data, size), '\0');
  auto transcript = fwm::ios::parse_lldb_output(out, err);
  if (transcript.failure == fwm::ios::LldbFailure::None) return 0;
  fwm::fuzz::require(out.find(transcript.failure_line) != std::string_view::npos ||
                         err.find(transcript.failure_line) != std::string_view::npos,
                     "the failure line is in the transcript");
  fwm::fuzz::require(!std::string(fwm::ios::lldb_error(transcript, "device").what()).empty(), "the error says why");
  return 0;
}
