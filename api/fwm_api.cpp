// The library API's operations.
#include "api/fwm_api.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>

#include "adb/android_capture.hpp"
#include "adb/android_devices.hpp"
#include "api/bridge_api.hpp"
#include "adb/android_doctor.hpp"
#include "adb/android_listing.hpp"
#include "adb/android_logs.hpp"
#include "adb/android_trigger.hpp"
#include "adb/android_task_rules.hpp"
#include "api/ios_operations.hpp"
#include "api/targets.hpp"
#include "core/task_names.hpp"
#include "core/task_request.hpp"
#include "xcrun/ios_task_rules.hpp"
#include "xcrun/ios_tasks.hpp"

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

namespace {

// `device` with its getprop values (Android) read.
DeviceInfo described(const DeviceInfo& device, const Deadline& deadline) {
  if (is_ios(device)) return device;
  for (const auto& e : adb_client().devices(deadline)) {
    if (e.serial == device.id) return android::describe_android_devices(adb_client(), {e}, deadline).front();
  }
  return device;
}

void refuse_ios(const DeviceInfo& device, const std::string& what) {
  if (!is_ios(device)) return;
  throw Error(ErrorKind::Unsupported, what, device.id, "choose device");
}

}  // namespace

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

void check_app(PlatformId platform, const std::string& app) {
  Findings findings;
  platform_rules(platform).check_app(app, findings);
  if (!findings.problems.empty()) throw ValidationError(std::move(findings.problems));
}

std::vector<DeviceInfo> select_devices(const std::vector<std::string>& requested, bool all, const Deadline& deadline) {
  return choose_devices(all_devices(deadline, false).devices, requested, all, env_or_empty("ANDROID_SERIAL"));
}

void check_any_app(const std::string& app) {
  try {
    check_app(PlatformId::Android, app);
  } catch (const ValidationError&) {
    check_app(PlatformId::Ios, app);
  }
}

DeviceInfo choose_for_app(const std::string& requested, const std::string& app, const Deadline& deadline) {
  DeviceInfo device = choose_target(requested, deadline);
  check_app(is_ios(device) ? PlatformId::Ios : PlatformId::Android, app);
  return device;
}

RegisterPlan plan_register(const nlohmann::json& request, const std::string& app, PlatformId platform) {
  return fwm::plan_register(task_request_from_json(request), app, platform_rules(platform));
}

DeviceList list_devices(const Deadline& deadline) { return all_devices(deadline, true); }

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
  DeviceInfo device = choose_target(requested, deadline);
  refuse_ios(device, "fwm shell runs commands on Android devices; on a simulator use xcrun simctl spawn " + device.id +
                         " ARGV");
  return android_shell(device.id, argv, deadline);
}

TaskListing list_tasks(const std::string& requested, const std::string& app, const TaskFilter& filter,
                       const Deadline& deadline, bool with_plugin_view) {
  check_any_app(app);
  check_state_filter(filter.state);
  DeviceInfo device = choose_for_app(requested, app, deadline);
  if (is_ios(device)) return list_ios_tasks(device, app, filter, BridgeAccess{}, deadline);
  TaskListing listing = android::list_android_tasks(adb_client(), device, app, filter, deadline);
  if (with_plugin_view) listing.plugin = plugin_view(listing, BridgeAccess{}, deadline);
  return listing;
}

namespace {

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw ValidationError("file", "cannot read '" + path + "'");
  return bytes.str();
}

TaskListing listing_from_capture(const std::string& path, const std::string& app, const TaskFilter& filter) {
  CaptureBundle bundle = read_capture_archive(path, read_whole_file(path));
  std::string captured_app = bundle.manifest.value("app", "");
  if (!app.empty() && app != captured_app) {
    throw ValidationError("app", "'" + path + "' is a capture of " + captured_app + ", not " + app);
  }
  try {
    if (bundle.manifest.value("platform", "") == "ios") return ios_listing_from_capture(bundle, filter);
    return android::android_listing_from_capture(bundle, filter);
  } catch (const nlohmann::json::exception& e) {
    throw ValidationError("file", "'" + path + "' has a manifest fwm cannot read: " + e.what());
  } catch (const std::out_of_range& e) {
    throw ValidationError("file", "'" + path + "' lacks a file its manifest names: " + e.what());
  }
}

std::string default_capture_path(const std::string& app) {
  std::string stamp = iso8601_utc(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch()).count());
  std::string compact;
  for (char c : stamp) {
    if (c != '-' && c != ':') compact += c;
  }
  return "fwm-capture-" + app + "-" + compact + ".tar";
}

// Throws ValidationError on field "output" when `path`'s folder does not exist or cannot be written.
void check_output(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    throw ValidationError("output", "the folder of '" + path + "' does not exist");
  }
  if (::access(folder.c_str(), W_OK) != 0) throw ValidationError("output", "the folder of '" + path + "' is not writable");
  if (std::filesystem::is_directory(path, error)) throw ValidationError("output", "'" + path + "' is a folder");
}

