// Fuzzes the VM service answer reader, the bridge hello reader and VM service addresses; only fwm's errors may escape, an address round-trips.
#include "adb/vm_service_discovery.hpp"
#include "core/bridge_protocol.hpp"
#include "core/errors.hpp"
#include "core/url.hpp"
#include "core/vm_service_client.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = fwm::fuzz::as_text(data, size);
  try {
    auto result = fwm::vm_service_result(text, "ext.fwm.hello", "http://127.0.0.1:1/");
    fwm::bridge_hello_json(fwm::parse_bridge_hello(result));
  } catch (const fwm::VmServiceRpcError&) {
  } catch (const fwm::Error&) {
  }
  if (auto uri = fwm::parse_vm_service_uri(text)) {
    auto again = fwm::parse_vm_service_uri(uri->text());
    fwm::fuzz::require(again && again->host == uri->host && again->port == uri->port && again->auth_code == uri->auth_code,
                       "an address reads back from its text");
  }
  fwm::vm_service_uri_in_message(text);
  fwm::android::vm_service_uri_in_log(text, 0);
  fwm::android::parse_pidof(text);
  return 0;
}
