// Listing iOS simulators (simctl) and paired devices (devicectl) as DeviceInfo.
#pragma once

#include <string>
#include <vector>

#include "core/device_info.hpp"
#include "xcrun/devicectl_results.hpp"
#include "xcrun/simctl_devices.hpp"
#include "xcrun/xcrun_runner.hpp"

namespace fwm::ios {

// The iOS simulators and devices found, and what kept some from being listed.
struct IosDeviceList {
  std::vector<DeviceInfo> devices;    // simulators first (simctl's order), then devices (devicectl's order)
  std::vector<std::string> problems;  // one sentence per tool that could not list its side
};

// The readable name of a simulator device type: "com.apple.CoreSimulator.SimDeviceType.iPhone-15-Pro"
// -> "iPhone 15 Pro" (the part after the last '.', '-' read as ' '); "" for "".
std::string device_type_name(const std::string& device_type_identifier);

// A simulator as fwm lists it: platform "ios", kind "simulator", id = UDID, name, simctl's state
// (Booted, Shutdown, ...), os_name and os_version of its runtime, runtime = the runtime id, model =
// device_type_name of its device type; problem = the availability error when it is unavailable
// ("the simulator is unavailable" when simctl gave no reason).
DeviceInfo simulator_device_info(const Simulator& simulator);

// A paired device as fwm lists it: platform "ios", kind "device", id = hardware UDID (the CoreDevice
// identifier when devicectl gave none), identifier = CoreDevice identifier, name, model =
// marketingName (else productType), os_name = its platform ("iOS" when devicectl gave none),
// os_version, connection = transportType. state: "available" when paired and its boot state is
// "booted" or not reported; else the boot state when paired, else the pairing state ("" when unknown).
// problem: the reasons it cannot be driven, joined with "; ": not paired, Developer Mode not
// enabled, the Developer Disk Image not mounted (ddiServicesAvailable false).
DeviceInfo core_device_info(const CoreDevice& device);

// Runs `simctl list devices -j` and `devicectl list devices` at once, both with `deadline`, and maps
// their iOS simulators and devices (watchOS, tvOS and visionOS ones are left out). When one tool
// fails (devicectl is missing before Xcode 15), the other's devices are returned with a problem
// saying why a side is missing. Throws Error(Interrupted) on interrupt, and the simctl error when
// neither tool could list anything.
IosDeviceList list_ios_devices(const XcrunRunner& runner, const Deadline& deadline);

}  // namespace fwm::ios
