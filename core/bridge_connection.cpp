// Connecting to the bridge's isolate and calling its extensions.
#include "core/bridge_connection.hpp"

#include "core/errors.hpp"

namespace fwm {

std::optional<VmServiceUri> given_vm_service(const BridgeOptions& options) {
  if (options.vm_service.empty()) return std::nullopt;
  auto given = parse_vm_service_uri(options.vm_service);
  if (!given) {
    throw ValidationError("vmService", "'" + options.vm_service +
                                           "' is not a VM service address such as http://127.0.0.1:41817/9RXbNwUxzQo=/");
  }
  return given;
}

BridgeConnection::BridgeConnection(const VmServiceUri& uri, bool verbose, const std::string& device,
                                   const std::string& app, const Deadline& deadline)
    : device_(device), client_(uri, verbose) {
  std::string hello = bridge_method("hello");
  auto isolate = client_.find_isolate_with(hello, deadline);
  if (!isolate) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the in-app bridge is needed, and no isolate behind the Dart VM service at " + client_.shown() + " of " +
                    app + " on " + device + " offers " + hello + ": " + bridge_enable_hint(),
                device, "find bridge");
  }
  isolate_ = *isolate;
  hello_ = parse_bridge_hello(call("hello", {}, deadline));
}

nlohmann::json BridgeConnection::call(const std::string& name, const RpcParams& params, const Deadline& deadline) {
  RpcParams all{{"isolateId", isolate_}};
  all.insert(all.end(), params.begin(), params.end());
  try {
    return client_.call(bridge_method(name), all, deadline);
  } catch (const VmServiceRpcError& e) {
    throw bridge_call_error(name, e, device_);
  }
}

}  // namespace fwm
