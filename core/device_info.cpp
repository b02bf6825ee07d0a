// Device JSON and device selection.
#include "core/device_info.hpp"

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"

namespace fwm {
namespace {

void put(nlohmann::json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string listing(const std::vector<DeviceInfo>& devices) {
  std::string text;
  for (const auto& d : devices) {
    text += "\n  " + d.id + "  " + d.state;
    if (!d.name.empty()) text += "  " + d.name;
    if (!d.model.empty() && d.model != d.name) text += "  " + d.model;
  }
  return text;
}

const DeviceInfo& usable(const DeviceInfo& device) {
  if (is_usable_device(device)) return device;
  throw Error(ErrorKind::Device, "device " + device.id + " is " + device.state +
                                     (device.state == "unauthorized" ? ": accept the USB debugging prompt on it"
                                      : device.state == "Shutdown"   ? ": boot it (xcrun simctl boot " + device.id + ")"
                                                                     : ": wait until 'fwm devices' shows it ready"),
              device.id, "choose device");
}

}  // namespace

bool is_usable_device(const DeviceInfo& device) {
  return device.state == "device" || device.state == "Booted" || device.state == "available" ||
         device.state == "connected";
}

nlohmann::json device_json(const DeviceInfo& d) {
  nlohmann::json out = nlohmann::json::object();
  put(out, "platform", d.platform);
  put(out, "id", d.id);
  if (d.platform == "ios") {
    put(out, "udid", d.id);
    put(out, "kind", d.kind);
    put(out, "name", d.name);
    put(out, "identifier", d.identifier);
    put(out, "state", d.state);
    put(out, "connection", d.connection);
    put(out, "model", d.model);
    put(out, "os", d.os_name);
    put(out, "release", d.os_version);
    put(out, "runtime", d.runtime);
    put(out, "problem", d.problem);
    return out;
  }
  put(out, "serial", d.id);
  put(out, "state", d.state);
  put(out, "model", d.model);
  put(out, "product", d.product);
  put(out, "device", d.device_name);
  put(out, "manufacturer", d.manufacturer);
  put(out, "release", d.os_version);
  put(out, "sdk", d.sdk);
  put(out, "transportId", d.transport_id);
  put(out, "problem", d.problem);
  return out;
}

DeviceInfo device_from_json(const nlohmann::json& json) {
  auto text = [&](const char* key) { return json.is_object() && json.value(key, nlohmann::json()).is_string() ? json[key].get<std::string>() : std::string(); };
  DeviceInfo d;
  d.platform = text("platform");
  d.id = text("id");
  d.state = text("state");
  d.model = text("model");
  d.os_version = text("release");
  d.problem = text("problem");
  if (d.platform == "ios") {
    d.kind = text("kind");
    d.name = text("name");
    d.identifier = text("identifier");
    d.connection = text("connection");
    d.os_name = text("os");
    d.runtime = text("runtime");
    return d;
  }
  d.product = text("product");
  d.device_name = text("device");
  d.manufacturer = text("manufacturer");
  d.sdk = text("sdk");
  d.transport_id = text("transportId");
  return d;
}

nlohmann::json devices_document(const std::vector<DeviceInfo>& devices, const std::vector<std::string>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : devices) list.push_back(device_json(d));
  nlohmann::json doc = {{"schema", "fwm/1"}, {"devices", list}};
  if (!problems.empty()) doc["problems"] = problems;
  return doc;
}

const DeviceInfo& choose_device(const std::vector<DeviceInfo>& devices, const std::string& requested,
                                const std::string& env_serial) {
  const std::string& wanted = requested.empty() ? env_serial : requested;
  if (!wanted.empty()) {
    for (const auto& d : devices) {
      if (d.id == wanted || (!d.identifier.empty() && lower(d.identifier) == lower(wanted))) return usable(d);
    }
    std::string origin = requested.empty() ? " (from ANDROID_SERIAL)" : "";
    for (bool by_name : {true, false}) {
      const DeviceInfo* found = nullptr;
      int matches = 0;
      for (const auto& d : devices) {
        const std::string& label = by_name ? d.name : d.model;
        if (!label.empty() && lower(label) == lower(wanted)) {
          found = &d;
          ++matches;
        }
      }
      if (matches == 1) return usable(*found);
      if (matches > 1) {
        throw Error(ErrorKind::Device,
                    "several devices are named '" + wanted + "'" + origin + "; pick one by its id with -s:" +
                        listing(devices),
                    wanted, "choose device");
      }
    }
    throw Error(ErrorKind::Device, "device '" + wanted + "'" + origin + " is not attached" +
                                       (devices.empty() ? std::string(": no device is attached") : "; attached:" + listing(devices)),
                wanted, "choose device");
  }
  if (devices.empty()) {
    throw Error(ErrorKind::Device, "no device is attached: connect one, start an emulator, or check 'fwm devices'", "",
                "choose device");
  }
  std::vector<const DeviceInfo*> ready;
  for (const auto& d : devices) {
    if (is_usable_device(d)) ready.push_back(&d);
  }
  if (ready.size() == 1) return *ready.front();
  if (ready.empty() && devices.size() == 1) return usable(devices.front());
  if (ready.empty()) {
    throw Error(ErrorKind::Device, "no attached device is ready:" + listing(devices), "", "choose device");
  }
  throw Error(ErrorKind::Device, "several devices are ready; choose one with -s ID (or --all-devices):" +
                                     listing(devices), "", "choose device");
}

std::vector<DeviceInfo> choose_devices(const std::vector<DeviceInfo>& devices, const std::vector<std::string>& requested,
                                       bool all, const std::string& env_serial) {
  std::vector<DeviceInfo> chosen;
  if (all) {
    for (const auto& d : devices) {
      if (is_usable_device(d)) chosen.push_back(d);
    }
    if (chosen.empty()) {
      throw Error(ErrorKind::Device, "no device is ready" + (devices.empty() ? std::string(": none is attached") : ":" + listing(devices)),
                  "", "choose devices");
    }
    return chosen;
  }
  if (requested.empty()) return {choose_device(devices, "", env_serial)};
  for (const auto& name : requested) chosen.push_back(choose_device(devices, name, env_serial));
  return chosen;
}

}  // namespace fwm
