// Fuzzes the unified log decoder; reading the text whole or byte by byte gives the same records.
#include <stdexcept>

#include "fuzz/fuzz_input.hpp"
#include "xcrun/unified_log.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fwm::fuzz::as_text(data, size);
  std::size_t whole = 0;
  bool whole_failed = false;
  try {
    auto records = fwm::ios::parse_unified_log(text);
    whole = records.size();
    for (const auto& record : records) fwm::ios::unified_log_time_us(record.timestamp);
  } catch (const std::invalid_argument&) {
    whole_failed = true;
  }
  fwm::ios::UnifiedLogDecoder decoder;
  std::size_t pieces = 0;
  bool pieces_failed = false;
  try {
    for (std::size_t i = 0; i < text.size(); ++i) pieces += decoder.feed(text.substr(i, 1)).size();
  } catch (const std::invalid_argument&) {
    pieces_failed = true;
  }
  fwm::fuzz::require(whole_failed == pieces_failed, "chunking does not change whether the log is valid");
  if (!whole_failed) fwm::fuzz::require(whole == pieces, "chunking does not change the records");
  return 0;
}
