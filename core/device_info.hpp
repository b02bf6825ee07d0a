// What fwm knows about one attached device, on any platform, and its JSON form.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fwm {

// One device as `fwm devices` shows it. Empty strings are unknown and left out of JSON.
struct DeviceInfo {
  std::string platform;      // "android" or "ios"
  std::string id;            // Android serial, iOS UDID
  std::string state;         // e.g. "device", "offline", "unauthorized", "Booted"
  std::string model;
  std::string product;
  std::string device_name;   // Android ro.product.device
  std::string manufacturer;
  std::string os_version;    // Android release ("14"), iOS version
  std::string sdk;           // Android API level ("34")
  std::string transport_id;
  std::string problem;       // why some of the above could not be read ("" when all went well)
};

// {"platform", "serial", "state", "model", "product", "device", "manufacturer", "release", "sdk",
// "transportId", "problem"}, unknown fields absent (Android names; "serial" is the id).
nlohmann::json device_json(const DeviceInfo& device);

// {"schema": "fwm/1", "devices": [...]}.
nlohmann::json devices_document(const std::vector<DeviceInfo>& devices);

// The one device to act on: the one named by `requested` (matched against ids, then
// case-insensitively against models), else `env_serial` when set, else the only device in a
// usable state. Throws Error(Device) naming the devices when none or several match.
const DeviceInfo& choose_device(const std::vector<DeviceInfo>& devices, const std::string& requested,
                                const std::string& env_serial);

// The devices to act on: with `all`, every device in a usable state (none is Error(Device)); else
// each device named in `requested`, chosen as choose_device does; with nothing requested, the one
// choose_device picks.
std::vector<DeviceInfo> choose_devices(const std::vector<DeviceInfo>& devices, const std::vector<std::string>& requested,
                                       bool all, const std::string& env_serial);

}  // namespace fwm
