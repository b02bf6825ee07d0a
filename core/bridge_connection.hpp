// A checked connection to the in-app bridge behind a Dart VM service address, on any platform.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/bridge_protocol.hpp"
#include "core/deadline.hpp"
#include "core/url.hpp"
#include "core/vm_service_client.hpp"

namespace fwm {

// How to reach the bridge: `vm_service` ("" = find the address in the app's log; else a host-side
// address used as given, e.g. the DDS address `flutter run` prints) and whether messages may show
// the auth code.
struct BridgeOptions {
  std::string vm_service;
  bool verbose = false;
};

// The address given in `options.vm_service`, or nullopt when none was given. Throws
// ValidationError on field "vmService" for text that is not a VM service address.
std::optional<VmServiceUri> given_vm_service(const BridgeOptions& options);

// The isolate that registered ext.fwm.hello behind one VM service, and its hello, checked.
// Throws Error(BridgeUnavailable) with the way to enable the bridge when nothing answers or no
// isolate offers the bridge, naming `app` and `device`.
class BridgeConnection {
 public:
  BridgeConnection(const VmServiceUri& uri, bool verbose, const std::string& device, const std::string& app,
                   const Deadline& deadline);

  const BridgeHello& hello() const { return hello_; }
  // Calls ext.fwm.NAME in the bridge's isolate; error answers become bridge_call_error.
  nlohmann::json call(const std::string& name, const RpcParams& params, const Deadline& deadline);

 private:
  std::string device_;
  VmServiceClient client_;
  std::string isolate_;
  BridgeHello hello_;
};

}  // namespace fwm
