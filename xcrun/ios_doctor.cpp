// The iOS doctor's checks.
#include "xcrun/ios_doctor.hpp"

#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "xcrun/devicectl_results.hpp"
#include "xcrun/ios_app_files.hpp"
#include "xcrun/ios_listing.hpp"
#include "xcrun/property_list.hpp"

namespace fwm::ios {
namespace {

const char* const kInfoPlistFile = "ios/Runner/Info.plist";
const char* const kLegacyPrefix = "be.tramckrijte.workmanager";

DoctorCheck check(std::string name, std::string status, std::string detail, std::string fix = "") {
  return DoctorCheck{std::move(name), std::move(status), std::move(detail), std::move(fix)};
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The strings of an array value of the Info.plist (none when absent or not an array).
std::vector<std::string> string_list(const nlohmann::json& info_plist, const char* key) {
  std::vector<std::string> out;
  auto it = info_plist.find(key);
  if (it == info_plist.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

bool permitted(const std::vector<std::string>& list, const std::string& identifier) {
  for (const auto& entry : list) {
    if (entry == identifier) return true;
    if (entry.size() > 2 && entry.compare(entry.size() - 2, 2, ".*") == 0 &&
        identifier.compare(0, entry.size() - 1, entry, 0, entry.size() - 1) == 0) {
      return true;
    }
  }
  return false;
}

std::string plist_lines(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ' ';
    out.append("<string>").append(v).append("</string>");
  }
  return out;
}

DoctorCheck background_modes(const nlohmann::json* info_plist, const std::vector<ListedTask>& in_use) {
  const char* name = "UIBackgroundModes";
  if (info_plist == nullptr) return check(name, "skip", "the app's Info.plist was not read");
  std::vector<std::string> modes = string_list(*info_plist, name);
  std::map<std::string, std::vector<std::string>> needed;  // mode -> the tasks that need it
  for (const auto& t : in_use) {
    if (t.kind == TaskKind::Periodic) needed["fetch"].push_back(t.unique_name);
    if (t.kind == TaskKind::Processing) needed["processing"].push_back(t.unique_name);
  }
  std::vector<std::string> lacking;
  std::vector<std::string> missing_modes;
  for (const auto& [mode, tasks] : needed) {
    bool present = false;
    for (const auto& m : modes) present = present || m == mode;
    if (present) continue;
    missing_modes.push_back(mode);
    lacking.push_back(mode + " (needed by " + (mode == "fetch" ? "periodic" : "processing") + " tasks " +
                      join(tasks) + ")");
  }
  std::string found = modes.empty() ? "UIBackgroundModes is empty" : "UIBackgroundModes: " + join(modes);
  if (!lacking.empty()) {
    return check(name, "fail", found + "; it lacks " + join(lacking) + ": BGTaskScheduler rejects those requests",
                 "add " + plist_lines(missing_modes) + " under UIBackgroundModes in " + kInfoPlistFile +
                     " (Xcode: Signing & Capabilities > Background Modes)");
  }
  if (modes.empty()) {
    return check(name, "warn",
                 found + ": periodic tasks need fetch and processing tasks need processing, else BGTaskScheduler "
                         "rejects them",
                 "add <string>fetch</string> and/or <string>processing</string> under UIBackgroundModes in " +
                     std::string(kInfoPlistFile));
  }
  return check(name, "pass", found);
}

DoctorCheck permitted_identifiers(const nlohmann::json* info_plist, const PluginDefaults* defaults,
                                  const std::vector<ListedTask>& in_use) {
  const char* name = "BGTaskSchedulerPermittedIdentifiers";
  if (info_plist == nullptr) return check(name, "skip", "the app's Info.plist was not read");
  std::vector<std::string> list = string_list(*info_plist, name);
  std::string found = list.empty() ? "BGTaskSchedulerPermittedIdentifiers is empty" : "permitted: " + join(list);
  if (defaults == nullptr) {
    return check(name, "skip", "the plugin's suite is absent, so the task identifiers in use are unknown; " + found);
  }
  std::vector<std::string> bg_tasks;
  std::vector<std::string> missing;
  std::vector<std::string> unsure;  // no kind: a one-off or a processing task whose submit failed
  for (const auto& t : in_use) {
    if (t.kind == TaskKind::OneOff) continue;
    bg_tasks.push_back(t.unique_name);
    if (!permitted(list, t.unique_name)) (t.kind ? missing : unsure).push_back(t.unique_name);
  }
  if (!missing.empty()) {
    return check(name, "fail",
                 "not in BGTaskSchedulerPermittedIdentifiers: " + join(missing) + " (" + found +
                     "): BGTaskScheduler rejects their requests (BGTaskSchedulerErrorDomain code 3) and the plugin "
                     "only logs it",
                 "add " + plist_lines(missing) + " under BGTaskSchedulerPermittedIdentifiers in " + kInfoPlistFile +
                     " (each identifier is the task's uniqueName)");
  }
  if (!unsure.empty()) {
    return check(name, "warn",
                 "not in BGTaskSchedulerPermittedIdentifiers: " + join(unsure) + " (" + found + "): the plugin's " +
                     "store cannot tell whether they are one-off tasks, which need no entry, or processing tasks " +
                     "whose submit failed, which a missing entry explains (BGTaskSchedulerErrorDomain code 3)",
                 "if they are processing tasks, add " + plist_lines(unsure) +
                     " under BGTaskSchedulerPermittedIdentifiers in " + kInfoPlistFile);
  }
  if (bg_tasks.empty()) return check(name, "pass", "no periodic or processing task is recorded; " + found);
  return check(name, "pass", "every periodic and processing task is permitted (" + join(bg_tasks) + ")");
}

DoctorCheck callback_handle(const PluginDefaults* defaults) {
  const char* fix =
      "call Workmanager().initialize(callbackDispatcher) in main() before registering tasks and start the app once; "
      "annotate callbackDispatcher with @pragma('vm:entry-point')";
  const char* consequence =
      ": register calls fail with \"You have not properly initialized the Flutter WorkManager Package\" and no task "
      "can start";
  if (defaults == nullptr) {
    return check("callback handle", "fail",
                 std::string("the plugin's UserDefaults suite is absent, so Workmanager().initialize(callbackDispatcher) "
                             "never ran in this app") + consequence,
                 fix);
  }
  if (!defaults->callback_handle) {
    return check("callback handle", "fail",
                 std::string("the plugin's UserDefaults suite holds no callback handle") + consequence, fix);
  }
  return check("callback handle", "pass", "the plugin stored callback handle " + std::to_string(*defaults->callback_handle));
}

// The app as `devicectl device info apps --device IDENTIFIER --bundle-id BUNDLE` reports it; nullopt
// when it is not installed.
std::optional<DeviceApp> device_app(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                                    const Deadline& deadline) {
  std::string selector = target.identifier.empty() ? target.id : target.identifier;
  nlohmann::json result =
      runner.devicectl({"device", "info", "apps", "--device", selector, "--bundle-id", bundle}, deadline, target.id);
  for (auto& app : devicectl_apps(result)) {
    if (app.bundle_id == bundle) return app;
  }
  return std::nullopt;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + " cannot be read");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string version_of(const std::string& version, const std::string& build) {
  if (version.empty()) return "";
  return " " + version + (build.empty() ? "" : " (" + build + ")");
}

std::string plist_string(const nlohmann::json& plist, const char* key) {
  auto it = plist.find(key);
  return it != plist.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::vector<DoctorCheck> ios_doctor_checks(const nlohmann::json* info_plist, const PluginDefaults* defaults,
                                           bool simulator, const std::string& bundle) {
  std::vector<ListedTask> in_use;
  if (defaults != nullptr) {
    for (auto& t : plugin_tasks(*defaults, simulator, std::nullopt).tasks) {
      if (t.state != "cancelled") in_use.push_back(std::move(t));
    }
  }
  std::vector<DoctorCheck> checks;
  checks.push_back(background_modes(info_plist, in_use));
  checks.push_back(permitted_identifiers(info_plist, defaults, in_use));
  checks.push_back(callback_handle(defaults));
  if (defaults != nullptr && defaults->key_prefix == kLegacyPrefix) {
    checks.push_back(check("plugin generation", "warn",
                           bundle + " uses workmanager 0.7 or older (be.tramckrijte.workmanager), which keeps no task "
                                    "records and predates BGTaskScheduler support",
                           "upgrade the workmanager plugin to 0.9 or newer and register the tasks again"));
  }
  if (simulator) {
    checks.push_back(check("simulator", "warn",
                           "BGTaskScheduler does not run on the Simulator: periodic and processing tasks are never "
                           "launched here (submit fails with Unavailable); one-off tasks do run",
                           "use a device, or fwm trigger --run-now with the bridge"));
  }
  return checks;
}

DoctorReport doctor_ios(const XcrunRunner& runner, const DeviceInfo& target, const std::string& bundle,
                        const Deadline& deadline) {
  bool simulator = target.kind == "simulator";
  // Read at once; when the app turns out not to be installed, its error is dropped with the future.
  auto suite_future = std::async(std::launch::async, [&] { return read_plugin_suite(runner, target, bundle, deadline); });
  DoctorReport r{target, bundle, {}};
  const std::string install_fix = "install it (flutter run -d " + target.id + "), or check the bundle id";
  std::optional<nlohmann::json> info_plist;
  if (simulator) {
    std::string app;
    try {
      app = simulator_app_container(runner, target, bundle, "app", deadline);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Failed) throw;
      r.checks.push_back(check("installed", "fail", e.what(), install_fix));
      return r;
    }
    try {
      info_plist = read_property_list(read_file(app + "/Info.plist"));
      r.checks.push_back(check("installed", "pass",
                               bundle + version_of(plist_string(*info_plist, "CFBundleShortVersionString"),
                                                   plist_string(*info_plist, "CFBundleVersion"))));
      r.checks.push_back(check("Info.plist", "pass", "read " + app + "/Info.plist"));
    } catch (const std::exception& e) {
      r.checks.push_back(check("installed", "pass", bundle + " at " + app));
      r.checks.push_back(check("Info.plist", "fail", std::string("the app's Info.plist cannot be read: ") + e.what(),
                               "rebuild and reinstall the app (flutter run -d " + target.id + ")"));
    }
  } else {
    auto app = device_app(runner, target, bundle, deadline);
    if (!app) {
      r.checks.push_back(check("installed", "fail", bundle + " is not installed on " + target.id, install_fix));
      return r;
    }
    r.checks.push_back(check("installed", "pass", bundle + version_of(app->version, app->bundle_version)));
    r.checks.push_back(check("Info.plist", "skip",
                             "the Info.plist of an app installed on a device cannot be read from the host: check the "
                             "built build/ios/iphoneos/Runner.app/Info.plist, or run fwm doctor on a simulator"));
  }

  PluginSuite suite = suite_future.get();
  std::optional<PluginDefaults> defaults;
  if (suite.found) {
    try {
      defaults = parse_plugin_defaults(suite.bytes);
    } catch (const std::invalid_argument& e) {
      r.checks.push_back(check("plugin store", "fail",
                               "the plugin's UserDefaults suite (" + suite.path_in_container + ") cannot be read: " +
                                   e.what(),
                               "delete and reinstall the app, then start it once"));
    }
  }
  auto checks = ios_doctor_checks(info_plist ? &*info_plist : nullptr, defaults ? &*defaults : nullptr, simulator,
                                  bundle);
  r.checks.insert(r.checks.end(), checks.begin(), checks.end());
  return r;
}

}  // namespace fwm::ios
