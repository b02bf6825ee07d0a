// The in-app bridge on Android: register, cancel and run-now through ext.fwm.*, each verified by reading the tasks back.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "adb/adb_client.hpp"
#include "adb/android_trigger.hpp"
#include "adb/vm_service_discovery.hpp"
#include "core/bridge_connection.hpp"
#include "core/bridge_report.hpp"
#include "core/trigger_report.hpp"
#include "core/vm_service_client.hpp"

namespace fwm::android {

// How to reach the bridge (fwm::BridgeOptions): "" finds the VM service in logcat and forwards it.
using BridgeOptions = fwm::BridgeOptions;

// A connection to the app's bridge: the VM service (forwarded through adb for the life of this
// object when it was found on the device) and the checked bridge behind it. Throws as
// BridgeConnection does, and ValidationError on field "vmService" for an address that is not one.
class AndroidBridge {
 public:
  AndroidBridge(AdbClient& client, const DeviceInfo& device, const std::string& package, const BridgeOptions& options,
                const Deadline& deadline);

  const BridgeHello& hello() const { return connection_->hello(); }
  // Calls ext.fwm.NAME in the bridge's isolate; error answers become bridge_call_error.
  nlohmann::json call(const std::string& name, const RpcParams& params, const Deadline& deadline) {
    return connection_->call(name, params, deadline);
  }

 private:
  std::unique_ptr<ForwardedVmService> forward_;
  std::optional<BridgeConnection> connection_;
};

// Registers the plan's effective request through the bridge and reads the task back from the
// database (or diagnostics): ok only when a pending task with that unique name carries the
// effective values.
RegisterReport register_android(AdbClient& client, const DeviceInfo& device, const RegisterPlan& plan,
                                const BridgeOptions& options, const Deadline& deadline);

// Cancels through the bridge (cancelByUniqueName, cancelByTag or cancelAll) and reads the tasks back:
// ok when no matching task is pending afterwards and, for a unique name or tag, one was before.
CancelReport cancel_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                            const CancelSelector& selector, const BridgeOptions& options, const Deadline& deadline);

// For each selected task: ext.fwm.runNow enqueues a one-off copy (same taskName and inputData, a
// derived unique name, tag fwm-run-now) that WorkManager runs at once, leaving the task's own
// schedule alone. With `wait`, follows the copy to its result (a retry cancels the copy).
TriggerReport run_now_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                              const TaskSelector& selector, bool wait, const BridgeOptions& options,
                              const Deadline& deadline);

// The plugin's own view of the listed tasks where the bridge answers: {"bridge": hello,
// "workInfo": [getWorkInfo of each unique name], "isScheduled": {name: bool}}, or
// {"unavailable": reason} when the bridge does not answer.
nlohmann::json plugin_view_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                                   const std::vector<ListedTask>& tasks, const BridgeOptions& options,
                                   const Deadline& deadline);

}  // namespace fwm::android
