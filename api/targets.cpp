// Choosing devices across Android (adb) and iOS (xcrun).
#include "api/targets.hpp"

#include <cstdlib>
#include <future>
#include <mutex>

#include "adb/android_devices.hpp"
#include "api/fwm_api.hpp"
#include "core/errors.hpp"
#include "xcrun/ios_devices.hpp"

namespace fwm::api {
namespace {

std::mutex xcrun_mutex;
std::string xcrun_path;  // guarded by xcrun_mutex; "" = find it

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string configured_xcrun() {
  std::lock_guard<std::mutex> lock(xcrun_mutex);
  return xcrun_path;
}

std::vector<DeviceInfo> android_devices(const Deadline& deadline, bool describe) {
  if (describe) return android::list_android_devices(adb_client(), deadline);
  std::vector<DeviceInfo> devices;
  for (const auto& e : adb_client().devices(deadline)) devices.push_back(android::device_info_from(e, {}));
  return devices;
}

}  // namespace

void use_xcrun(const std::string& path) {
  std::lock_guard<std::mutex> lock(xcrun_mutex);
  xcrun_path = path;
}

std::optional<ios::XcrunRunner> find_xcrun_runner() {
  std::string configured = configured_xcrun();
  if (!configured.empty()) return ios::XcrunRunner(ios::find_xcrun(configured));
  try {
    return ios::XcrunRunner(ios::find_xcrun(""));
  } catch (const Error&) {
    return std::nullopt;
  }
}

ios::XcrunRunner xcrun_runner() { return ios::XcrunRunner(ios::find_xcrun(configured_xcrun())); }

DeviceList all_devices(const Deadline& deadline, bool describe) {
  auto runner = find_xcrun_runner();
  if (!runner) return {android_devices(deadline, describe), {}};
  auto ios_side = std::async(std::launch::async, [&] { return ios::list_ios_devices(*runner, deadline); });
  DeviceList list;
  std::optional<Error> android_error;
  try {
    list.devices = android_devices(deadline, describe);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted || e.kind() == ErrorKind::Timeout) throw;
    android_error = e;
  }
  ios::IosDeviceList ios_list;
  try {
    ios_list = ios_side.get();
  } catch (const Error& e) {
    if (android_error || e.kind() == ErrorKind::Interrupted) throw;
    list.problems.push_back(std::string("iOS: ") + e.what());
  }
  if (android_error) {
    if (ios_list.devices.empty() && ios_list.problems.empty()) throw *android_error;
    list.problems.push_back(std::string("Android: ") + android_error->what());
  }
  list.devices.insert(list.devices.end(), ios_list.devices.begin(), ios_list.devices.end());
  for (const auto& p : ios_list.problems) list.problems.push_back("iOS: " + p);
  return list;
}

DeviceInfo choose_target(const std::string& requested, const Deadline& deadline) {
  DeviceList list = all_devices(deadline, false);
  return choose_device(list.devices, requested, env_or_empty("ANDROID_SERIAL"));
}

bool is_ios(const DeviceInfo& device) { return device.platform == "ios"; }

}  // namespace fwm::api
