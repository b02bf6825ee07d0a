// Fuzzes parse_threadtime_line on each input line; a parsed message is the end of its line.
#include "adb/logcat_line.hpp"
#include "adb/text_lines.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (auto line : fwm::android::split_lines(fwm::fuzz::as_text(data, size))) {
    auto parsed = fwm::android::parse_threadtime_line(line);
    if (!parsed) continue;
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fwm::fuzz::require(line.ends_with(parsed->message), "the message is the rest of the line");
    fwm::fuzz::require(std::string_view("VDIWEFAS").find(parsed->level) != std::string_view::npos,
                       "the level is one of VDIWEFAS");
    fwm::fuzz::require(line.find(parsed->tag) != std::string_view::npos, "the tag is in the line");
  }
  return 0;
}
