// The iOS device listing: simctl and devicectl side by side, mapped to DeviceInfo.
#include "xcrun/ios_devices.hpp"

#include <exception>
#include <future>
#include <stdexcept>

#include "core/errors.hpp"

namespace fwm::ios {
namespace {

// One side of the listing: its devices, or the error that kept it from being read.
struct Side {
  std::vector<DeviceInfo> devices;
  std::exception_ptr error;
};

bool is_ios(const std::string& os_name) { return os_name.empty() || os_name == "iOS"; }

Side simulators(const XcrunRunner& runner, const Deadline& deadline) {
  Side side;
  try {
    std::string text = runner.simctl({"list", "devices", "-j"}, deadline, "");
    std::vector<Simulator> found;
    try {
      found = parse_simctl_devices(text);
    } catch (const std::invalid_argument& e) {
      throw Error(ErrorKind::HostTool, std::string("simctl list devices -j printed what fwm cannot read: ") + e.what(),
                  "", "xcrun simctl list");
    }
    for (const auto& s : found) {
      if (is_ios(s.os_name)) side.devices.push_back(simulator_device_info(s));
    }
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) throw;
    side.error = std::current_exception();
  }
  return side;
}

Side paired_devices(const XcrunRunner& runner, const Deadline& deadline) {
  Side side;
  try {
    nlohmann::json result = runner.devicectl({"list", "devices"}, deadline, "");
    for (const auto& d : devicectl_devices(result)) {
      if (is_ios(d.platform)) side.devices.push_back(core_device_info(d));
    }
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) throw;
    side.error = std::current_exception();
  }
  return side;
}

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

std::string device_type_name(const std::string& device_type_identifier) {
  std::string name = device_type_identifier.substr(device_type_identifier.rfind('.') + 1);
  for (char& c : name) {
    if (c == '-') c = ' ';
  }
  return name;
}

DeviceInfo simulator_device_info(const Simulator& simulator) {
  DeviceInfo d;
  d.platform = "ios";
  d.kind = "simulator";
  d.id = simulator.udid;
  d.name = simulator.name;
  d.state = simulator.state;
  d.os_name = simulator.os_name;
  d.os_version = simulator.os_version;
  d.runtime = simulator.runtime_id;
  d.model = device_type_name(simulator.device_type_identifier);
  if (!simulator.is_available) {
    d.problem = simulator.availability_error.empty() ? "the simulator is unavailable" : simulator.availability_error;
  }
  return d;
}

DeviceInfo core_device_info(const CoreDevice& device) {
  DeviceInfo d;
  d.platform = "ios";
  d.kind = "device";
  d.id = device.udid.empty() ? device.identifier : device.udid;
  d.identifier = device.identifier;
  d.name = device.name;
  d.model = device.model.empty() ? device.product_type : device.model;
  d.os_name = device.platform.empty() ? "iOS" : device.platform;
  d.os_version = device.os_version;
  d.connection = device.transport_type;
  bool paired = device.pairing_state == "paired";
  if (paired) {
    d.state = device.boot_state.empty() || device.boot_state == "booted" ? "available" : device.boot_state;
  } else {
    d.state = device.pairing_state;
  }
  std::vector<std::string> problems;
  if (!paired) {
    problems.push_back("the device is not paired with this Mac: unlock it, connect it by cable and tap Trust, "
                       "or pair it in Xcode (Window > Devices and Simulators)");
  }
  if (!device.developer_mode.empty() && device.developer_mode != "enabled") {
    problems.push_back("Developer Mode is not enabled (" + device.developer_mode +
                       "): turn it on in Settings > Privacy & Security > Developer Mode");
  }
  if (device.ddi_services_available == false) {
    problems.push_back("the Developer Disk Image is not mounted: open Xcode with the device attached");
  }
  for (const auto& p : problems) d.problem += (d.problem.empty() ? "" : "; ") + p;
  return d;
}

IosDeviceList list_ios_devices(const XcrunRunner& runner, const Deadline& deadline) {
  auto devices_future = std::async(std::launch::async, [&] { return paired_devices(runner, deadline); });
  Side sims = simulators(runner, deadline);
  Side devices = devices_future.get();
  if (sims.error && devices.error) std::rethrow_exception(sims.error);
  IosDeviceList out;
  out.devices = std::move(sims.devices);
  out.devices.insert(out.devices.end(), devices.devices.begin(), devices.devices.end());
  if (sims.error) out.problems.push_back("simulators are not listed: " + message_of(sims.error));
  if (devices.error) {
    std::string message = message_of(devices.error);
    if (message.find("unable to find utility") != std::string::npos) {
      out.problems.push_back("paired devices are not listed: devicectl needs Xcode 15 or newer (" + message + ")");
    } else {
      out.problems.push_back("paired devices are not listed: " + message);
    }
  }
  return out;
}

}  // namespace fwm::ios
