// The app and its process on a device, from devicectl's info apps and info processes.
#include "xcrun/ios_device_app.hpp"

#include <cctype>

#include "core/errors.hpp"
#include "xcrun/devicectl_results.hpp"

namespace fwm::ios {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

std::string percent_decoded(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string executable_of_app_url(const std::string& app_url) {
  std::string path = app_url;
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::string name = path.substr(path.rfind('/') + 1);
  const std::string suffix = ".app";
  if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return "";
  return percent_decoded(name.substr(0, name.size() - suffix.size()));
}

std::string device_label(const DeviceInfo& device) {
  return device.name.empty() ? device.id : device.name + " (" + device.id + ")";
}

DeviceAppProcess find_device_app(const XcrunRunner& runner, const DeviceInfo& device, const std::string& bundle,
                                 const Deadline& deadline) {
  if (device.kind != "device") {
    throw Error(ErrorKind::Unsupported,
                "BGTaskScheduler does not run on the Simulator, so fwm drives it through lldb only on a paired device",
                device.id, "find app");
  }
  auto apps = devicectl_apps(runner.devicectl(
      {"device", "info", "apps", "--device", device.identifier, "--bundle-id", bundle}, deadline, device.id));
  const DeviceApp* app = nullptr;
  for (const auto& a : apps) {
    if (a.bundle_id == bundle) app = &a;
  }
  if (app == nullptr || app->url.empty()) {
    throw Error(ErrorKind::Failed, bundle + " is not installed on " + device_label(device), device.id,
                "devicectl device info apps");
  }
  DeviceAppProcess found{app->url, executable_of_app_url(app->url), std::nullopt};
  auto processes = devicectl_processes(
      runner.devicectl({"device", "info", "processes", "--device", device.identifier}, deadline, device.id));
  found.pid = app_process(processes, app->url);
  return found;
}

}  // namespace fwm::ios
