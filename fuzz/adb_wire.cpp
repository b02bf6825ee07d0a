// Fuzzes the adb wire parsers; the shell v2 decoder gives the same streams however the bytes are chunked.
#include "adb/adb_wire.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto input = fwm::fuzz::as_text(data, size);
  fwm::android::parse_device_list(input);
  fwm::android::parse_getprop(input);
  fwm::android::split_legacy_exit_marker(input);
  if (input.size() >= 4) fwm::android::parse_hex_length(input.substr(0, 4));
  fwm::android::ShellV2Decoder whole, bytes;
  whole.feed(input);
  for (std::size_t i = 0; i < input.size(); ++i) bytes.feed(input.substr(i, 1));
  fwm::fuzz::require(whole.out() == bytes.out() && whole.err() == bytes.err() && whole.exit_code() == bytes.exit_code() &&
                         whole.incomplete() == bytes.incomplete(),
                     "chunking does not change the shell v2 streams");
  auto packet = fwm::android::encode_shell_packet(fwm::android::ShellPacket::Stdout, input);
  fwm::android::ShellV2Decoder again;
  again.feed(packet);
  fwm::fuzz::require(again.out() == input && !again.incomplete(), "an encoded stdout packet decodes to its payload");
  return 0;
}
