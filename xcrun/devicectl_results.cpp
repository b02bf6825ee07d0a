// Readers of devicectl result members; tolerant of missing keys.
#include "xcrun/devicectl_results.hpp"

namespace fwm::ios {
namespace {

const nlohmann::json& member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : empty;
}

const nlohmann::json& array_at(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

std::string string_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<long long> pid_of(const nlohmann::json& object) {
  auto it = object.find("processIdentifier");
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long long>();
}

}  // namespace

std::vector<CoreDevice> devicectl_devices(const nlohmann::json& result) {
  std::vector<CoreDevice> out;
  for (const auto& entry : array_at(result, "devices")) {
    if (!entry.is_object() || string_at(entry, "identifier").empty()) continue;
    const auto& connection = member(entry, "connectionProperties");
    const auto& properties = member(entry, "deviceProperties");
    const auto& hardware = member(entry, "hardwareProperties");
    CoreDevice device;
    device.identifier = string_at(entry, "identifier");
    device.name = string_at(properties, "name");
    device.udid = string_at(hardware, "udid");
    device.model = string_at(hardware, "marketingName");
    device.product_type = string_at(hardware, "productType");
    device.platform = string_at(hardware, "platform");
    device.os_version = string_at(properties, "osVersionNumber");
    device.os_build = string_at(properties, "osBuildUpdate");
    device.reality = string_at(hardware, "reality");
    device.transport_type = string_at(connection, "transportType");
    device.pairing_state = string_at(connection, "pairingState");
    device.tunnel_state = string_at(connection, "tunnelState");
    device.boot_state = string_at(properties, "bootState");
    device.developer_mode = string_at(properties, "developerModeStatus");
    auto ddi = properties.find("ddiServicesAvailable");
    if (ddi != properties.end() && ddi->is_boolean()) device.ddi_services_available = ddi->get<bool>();
    out.push_back(std::move(device));
  }
  return out;
}

std::vector<DeviceApp> devicectl_apps(const nlohmann::json& result) {
  std::vector<DeviceApp> out;
  for (const auto& entry : array_at(result, "apps")) {
    if (!entry.is_object() || string_at(entry, "bundleIdentifier").empty()) continue;
    DeviceApp app;
    app.bundle_id = string_at(entry, "bundleIdentifier");
    app.name = string_at(entry, "name");
    app.version = string_at(entry, "version");
    app.bundle_version = string_at(entry, "bundleVersion");
    app.url = string_at(entry, "url");
    auto built = entry.find("builtByDeveloper");
    app.built_by_developer = built != entry.end() && built->is_boolean() && built->get<bool>();
    out.push_back(std::move(app));
  }
  return out;
}

std::vector<DeviceProcess> devicectl_processes(const nlohmann::json& result) {
  std::vector<DeviceProcess> out;
  for (const auto& entry : array_at(result, "runningProcesses")) {
    if (!entry.is_object()) continue;
    auto pid = pid_of(entry);
    if (pid) out.push_back({*pid, string_at(entry, "executable")});
  }
  return out;
}

std::optional<DeviceProcess> devicectl_launched_process(const nlohmann::json& result) {
  const auto& process = member(result, "process");
  auto pid = pid_of(process);
  if (!pid) return std::nullopt;
  return DeviceProcess{*pid, string_at(process, "executable")};
}

std::optional<long long> app_process(const std::vector<DeviceProcess>& processes, const std::string& app_url) {
  std::string folder = app_url;
  if (folder.empty()) return std::nullopt;
  if (folder.back() != '/') folder += '/';
  for (const auto& process : processes) {
    const std::string& exe = process.executable;
    if (exe.size() > folder.size() && exe.compare(0, folder.size(), folder) == 0 &&
        exe.find('/', folder.size()) == std::string::npos) {
      return process.pid;
    }
  }
  return std::nullopt;
}

}  // namespace fwm::ios
