// The Android doctor's checks.
#include "adb/android_doctor.hpp"

#include <future>
#include <map>
#include <stdexcept>

#include "adb/package_facts.hpp"
#include "adb/plugin_generation.hpp"
#include "adb/work_data.hpp"
#include "adb/plugin_work.hpp"
#include "adb/work_database_pull.hpp"
#include "adb/workmanager_db.hpp"
#include "core/temp_dir.hpp"

namespace fwm::android {
namespace {

DoctorCheck check(std::string name, std::string status, std::string detail, std::string fix = "") {
  return DoctorCheck{std::move(name), std::move(status), std::move(detail), std::move(fix)};
}

void check_database(DoctorReport& r, const DatabasePull& pull, const std::optional<WorkDatabase>& db,
                    const PackageFacts& facts, const std::string& package) {
  if (db) {
    r.checks.push_back(check("workmanager", "pass", "WorkManager database found (schema version " +
                                                        std::to_string(db->user_version) + ")"));
  } else if (pull.status == DatabasePull::Status::NoDatabase) {
    r.checks.push_back(check("workmanager", "fail", "the app has no WorkManager database: WorkManager never started",
                             "call Workmanager().initialize(callbackDispatcher) in main() and start the app once"));
  } else if (facts.diagnostics_receiver) {
    r.checks.push_back(check("workmanager", "pass", "WorkManager 2.4 or newer is merged into the app (its diagnostics receiver is declared)"));
  } else {
    r.checks.push_back(check("workmanager", "skip", "the database of a non-debuggable build is out of reach, and no WorkManager receiver is listed",
                             "use a debug build of " + package + " for a complete check"));
  }
}

// The plugin release the app runs now, from the prefix of its callback-handle key; "" when unknown.
std::string app_plugin_text(const CallbackHandles& handles) {
  if (handles.current) return "the app runs workmanager 0.8.0 or newer (callback handle under "
                              "dev.fluttercommunity.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY)";
  if (handles.legacy) return "the app runs workmanager 0.7.0 or older (callback handle under "
                             "be.tramckrijte.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY)";
  return "";
}

// Which releases wrote the registered plugin work (the DART_TASK key's prefix and the keys beside it),
// and the work an update of the app left behind.
void check_plugin_generation(DoctorReport& r, const WorkDatabase& db, const CallbackHandles& handles) {
  std::vector<ListedTask> tasks;
  std::map<PluginGeneration, std::vector<std::string>> names_by_generation;
  for (const auto& w : db.work) {
    if (!is_plugin_worker(w.worker_class)) continue;
    nlohmann::json data;
    try {
      data = decode_work_data(w.input);
    } catch (const std::invalid_argument&) {
      continue;
    }
    auto generation = generation_of_work(w.worker_class, data);
    if (!generation) continue;
    ListedTask t;
    t.unique_name = w.names.empty() ? w.id : w.names.front();
    t.plugin_generation = generation_label(*generation);
    t.state = work_state_name(w.state);
    names_by_generation[*generation].push_back(t.unique_name);
    tasks.push_back(std::move(t));
  }
  std::string app = app_plugin_text(handles);
  if (tasks.empty()) {
    r.checks.push_back(check("plugin generation", "skip",
                             "no task of the workmanager plugin is registered yet" + (app.empty() ? "" : "; " + app)));
    return;
  }
  std::string detail = "registered work was written by";
  bool first = true;
  for (const auto& [label, names] : names_by_generation) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    detail += std::string(first ? " " : " and ") + "workmanager " + generation_label(label) + " (" + list + ")";
    first = false;
  }
  if (!app.empty()) detail += "; " + app;
  AppPlugin app_plugin = app_plugin_of(tasks, handles.current.has_value());
  std::string hazards;
  for (const auto& t : tasks) {
    std::string reason = is_finished(t) ? "" : upgrade_hazard(*generation_from_label(t.plugin_generation), app_plugin);
    if (!reason.empty()) hazards += "; " + t.unique_name + ": " + reason;
  }
  if (!hazards.empty()) {
    r.checks.push_back(check("plugin generation", "fail", detail + hazards,
                             "re-register each such task from the updated app with existingWorkPolicy replace, or "
                             "cancel it (fwm cancel -a " + r.app + " --unique-name NAME) and register it again"));
  } else if (names_by_generation.count(PluginGeneration::Upto051) ||
             names_by_generation.count(PluginGeneration::From052To070)) {
    r.checks.push_back(check("plugin generation", "warn",
                             detail + "; work of workmanager 0.7.0 or older stops running once the app is updated "
                                      "to 0.8.0 or newer (the task-name key moved; before 0.5.2 the worker class too)",
                             "after updating the plugin, register these tasks again with existingWorkPolicy replace"));
  } else {
    r.checks.push_back(check("plugin generation", "pass", detail));
  }
}

}  // namespace

