// The bridge protocol's pure parts: versions, request building, error mapping.
#include "core/bridge_protocol.hpp"

#include <algorithm>

#include "core/task_names.hpp"

namespace fwm {
namespace {

std::string text_field(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

void put_seconds(nlohmann::json& out, const char* key, const std::optional<Millis>& value) {
  if (value) out[key] = value->count() / 1000;
}

}  // namespace

std::string bridge_method(std::string_view name) { return "ext.fwm." + std::string(name); }

BridgeHello parse_bridge_hello(const nlohmann::json& result) {
  if (!result.is_object()) {
    throw Error(ErrorKind::BridgeUnavailable, "the app's fwm bridge answered hello with something that is not an object");
  }
  BridgeHello hello{text_field(result, "protocolVersion"), text_field(result, "bridgeVersion"),
                    text_field(result, "pluginVersion"), text_field(result, "platform")};
  std::string major = hello.protocol_version.substr(0, hello.protocol_version.find('.'));
  if (major != std::to_string(kBridgeProtocolMajor)) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the app's fwm bridge speaks protocol " +
                    (hello.protocol_version.empty() ? std::string("(none given)") : hello.protocol_version) +
                    " but this fwm speaks protocol " + std::string(kBridgeProtocolVersion) +
                    ": use the fwm_bridge release made for this fwm (see bridge/README.md), or update fwm");
  }
  return hello;
}

nlohmann::json bridge_hello_json(const BridgeHello& hello) {
  nlohmann::json out = {{"protocolVersion", hello.protocol_version},
                        {"bridgeVersion", hello.bridge_version},
                        {"platform", hello.platform}};
  if (!hello.plugin_version.empty()) out["pluginVersion"] = hello.plugin_version;
  return out;
}

std::string register_method_name(TaskKind kind) {
  switch (kind) {
    case TaskKind::Periodic:
      return "registerPeriodicTask";
    case TaskKind::Processing:
      return "registerProcessingTask";
    case TaskKind::OneOff:
      break;
  }
  return "registerOneOffTask";
}

nlohmann::json bridge_task_json(const RegisterPlan& plan) {
  const TaskRequest& t = plan.effective;
  nlohmann::json out = {{"uniqueName", t.unique_name}, {"taskName", t.task_name}, {"inputData", t.input_data}};
  if (t.tag) out["tag"] = *t.tag;
  put_seconds(out, "initialDelay", t.initial_delay);
  nlohmann::json c = nlohmann::json::object();
  if (t.constraints.network_type) c["networkType"] = name_of(*t.constraints.network_type);
  if (t.constraints.requires_battery_not_low) c["requiresBatteryNotLow"] = *t.constraints.requires_battery_not_low;
  if (t.constraints.requires_charging) c["requiresCharging"] = *t.constraints.requires_charging;
  if (t.constraints.requires_device_idle) c["requiresDeviceIdle"] = *t.constraints.requires_device_idle;
  if (t.constraints.requires_storage_not_low) c["requiresStorageNotLow"] = *t.constraints.requires_storage_not_low;
  out["constraints"] = c;
  if (t.kind == TaskKind::Processing) return out;
  if (t.kind == TaskKind::Periodic) {
    put_seconds(out, "frequency", t.frequency);
    put_seconds(out, "flexInterval", t.flex_interval);
  }
  auto policy = t.existing_work_policy;
  if (policy == ExistingWorkPolicy::AppendOrReplace) policy = plan.requested.existing_work_policy;
  if (policy) out["existingWorkPolicy"] = name_of(*policy);
  if (t.backoff_policy && t.backoff_policy_delay) {
    out["backoffPolicy"] = name_of(*t.backoff_policy);
    out["backoffPolicyDelay"] = t.backoff_policy_delay->count();
  }
  if (t.kind == TaskKind::OneOff) {
    out["expedited"] = t.expedited;
    if (t.out_of_quota_policy) out["outOfQuotaPolicy"] = name_of(*t.out_of_quota_policy);
  }
  return out;
}

std::string run_now_unique_name(const std::string& unique_name, std::int64_t now_ms) {
  return unique_name + ".fwm-run-now." + std::to_string(now_ms);
}

bool is_run_now_copy(std::string_view unique_name) {
  constexpr std::string_view marker = ".fwm-run-now.";
  size_t at = unique_name.rfind(marker);
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view digits = unique_name.substr(at + marker.size());
  return !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string bridge_enable_hint() {
  return "run a debug or profile build of the app (release builds have no Dart VM service) that enables the bridge: "
         "add fwm_bridge to its pubspec and call enableFwmBridge() in main() after Workmanager().initialize(...) "
         "(see bridge/README.md); if `flutter run` is attached, pass the address it prints with --vm-service";
}

Error bridge_call_error(std::string_view method, const VmServiceRpcError& error, const std::string& device) {
  std::string said = error.details().empty() ? std::string(error.what()) : error.details();
  std::string name(method);
  switch (error.code()) {
    case kBridgeUnsupported:
      return Error(ErrorKind::Unsupported, "the plugin does not offer " + name + " on this platform: " + said, device,
                   name);
    case kVmMethodNotFound:
      return Error(ErrorKind::Unsupported,
                   "the app's fwm bridge has no " + bridge_method(name) +
                       ": update fwm_bridge in the app to the release made for this fwm",
                   device, name);
    case kBridgeInvalidParams:
      return Error(ErrorKind::Failed, "the app's fwm bridge rejected the parameters of " + name + ": " + said, device,
                   name);
    default:
      return Error(ErrorKind::Failed, "the plugin failed in " + name + " (code " + std::to_string(error.code()) +
                                          "): " + said,
                   device, name);
  }
}

}  // namespace fwm
