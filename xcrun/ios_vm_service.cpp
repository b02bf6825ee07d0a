// VM service discovery on the Simulator through `log show`, and the bridge connection on iOS.
#include "xcrun/ios_vm_service.hpp"

#include "core/errors.hpp"
#include "xcrun/launchctl_list.hpp"

namespace fwm::ios {

std::optional<VmServiceUri> vm_service_in_records(const std::vector<UnifiedLogRecord>& records) {
  std::optional<VmServiceUri> newest;
  for (const auto& r : records) {
    if (auto uri = vm_service_uri_in_message(r.event_message)) newest = uri;
  }
  return newest;
}

std::optional<long long> simulator_app_pid(const XcrunRunner& runner, const DeviceInfo& simulator,
                                           const std::string& bundle, const Deadline& deadline) {
  std::string table = runner.simctl({"spawn", simulator.id, "launchctl", "list"}, deadline, simulator.id);
  return running_app_pid(parse_launchctl_list(table), bundle);
}

namespace {

VmServiceUri simulator_vm_service(const XcrunRunner& runner, const DeviceInfo& simulator, const std::string& bundle,
                                  const Deadline& deadline) {
  auto pid = simulator_app_pid(runner, simulator, bundle, deadline);
  if (!pid) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the in-app bridge is needed, and " + bundle + " is not running on " + simulator.id +
                    ": start it (flutter run, or xcrun simctl launch " + simulator.id + " " + bundle + ") and retry",
                simulator.id, "find bridge");
  }
  std::string predicate = "processID == " + std::to_string(*pid) +
                          " AND (eventMessage CONTAINS \"The Dart VM service is listening on\" OR eventMessage "
                          "CONTAINS \"Observatory listening on\")";
  std::string text = runner.simctl({"spawn", simulator.id, "log", "show", "--style", "ndjson", "--info", "--last", "1h",
                                    "--predicate", predicate},
                                   deadline, simulator.id);
  std::vector<UnifiedLogRecord> records;
  try {
    records = parse_unified_log(text);
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::HostTool, std::string("log show printed a record that is not JSON: ") + e.what(),
                simulator.id, "find bridge");
  }
  if (auto uri = vm_service_in_records(records)) return *uri;
  throw Error(ErrorKind::BridgeUnavailable,
              "the in-app bridge is needed, and " + bundle + " (pid " + std::to_string(*pid) + ") on " + simulator.id +
                  " logged no Dart VM service address in the last hour (release builds have none): run a debug or "
                  "profile build, or pass --vm-service URI as flutter run prints it",
              simulator.id, "find bridge");
}

}  // namespace

BridgeConnection connect_ios_bridge(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                                    const BridgeOptions& options, const Deadline& deadline) {
  std::optional<VmServiceUri> uri = given_vm_service(options);
  if (!uri && target.kind == "simulator") uri = simulator_vm_service(runner, target, bundle, deadline);
  if (!uri) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the in-app bridge is needed, and on a device fwm does not find the Dart VM service by itself (it is "
                "announced over mDNS): pass --vm-service URI, the address flutter run prints for " + bundle,
                target.id, "find bridge");
  }
  return BridgeConnection(*uri, options.verbose, target.id, bundle, deadline);
}

}  // namespace fwm::ios