DoctorReport doctor_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                            const Deadline& deadline) {
  const std::string& serial = device.id;
  auto dump = std::async(std::launch::async, [&] { return client.shell(serial, {"dumpsys", "package", package}, deadline); });
  auto prefs = std::async(std::launch::async, [&] {
    return client.shell(serial, {"run-as", package, "cat", std::string(kPluginPreferencesPath)}, deadline);
  });
  auto bucket = std::async(std::launch::async, [&] { return client.shell(serial, {"am", "get-standby-bucket", package}, deadline); });
  auto appops = std::async(std::launch::async, [&] {
    return client.shell(serial, {"cmd", "appops", "get", package, "RUN_ANY_IN_BACKGROUND"}, deadline);
  });
  TempDir scratch;
  DatabasePull pull = pull_work_database(client, serial, package, scratch, deadline);
  PackageFacts facts = parse_package_dump(dump.get().out, package);
  ShellResult prefs_reply = prefs.get();
  ShellResult bucket_reply = bucket.get();
  ShellResult appops_reply = appops.get();

  DoctorReport r{device, package, {}};
  if (!facts.found && pull.status == DatabasePull::Status::UnknownPackage) {
    r.checks.push_back(check("installed", "fail", package + " is not installed on " + serial,
                             "install it (flutter run, or adb install app.apk), or check the package name"));
    return r;
  }
  r.checks.push_back(check("installed", "pass", package + (facts.version_name.empty() ? "" : " " + facts.version_name) +
                                                    (facts.target_sdk ? ", targetSdk " + std::to_string(*facts.target_sdk) : "")));
  bool debuggable = pull.status != DatabasePull::Status::NotDebuggable && pull.status != DatabasePull::Status::UnknownPackage;
  r.checks.push_back(debuggable ? check("debuggable", "pass", "run-as works: fwm reads the WorkManager database")
                                : check("debuggable", "warn",
                                        "not debuggable: fwm lists tasks from WorkManager's diagnostics only (no taskName, "
                                        "inputData or schedule)",
                                        "test with a debug build (flutter run --debug, or android:debuggable in the manifest)"));
  std::optional<WorkDatabase> db;
  if (pull.status == DatabasePull::Status::Pulled) {
    try {
      db = read_work_database(pull.path);
    } catch (const std::runtime_error& e) {
      r.checks.push_back(check("workmanager", "fail", std::string("the WorkManager database could not be read: ") + e.what()));
    }
  }
  check_database(r, pull, db, facts, package);
  CallbackHandles handles = parse_callback_handles(prefs_reply.out);
  if (db) check_plugin_generation(r, *db, handles);
  if (debuggable) {
    auto handle = handles.current ? handles.current : handles.legacy;
    if (handle && *handle != -1) {
      r.checks.push_back(check("callback handle", "pass", "the plugin stored callback handle " + std::to_string(*handle)));
    } else {
      r.checks.push_back(check("callback handle", "fail",
                               "no callback handle in shared_prefs/flutter_workmanager_plugin.xml: register calls fail "
                               "with \"You have not properly initialized the Flutter WorkManager Package\" and no task "
                               "can start",
                               "call Workmanager().initialize(callbackDispatcher) before registering tasks; annotate "
                               "callbackDispatcher with @pragma('vm:entry-point')"));
    }
  } else {
    r.checks.push_back(check("callback handle", "skip", "needs a debuggable build to read shared_prefs"));
  }
  r.checks.push_back(facts.diagnostics_receiver
                         ? check("diagnostics", "pass", "WorkManager's diagnostics receiver is declared (fwm list works on release builds)")
                         : check("diagnostics", db ? "skip" : "warn",
                                 "WorkManager's diagnostics receiver is not listed: it needs WorkManager 2.4 or newer",
                                 db ? "" : "upgrade androidx.work (workmanager 0.9+ brings 2.10 or newer)"));
  std::string bucket_name = standby_bucket_name(bucket_reply.out);
  if (bucket_name == "RARE" || bucket_name == "RESTRICTED" || bucket_name == "NEVER") {
    r.checks.push_back(check("standby bucket", "warn",
                             bucket_name + ": JobScheduler defers this app's jobs for hours",
                             "adb shell am set-standby-bucket " + package + " active"));
  } else if (!bucket_name.empty()) {
    r.checks.push_back(check("standby bucket", "pass", bucket_name));
  }
  std::string mode = run_any_in_background_mode(appops_reply.out);
  if (mode == "ignore" || mode == "deny") {
    r.checks.push_back(check("background restriction", "fail",
                             "background work is restricted (RUN_ANY_IN_BACKGROUND " + mode +
                                 "): jobs wait with BACKGROUND_NOT_RESTRICTED unsatisfied",
                             "adb shell cmd appops set " + package + " RUN_ANY_IN_BACKGROUND allow (or lift the "
                             "battery restriction in the app's settings)"));
  } else {
    r.checks.push_back(check("background restriction", "pass", "not restricted"));
  }
  int sdk = device.sdk.empty() ? 0 : std::stoi(device.sdk);
  if (sdk >= 33 && facts.post_notifications_granted == false) {
    r.checks.push_back(check("notification permission", "warn",
                             "POST_NOTIFICATIONS is not granted: the plugin's NotificationDebugHandler and foreground "
                             "notices cannot show",
                             "adb shell pm grant " + package + " android.permission.POST_NOTIFICATIONS"));
  } else if (facts.post_notifications_granted) {
    r.checks.push_back(check("notification permission", "pass", "POST_NOTIFICATIONS granted"));
  }
  return r;
}

}  // namespace fwm::android
