// What fwm knows about one attached device, on any platform, and its JSON form.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fwm {

// One device as `fwm devices` shows it. Empty strings are unknown and left out of JSON.
struct DeviceInfo {
  std::string platform;      // "android" or "ios"
  std::string id;            // Android serial, iOS UDID (a device's hardware UDID)
  std::string state;         // e.g. "device", "offline", "unauthorized"; iOS "Booted", "Shutdown", "available", ...
  std::string kind;          // iOS: "simulator" or "device"; "" on Android
  std::string name;          // iOS: the simulator's or device's name
  std::string identifier;    // iOS device: the CoreDevice identifier devicectl and lldb take ("" for simulators)
  std::string connection;    // iOS device: "wired" or "localNetwork" (devicectl's transportType)
  std::string os_name;       // iOS: "iOS", "watchOS", ...
  std::string runtime;       // iOS simulator: the runtime id
  std::string model;
  std::string product;
  std::string device_name;   // Android ro.product.device
  std::string manufacturer;
  std::string os_version;    // Android release ("14"), iOS version
  std::string sdk;           // Android API level ("34")
  std::string transport_id;
  std::string problem;       // why some of the above could not be read ("" when all went well)
};

// Android: {"platform", "id", "serial", "state", "model", "product", "device", "manufacturer", "release",
// "sdk", "transportId", "problem"}; iOS: {"platform", "id", "udid", "kind", "name", "identifier", "state",
// "connection", "model", "os", "release", "runtime", "problem"}. Unknown fields are absent.
nlohmann::json device_json(const DeviceInfo& device);

// The DeviceInfo whose device_json is `json` (unknown keys ignored, absent ones empty).
DeviceInfo device_from_json(const nlohmann::json& json);

// {"schema": "fwm/1", "devices": [...]}, plus "problems": [...] when there are any (a platform or
// tool that could not be listed).
nlohmann::json devices_document(const std::vector<DeviceInfo>& devices, const std::vector<std::string>& problems = {});

// True for the states a command can act in: Android "device", iOS "Booted" (simulator) and
// "available" or "connected" (device).
bool is_usable_device(const DeviceInfo& device);

// The one device to act on: the one named by `requested` (matched against ids and iOS
// identifiers, then case-insensitively against names and models), else `env_serial` when set, else the only device in a
// usable state (a lone device that is not usable is an error saying why). Throws Error(Device)
// naming the devices when none or several match.
const DeviceInfo& choose_device(const std::vector<DeviceInfo>& devices, const std::string& requested,
                                const std::string& env_serial);

// The devices to act on: with `all`, every device in a usable state (none is Error(Device)); else
// each device named in `requested`, chosen as choose_device does; with nothing requested, the one
// choose_device picks.
std::vector<DeviceInfo> choose_devices(const std::vector<DeviceInfo>& devices, const std::vector<std::string>& requested,
                                       bool all, const std::string& env_serial);

}  // namespace fwm
