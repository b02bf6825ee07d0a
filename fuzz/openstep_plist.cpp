// Fuzzes parse_openstep_plist and parse_simctl_listapps; only std::invalid_argument may escape, and the result serializes as fwm prints JSON.
#include <stdexcept>

#include "fuzz/fuzz_input.hpp"
#include "xcrun/openstep_plist.hpp"
#include "xcrun/simctl_apps.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fwm::fuzz::as_text(data, size);
  try {
    fwm::ios::parse_openstep_plist(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const std::invalid_argument&) {
  }
  try {
    for (const auto& app : fwm::ios::parse_simctl_listapps(text)) fwm::ios::file_url_path(app.data_container);
  } catch (const std::invalid_argument&) {
  }
  try {
    fwm::ios::parse_app_container(text);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
