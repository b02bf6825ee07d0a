// Encodes fuzzer-chosen entries as a V1 Data blob (androidx Data.toByteArrayInternalV1 layout) and checks decode_work_data gives them back.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>

#include "adb/work_data.hpp"
#include "fuzz/fuzz_input.hpp"

namespace {

void put_be(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

// DataOutput.writeUTF of text made of code points U+0001..U+07FF, whose modified UTF-8 is plain UTF-8.
std::string write_utf(const std::string& text) {
  std::string out;
  put_be(out, text.size(), 2);
  return out + text;
}

// A string of code points U+0001..U+07FF taken from the provider, as UTF-8.
std::string pick_text(FuzzedDataProvider& in) {
  std::string text;
  auto length = in.ConsumeIntegralInRange<int>(0, 12);
  for (int i = 0; i < length; ++i) {
    auto c = in.ConsumeIntegralInRange<unsigned>(1, 0x7ff);
    if (c < 0x80) {
      text += static_cast<char>(c);
    } else {
      text += static_cast<char>(0xc0 | (c >> 6));
      text += static_cast<char>(0x80 | (c & 0x3f));
    }
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  nlohmann::json expected = nlohmann::json::object();
  std::string body;
  int count = 0;
  while (in.remaining_bytes() > 0 && count < 16) {
    auto key = pick_text(in);
    std::string entry;
    nlohmann::json value;
    switch (in.ConsumeIntegralInRange<int>(0, 5)) {
      case 0: entry += '\0'; break;
      case 1: { bool b = in.ConsumeBool(); entry += '\1'; entry += static_cast<char>(b); value = b; break; }
      case 2: { auto v = in.ConsumeIntegral<std::int8_t>(); entry += '\2'; put_be(entry, static_cast<std::uint8_t>(v), 1); value = v; break; }
      case 3: { auto v = in.ConsumeIntegral<std::int32_t>(); entry += '\3'; put_be(entry, static_cast<std::uint32_t>(v), 4); value = v; break; }
      case 4: { auto v = in.ConsumeIntegral<std::int64_t>(); entry += '\4'; put_be(entry, static_cast<std::uint64_t>(v), 8); value = v; break; }
      default: { auto s = pick_text(in); entry += '\7'; entry += write_utf(s); value = s; break; }
    }
    body += entry + write_utf(key);
    expected[key] = value;
    ++count;
  }
  std::string blob = "\xab\xef";
  put_be(blob, 1, 2);
  put_be(blob, static_cast<std::uint32_t>(count), 4);
  blob += body;
  fwm::fuzz::require(fwm::android::decode_work_data(blob) == expected, "a V1 blob decodes to what was encoded");
  return 0;
}
