// parse_simctl_devices over nlohmann::ordered_json, keeping simctl's order.
#include "xcrun/simctl_devices.hpp"

#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

namespace fwm::ios {
namespace {

using Json = nlohmann::ordered_json;

std::string string_at(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t");
  return std::string(s.substr(begin, end - begin + 1));
}

// Reads "isAvailable", else the legacy "availability" text, into the simulator.
void read_availability(const Json& device, Simulator& sim) {
  auto flag = device.find("isAvailable");
  if (flag != device.end() && flag->is_boolean()) {
    sim.is_available = flag->get<bool>();
  } else if (flag != device.end() && flag->is_string()) {
    std::string text = flag->get<std::string>();
    sim.is_available = text == "YES" || text == "true";
  } else {
    std::string legacy = trim(string_at(device, "availability"));
    if (legacy.size() >= 2 && legacy.front() == '(' && legacy.back() == ')') legacy = legacy.substr(1, legacy.size() - 2);
    sim.is_available = legacy == "available";
    const std::string prefix = "unavailable, ";
    if (legacy.rfind(prefix, 0) == 0) sim.availability_error = trim(legacy.substr(prefix.size()));
  }
  if (sim.availability_error.empty()) sim.availability_error = string_at(device, "availabilityError");
}

}  // namespace

std::pair<std::string, std::string> runtime_os(std::string_view runtime_id) {
  const std::string_view marker = "SimRuntime.";
  size_t at = runtime_id.find(marker);
  if (at != std::string_view::npos) {
    std::string_view tail = runtime_id.substr(at + marker.size());
    size_t dash = tail.find('-');
    if (dash == std::string_view::npos) return {std::string(tail), ""};
    std::string version(tail.substr(dash + 1));
    for (char& c : version) {
      if (c == '-') c = '.';
    }
    return {std::string(tail.substr(0, dash)), version};
  }
  size_t space = runtime_id.rfind(' ');
  if (space != std::string_view::npos && space + 1 < runtime_id.size()) {
    return {std::string(runtime_id.substr(0, space)), std::string(runtime_id.substr(space + 1))};
  }
  return {"", ""};
}

std::vector<Simulator> parse_simctl_devices(std::string_view json_text) {
  Json document = Json::parse(json_text, nullptr, false);
  if (document.is_discarded()) throw std::invalid_argument("simctl list devices: the output is not JSON");
  auto devices = document.find("devices");
  if (!document.is_object() || devices == document.end() || !devices->is_object()) {
    throw std::invalid_argument("simctl list devices: the output has no \"devices\" object");
  }
  std::vector<Simulator> out;
  for (const auto& [runtime_id, list] : devices->items()) {
    if (!list.is_array()) continue;
    auto [os_name, os_version] = runtime_os(runtime_id);
    for (const auto& device : list) {
      Simulator sim;
      sim.udid = device.is_object() ? string_at(device, "udid") : "";
      if (sim.udid.empty()) throw std::invalid_argument("simctl list devices: a device under " + runtime_id + " has no udid");
      sim.name = string_at(device, "name");
      sim.state = string_at(device, "state");
      sim.runtime_id = runtime_id;
      sim.os_name = os_name;
      sim.os_version = os_version;
      read_availability(device, sim);
      sim.device_type_identifier = string_at(device, "deviceTypeIdentifier");
      sim.data_path = string_at(device, "dataPath");
      sim.log_path = string_at(device, "logPath");
      sim.last_booted_at = string_at(device, "lastBootedAt");
      out.push_back(std::move(sim));
    }
  }
  return out;
}

}  // namespace fwm::ios
