// Fuzzes decode_work_data (V0 and V1 Data blobs); a blob decodes to an object, the same in both key orders.
#include <stdexcept>

#include "adb/work_data.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto blob = fwm::fuzz::as_text(data, size);
  nlohmann::ordered_json ordered;
  try {
    ordered = fwm::android::decode_work_data_ordered(blob);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  fwm::fuzz::require(ordered.is_object(), "a Data blob is an object");
  auto plain = fwm::android::decode_work_data(blob);
  fwm::fuzz::require(plain == nlohmann::json::parse(ordered.dump()), "both decodings agree");
  return 0;
}
