// The library API's operations.
#include "api/fwm_api.hpp"

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "adb/android_devices.hpp"
#include "adb/android_task_rules.hpp"
#include "core/task_names.hpp"
#include "core/task_request.hpp"
#include "xcrun/ios_task_rules.hpp"

namespace fwm::api {
namespace {

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

android::AdbClient& adb_client() {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<android::AdbClient>> clients;
  android::AdbEndpoint endpoint = android::adb_endpoint_from_environment();
  std::lock_guard<std::mutex> lock(mutex);
  auto& client = clients[endpoint.text()];
  if (!client) client = std::make_unique<android::AdbClient>(endpoint);
  return *client;
}

std::string version() { return FWM_VERSION; }

Millis default_timeout() { return Millis(30000); }

PlatformId platform_named(std::string_view text) {
  if (auto platform = parse_platform(text)) return *platform;
  throw ValidationError("platform", "'" + std::string(text) + "' is not a platform: android or ios");
}

const PlatformRules& platform_rules(PlatformId platform) {
  static const android::AndroidTaskRules kAndroid;
  static const ios::IosTaskRules kIos;
  if (platform == PlatformId::Ios) return kIos;
  return kAndroid;
}

RegisterPlan plan_register(const nlohmann::json& request, const std::string& app, PlatformId platform) {
  return fwm::plan_register(task_request_from_json(request), app, platform_rules(platform));
}

std::vector<DeviceInfo> list_devices(const Deadline& deadline) {
  return android::list_android_devices(adb_client(), deadline);
}

void watch_devices(const std::function<bool(const std::vector<DeviceInfo>&)>& on_change, const Deadline& deadline) {
  android::AdbClient& client = adb_client();
  std::map<std::string, DeviceInfo> described;  // by serial + transport id, so each device is read once
  client.track_devices(
      [&](const std::vector<android::DeviceEntry>& entries) {
        std::vector<android::DeviceEntry> unknown;
        for (const auto& e : entries) {
          if (!described.count(e.serial + "/" + e.transport_id + "/" + e.state)) unknown.push_back(e);
        }
        for (auto& info : android::describe_android_devices(client, unknown, deadline)) {
          described[info.id + "/" + info.transport_id + "/" + info.state] = info;
        }
        std::vector<DeviceInfo> current;
        for (const auto& e : entries) current.push_back(described.at(e.serial + "/" + e.transport_id + "/" + e.state));
        return on_change(current);
      },
      deadline);
}

DeviceShellResult device_shell(const std::string& requested, const std::vector<std::string>& argv,
                               const Deadline& deadline) {
  std::vector<DeviceInfo> devices;
  for (const auto& e : adb_client().devices(deadline)) devices.push_back(android::device_info_from(e, {}));
  const DeviceInfo& chosen = choose_device(devices, requested, env_or_empty("ANDROID_SERIAL"));
  return android_shell(chosen.id, argv, deadline);
}

DeviceShellResult android_shell(const std::string& serial, const std::vector<std::string>& argv,
                                const Deadline& deadline) {
  return {serial, adb_client().shell(serial, argv, deadline)};
}

nlohmann::json device_shell_json(const DeviceShellResult& outcome, const std::vector<std::string>& argv) {
  return {{"schema", "fwm/1"},
          {"serial", outcome.serial},
          {"argv", argv},
          {"stdout", outcome.result.out},
          {"stderr", outcome.result.err},
          {"exitCode", outcome.result.exit_code}};
}

}  // namespace fwm::api
