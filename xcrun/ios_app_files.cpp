// An app's files on a simulator (through its host container) or a device (through devicectl copy from).
#include "xcrun/ios_app_files.hpp"

#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/temp_dir.hpp"
#include "xcrun/plugin_defaults.hpp"
#include "xcrun/simctl_apps.hpp"

namespace fwm::ios {
namespace {

const char* const kSuitePaths[] = {kPluginDefaultsPath, kLegacyPluginDefaultsPath};

std::string describe(const DeviceInfo& target) {
  std::string kind = target.kind == "simulator" ? "simulator " : "device ";
  return target.name.empty() ? kind + target.id : kind + target.name + " (" + target.id + ")";
}

std::string device_selector(const DeviceInfo& target) {
  return target.identifier.empty() ? target.id : target.identifier;
}

void check_ios(const DeviceInfo& target, const std::string& step) {
  if (target.platform != "ios") {
    throw Error(ErrorKind::Usage, target.id + " is not an iOS simulator or device", target.id, step);
  }
}

Error not_installed(const DeviceInfo& target, const std::string& bundle, const std::string& step,
                    const std::string& tool_message) {
  std::string install = target.kind == "simulator"
                            ? "flutter run -d " + target.id + ", or xcrun simctl install " + target.id + " Runner.app"
                            : "flutter run -d " + target.id + ", or xcrun devicectl device install app --device " +
                                  device_selector(target) + " Runner.app";
  return Error(ErrorKind::Failed,
               bundle + " is not installed on " + describe(target) + ": install it (" + install +
                   "), or check the bundle id (" + tool_message + ")",
               target.id, step);
}

std::optional<std::string> read_host_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// True when `text` holds `marker` (lower case), ignoring case.
bool contains(const std::string& text, const char* marker) {
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(marker) != std::string::npos;
}

PluginSuite simulator_suite(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                            const Deadline& deadline) {
  std::string data = simulator_app_container(runner, target, bundle, "data", deadline);
  for (const char* path : kSuitePaths) {
    if (auto bytes = read_host_file(data + "/" + path)) return PluginSuite{true, path, std::move(*bytes)};
  }
  return PluginSuite{};
}

PluginSuite device_suite(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                         const Deadline& deadline) {
  TempDir scratch;
  int copies = 0;
  for (const char* path : kSuitePaths) {
    std::string destination = scratch.path() + "/suite-" + std::to_string(copies++) + ".plist";
    try {
      runner.devicectl({"device", "copy", "from", "--device", device_selector(target), "--domain-type",
                        "appDataContainer", "--domain-identifier", bundle, "--source", path, "--destination",
                        destination},
                       deadline, target.id);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Failed) throw;
      std::string message = e.what();
      if (contains(message, "(coredevice.actionerror error 3)") || contains(message, "is not installed")) {
        throw not_installed(target, bundle, e.step(), message);
      }
      if (contains(message, "(nscocoaerrordomain error 260)") || contains(message, "(nscocoaerrordomain error 4)") ||
          contains(message, "no such file")) {
        continue;
      }
      throw;
    }
    auto bytes = read_host_file(destination);
    if (!bytes) {
      throw Error(ErrorKind::HostTool, "devicectl device copy from reported success but wrote no " + destination,
                  target.id, "xcrun devicectl device");
    }
    return PluginSuite{true, path, std::move(*bytes)};
  }
  return PluginSuite{};
}

}  // namespace

std::string simulator_app_container(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                                    const std::string& kind, const Deadline& deadline) {
  const std::string step = "xcrun simctl get_app_container";
  check_ios(target, step);
  std::string out;
  try {
    out = runner.simctl({"get_app_container", target.id, bundle, kind}, deadline, target.id);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Failed) throw not_installed(target, bundle, e.step(), e.what());
    throw;
  }
  try {
    return parse_app_container(out);
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::HostTool, std::string("simctl get_app_container printed no folder: ") + e.what(), target.id,
                step);
  }
}

PluginSuite read_plugin_suite(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                              const Deadline& deadline) {
  check_ios(target, "read the plugin's UserDefaults suite");
  return target.kind == "simulator" ? simulator_suite(runner, target, bundle, deadline)
                                    : device_suite(runner, target, bundle, deadline);
}

std::string read_info_plist(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                            const Deadline& deadline) {
  const std::string step = "read Info.plist";
  check_ios(target, step);
  if (target.kind != "simulator") {
    throw Error(ErrorKind::Unsupported,
                "the Info.plist of an app installed on a device cannot be read from the host: read the built "
                "build/ios/iphoneos/Runner.app/Info.plist instead",
                target.id, step);
  }
  std::string app = simulator_app_container(runner, target, bundle, "app", deadline);
  auto bytes = read_host_file(app + "/Info.plist");
  if (!bytes) throw Error(ErrorKind::Failed, app + "/Info.plist cannot be read", target.id, step);
  return std::move(*bytes);
}

}  // namespace fwm::ios
