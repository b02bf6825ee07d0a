// The fwm bridge protocol (docs/bridge-protocol.md): method names, versions, requests and error codes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/register_plan.hpp"
#include "core/vm_service_client.hpp"

namespace fwm {

// The protocol this fwm speaks; a bridge with another major version is refused.
inline constexpr int kBridgeProtocolMajor = 1;
inline constexpr std::string_view kBridgeProtocolVersion = "1.0";

// Every bridge method is the service extension "ext.fwm." + its name.
std::string bridge_method(std::string_view name);

// Error codes a bridge answers with (the VM service's extension range, plus its Invalid params).
inline constexpr int kBridgeInvalidParams = -32602;  // a parameter is missing or malformed
inline constexpr int kBridgePluginError = -32000;    // the plugin threw (PlatformException, ...)
inline constexpr int kBridgeUnsupported = -32001;    // the plugin does not offer this on this platform
inline constexpr int kVmMethodNotFound = -32601;     // the VM service knows no such extension

// What ext.fwm.hello tells about the bridge.
struct BridgeHello {
  std::string protocol_version;  // "1.0"
  std::string bridge_version;    // fwm_bridge's version
  std::string plugin_version;    // as the app declared it to enableFwmBridge, "" when not
  std::string platform;          // "android", "ios"
};

// Reads a hello result. Throws Error(BridgeUnavailable) when it is malformed or its major
// protocol version is not kBridgeProtocolMajor (the message says which side to update).
BridgeHello parse_bridge_hello(const nlohmann::json& result);

// {"protocolVersion", "bridgeVersion", "pluginVersion" (when known), "platform"}.
nlohmann::json bridge_hello_json(const BridgeHello& hello);

// The register method for a kind: registerOneOffTask, registerPeriodicTask, registerProcessingTask.
std::string register_method_name(TaskKind kind);

// The `task` parameter of a register call: the plan's effective request with the plugin's
// parameter names and enum names (uniqueName, taskName, tag, inputData, initialDelay, frequency,
// flexInterval in whole seconds; constraints; existingWorkPolicy as the caller gave it where
// Android maps it; backoffPolicy with backoffPolicyDelay in milliseconds; expedited,
// outOfQuotaPolicy). Fields the kind does not take are absent.
nlohmann::json bridge_task_json(const RegisterPlan& plan);

// The unique name of a run-now copy of `unique_name` made at `now_ms` (Unix epoch ms).
std::string run_now_unique_name(const std::string& unique_name, std::int64_t now_ms);

// True when `unique_name` has the form run_now_unique_name makes (`<name>.fwm-run-now.<digits>`).
bool is_run_now_copy(std::string_view unique_name);

// The tag every run-now copy carries.
inline constexpr std::string_view kRunNowTag = "fwm-run-now";

// How to enable the bridge, for messages of exit code 6.
std::string bridge_enable_hint();

// The fwm::Error for a bridge method's error answer: invalid params and plugin errors -> Failed,
// unsupported and unknown methods -> Unsupported, anything else -> Failed; the message names the
// method and carries the bridge's details.
Error bridge_call_error(std::string_view method, const VmServiceRpcError& error, const std::string& device);

}  // namespace fwm
