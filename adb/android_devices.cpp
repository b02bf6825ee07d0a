// Listing Android devices with their model, release and SDK level.
#include "adb/android_devices.hpp"

#include "core/errors.hpp"
#include "core/fan_out.hpp"

namespace fwm::android {
namespace {

constexpr std::size_t kMaxConcurrentDevices = 16;
constexpr Millis kGetpropBudget{5000};

std::string prop(const std::map<std::string, std::string>& props, const char* key, const std::string& fallback) {
  auto it = props.find(key);
  return it != props.end() && !it->second.empty() ? it->second : fallback;
}

}  // namespace

DeviceInfo device_info_from(const DeviceEntry& entry, const std::map<std::string, std::string>& props) {
  DeviceInfo info;
  info.platform = "android";
  info.id = entry.serial;
  info.state = entry.state;
  info.model = prop(props, "ro.product.model", entry.model);
  info.product = prop(props, "ro.product.name", entry.product);
  info.device_name = prop(props, "ro.product.device", entry.device);
  info.manufacturer = prop(props, "ro.product.manufacturer", "");
  info.os_version = prop(props, "ro.build.version.release", "");
  info.sdk = prop(props, "ro.build.version.sdk", "");
  info.transport_id = entry.transport_id;
  return info;
}

std::vector<DeviceInfo> describe_android_devices(AdbClient& client, const std::vector<DeviceEntry>& entries,
                                                 const Deadline& deadline) {
  std::vector<DeviceInfo> infos(entries.size());
  Deadline per_device = deadline.capped(kGetpropBudget);
  for_each_concurrently(entries.size(), kMaxConcurrentDevices, [&](std::size_t i) {
    std::map<std::string, std::string> props;
    std::string problem;
    if (entries[i].state == "device") {
      try {
        auto result = client.shell(entries[i].serial, {"getprop"}, per_device);
        if (result.exit_code == 0) props = parse_getprop(result.out);
        else problem = "getprop exited " + std::to_string(result.exit_code);
      } catch (const Error& e) {
        problem = e.what();
      }
    }
    infos[i] = device_info_from(entries[i], props);
    infos[i].problem = problem;
  });
  if (interrupt_requested()) throw Error(ErrorKind::Interrupted, "interrupted while reading device properties");
  return infos;
}

std::vector<DeviceInfo> list_android_devices(AdbClient& client, const Deadline& deadline) {
  return describe_android_devices(client, client.devices(deadline), deadline);
}

}  // namespace fwm::android
