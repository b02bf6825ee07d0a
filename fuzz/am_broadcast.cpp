// Fuzzes parse_am_broadcast; a result or data only comes with a completion line.
#include "adb/am_broadcast.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fwm::fuzz::as_text(data, size);
  auto reply = fwm::android::parse_am_broadcast(text);
  fwm::fuzz::require(reply.completed || (!reply.result && reply.data.empty()), "nothing read without completion");
  fwm::fuzz::require(!reply.completed || text.find("Broadcast completed:") != std::string_view::npos,
                     "completion needs its line");
  return 0;
}