void write_atomically(const std::string& path, const std::string& bytes) {
  std::string part = path + ".part";
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error(ErrorKind::Failed, "cannot write '" + part + "'", "", "write capture");
  }
  std::error_code error;
  std::filesystem::rename(part, path, error);
  if (error) {
    std::filesystem::remove(part, error);
    throw Error(ErrorKind::Failed, "cannot write '" + path + "'", "", "write capture");
  }
}

}  // namespace

CaptureReport capture(const std::string& requested, const std::string& app, const std::string& path, bool redact,
                      const Deadline& deadline) {
  check_any_app(app);
  std::string output = path.empty() ? default_capture_path(app) : path;
  check_output(output);
  DeviceInfo device = choose_for_app(requested, app, deadline);
  std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  CaptureBundle bundle;
  bundle.manifest = {{"schema", "fwm/1"},       {"kind", kCaptureKind},   {"fwmVersion", version()},
                     {"capturedAt", iso8601_utc(now)}, {"platform", device.platform}, {"app", app},
                     {"redacted", redact}};
  if (is_ios(device)) {
    capture_ios(device, app, redact, deadline, bundle);
  } else {
    android::capture_android(android::adb_endpoint_from_environment(), device, app, redact, deadline, bundle);
  }
  std::string archive = capture_archive(bundle, now / 1000);
  write_atomically(output, archive);
  CaptureReport report{output, bundle.manifest["device"], app, redact, bundle.manifest["commands"].size(), {"manifest.json"},
                       archive.size()};
  for (const auto& [name, _] : bundle.files) report.files.push_back(name);
  return report;
}

TaskListing inspect_files(const std::vector<std::string>& paths, const std::string& app, const TaskFilter& filter) {
  if (!app.empty()) check_any_app(app);
  check_state_filter(filter.state);
  if (paths.empty()) throw ValidationError("file", "name at least one file to inspect");
  std::size_t plists = 0;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::string head(512, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (looks_like_capture(head)) {
      if (paths.size() > 1) throw ValidationError("file", "'" + path + "' is a fwm capture: inspect it alone");
      return listing_from_capture(path, app, filter);
    }
    if (ios::looks_like_property_list(head)) ++plists;
  }
  if (plists == paths.size()) return ios::inspect_plugin_suites(paths, app, filter);
  if (plists > 0) {
    throw ValidationError("file", "inspect reads one platform at a time: the plugin's iOS plists, or Android's "
                                  "database, dumpsys and logcat files");
  }
  return android::inspect_android_files(paths, app, filter);
}

void check_trigger_request(const std::string& app, const std::string& unique_name, const std::string& tag) {
  check_any_app(app);
  if (unique_name.empty() == tag.empty()) {
    throw ValidationError("selector", "name the task with exactly one of --unique-name or --tag");
  }
}

void check_wait_request(const std::string& app, const std::string& unique_name, const std::string& until) {
  check_any_app(app);
  if (unique_name.empty()) throw ValidationError("selector", "name the task with --unique-name");
  if (until == "scheduled") return;
  try {
    check_state_filter(until);
  } catch (const ValidationError& e) {
    throw ValidationError("until", e.problems().front().message);
  }
}

TriggerReport trigger_tasks(const std::string& requested, const std::string& app, const std::string& unique_name,
                            const std::string& tag, bool wait, bool expire, const Deadline& deadline) {
  check_trigger_request(app, unique_name, tag);
  DeviceInfo device = choose_for_app(requested, app, deadline);
  if (is_ios(device)) return trigger_ios(device, app, unique_name, tag, expire, wait, deadline);
  if (expire) {
    throw Error(ErrorKind::Unsupported,
                "--expire simulates BGTaskScheduler's expiration and exists on iOS devices only; on Android a "
                "running worker is stopped by cancelling it (fwm cancel)",
                device.id, "trigger");
  }
  return android::trigger_android(adb_client(), device, app, {unique_name, tag}, wait, deadline);
}

TriggerReport wait_for_task(const std::string& requested, const std::string& app, const std::string& unique_name,
                            const std::string& until, const Deadline& deadline) {
  check_wait_request(app, unique_name, until);
  DeviceInfo device = choose_for_app(requested, app, deadline);
  if (is_ios(device)) return wait_ios(device, app, unique_name, until, deadline);
  if (until == "scheduled") throw ValidationError("until", "'scheduled' is an iOS state; on Android wait --until enqueued");
  return android::wait_android(adb_client(), device, app, unique_name, until, deadline);
}

void task_logs(const std::string& requested, const std::string& app, bool follow,
               const std::function<bool(const LogRecord&)>& on_record, const Deadline& deadline) {
  check_any_app(app);
  DeviceInfo device = choose_for_app(requested, app, deadline);
  if (is_ios(device)) return ios_task_logs(device, app, follow, on_record, deadline);
  android::read_task_logs(adb_client(), device.id, follow, on_record, deadline);
}

DoctorReport doctor(const std::string& requested, const std::string& app, const Deadline& deadline) {
  check_any_app(app);
  DeviceInfo device = described(choose_for_app(requested, app, deadline), deadline);
  if (is_ios(device)) return ios_doctor(device, app, deadline);
  return android::doctor_android(adb_client(), device, app, deadline);
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
