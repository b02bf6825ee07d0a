// Attached Android devices with their properties: one devices-l request plus one getprop per device.
#pragma once

#include <vector>

#include "adb/adb_client.hpp"
#include "core/device_info.hpp"

namespace fwm::android {

// A DeviceInfo from a devices-l entry and, for an online device, its getprop output.
DeviceInfo device_info_from(const DeviceEntry& entry, const std::map<std::string, std::string>& props);

// Lists the server's devices; for each one in state "device", reads its properties with one
// `getprop` round trip, all devices concurrently. A device that fails to answer keeps its
// devices-l fields and says why in `problem`.
std::vector<DeviceInfo> list_android_devices(AdbClient& client, const Deadline& deadline);

// Fills in the properties of the online entries, concurrently (used by list and watch).
std::vector<DeviceInfo> describe_android_devices(AdbClient& client, const std::vector<DeviceEntry>& entries,
                                                 const Deadline& deadline);

}  // namespace fwm::android
