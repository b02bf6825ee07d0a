// Fuzzes parse_scheduled_tasks_text; tasks only in found text, each with its identifier in the text.
#include "fuzz/fuzz_input.hpp"
#include "xcrun/scheduled_tasks_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fwm::fuzz::as_text(data, size);
  auto parsed = fwm::ios::parse_scheduled_tasks_text(text);
  fwm::fuzz::require(parsed.found || parsed.tasks.empty(), "no tasks without found text");
  for (const auto& task : parsed.tasks) {
    fwm::fuzz::require(text.find(task.identifier) != std::string_view::npos, "the identifier is in the text");
  }
  return 0;
}
