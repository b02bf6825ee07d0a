// Reaching an iOS app's in-app bridge: the VM service address from a simulator's unified log, or as given.
#pragma once

#include <optional>
#include <string>

#include "core/bridge_connection.hpp"
#include "core/device_info.hpp"
#include "xcrun/unified_log.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// The newest VM service address Flutter logged among `records` ("The Dart VM service is listening
// on URI", older "Observatory listening on URI"); nullopt when none did.
std::optional<VmServiceUri> vm_service_in_records(const std::vector<UnifiedLogRecord>& records);

// The pid of the running app `bundle` on a simulator (`simctl spawn UDID launchctl list`), or
// nullopt when it is not running.
std::optional<long long> simulator_app_pid(const XcrunRunner& runner, const DeviceInfo& simulator,
                                           const std::string& bundle, const Deadline& deadline);

// The bridge of `bundle` on an iOS target: at `options.vm_service` when given; on a simulator, at
// the address the running app logged in the last hour (the simulator shares the host's network);
// on a device only as given (fwm does not browse mDNS). Throws Error(BridgeUnavailable) saying
// what is missing and how to fix it, as BridgeConnection does.
BridgeConnection connect_ios_bridge(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                                    const BridgeOptions& options, const Deadline& deadline);

}  // namespace fwm::ios
