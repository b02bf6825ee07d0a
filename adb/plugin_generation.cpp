// Plugin generations told from stored keys (fluttercommunity/flutter_workmanager, read per release):
// <=0.5.1 android/src/main/kotlin/be/tramckrijte/workmanager/BackgroundWorker.kt@29bb7f1:1,35-37;
// 0.5.2 android/src/main/kotlin/dev/fluttercommunity/workmanager/BackgroundWorker.kt@370df0c:1,35-37 (new
// package, old keys; 0.7.0 the same at workmanager/android/...@0705ce2:33-35); 0.8.0
// workmanager_android/.../BackgroundWorker.kt@b45313b:34-36 and WorkmanagerCallHandler.kt@b45313b:318-352;
// 0.9.0+3 WorkManagerUtils.kt@7f4f870:205-238 (no debug key); 0.9.1 InputDataUtils.kt@a86f2c9:9,19
// (json_payload_, typed arrays), FOREGROUND_SERVICE_CONFIG InputDataUtils.kt@b1946ef:28-29, UNIQUE_NAME
// InputDataUtils.kt@134245e:40; callback keys SharedPreferenceHelper.kt@b45313b:7 (new) and @0705ce2:7 (old).
// The hazard: BackgroundWorker.kt@af5d75a:121-128 ("Dart task is null") and @b45313b:59 (0.8.0's `!!`).
#include "adb/plugin_generation.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace fwm::android {
namespace {

constexpr std::string_view kNew = "dev.fluttercommunity.workmanager.";
constexpr std::string_view kOld = "be.tramckrijte.workmanager.";

std::string key(std::string_view prefix, std::string_view name) { return std::string(prefix) + std::string(name); }

bool has_typed_array(const nlohmann::json& data) {
  for (const auto& [k, value] : data.items()) {
    if (k.rfind("payload_", 0) != 0 || !value.is_array()) continue;
    for (const auto& element : value) {
      if (!element.is_string()) return true;
    }
  }
  return false;
}

bool has_key_prefix(const nlohmann::json& data, std::string_view prefix) {
  for (const auto& [k, value] : data.items()) {
    if (k.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

std::string generation_label(PluginGeneration generation) {
  switch (generation) {
    case PluginGeneration::Upto051: return "<=0.5.1";
    case PluginGeneration::From052To070: return "0.5.2-0.7.0";
    case PluginGeneration::V080: return "0.8.0";
    case PluginGeneration::From090: return ">=0.9.0";
    case PluginGeneration::From091: return ">=0.9.1";
  }
  return "";
}

std::optional<PluginGeneration> generation_from_label(std::string_view label) {
  for (auto g : {PluginGeneration::Upto051, PluginGeneration::From052To070, PluginGeneration::V080,
                 PluginGeneration::From090, PluginGeneration::From091}) {
    if (generation_label(g) == label) return g;
  }
  return std::nullopt;
}

AppPlugin app_plugin_of(const std::vector<ListedTask>& tasks, bool callback_key_is_new) {
  AppPlugin app;
  app.on_new_keys = callback_key_is_new;
  for (const auto& t : tasks) {
    auto g = generation_from_label(t.plugin_generation);
    if (g && *g >= PluginGeneration::V080) app.on_new_keys = true;
    if (g && *g >= PluginGeneration::From052To070) app.past_051 = true;
  }
  app.past_051 = app.past_051 || app.on_new_keys;
  return app;
}

bool is_finished(const ListedTask& task) {
  return task.state == "succeeded" || task.state == "failed" || task.state == "cancelled";
}

void mark_upgrade_hazards(std::vector<ListedTask>& tasks, bool callback_key_is_new, std::string_view package) {
  AppPlugin app = app_plugin_of(tasks, callback_key_is_new);
  for (auto& t : tasks) {
    auto g = generation_from_label(t.plugin_generation);
    std::string reason = g && !is_finished(t) ? upgrade_hazard(*g, app) : "";
    if (!reason.empty()) t.upgrade_hazard = reason + "; " + upgrade_fix(package, t.unique_name);
  }
}

std::string upgrade_fix(std::string_view package, std::string_view unique_name) {
  return "re-register the task from the updated app with existingWorkPolicy replace, or cancel the old work (fwm "
         "cancel -a " + std::string(package.empty() ? "APP" : package) + " --unique-name " + std::string(unique_name) +
         ") and register it again";
}

std::optional<PluginGeneration> generation_of_work(std::string_view worker_class, const nlohmann::json& data) {
  if (!data.is_object()) return std::nullopt;
  if (data.contains(key(kOld, "DART_TASK"))) {
    return worker_class.starts_with(kOld) ? PluginGeneration::Upto051 : PluginGeneration::From052To070;
  }
  if (!data.contains(key(kNew, "DART_TASK"))) return std::nullopt;
  if (data.contains(key(kNew, "IS_IN_DEBUG_MODE_KEY"))) return PluginGeneration::V080;
  if (has_key_prefix(data, "json_payload_") || data.contains(key(kNew, "FOREGROUND_SERVICE_CONFIG")) ||
      data.contains(key(kNew, "UNIQUE_NAME")) || has_typed_array(data)) {
    return PluginGeneration::From091;
  }
  return PluginGeneration::From090;
}

CallbackHandles parse_callback_handles(std::string_view xml) {
  // SharedPreferences as XmlUtils.writeValueXml writes a long: `<long name="KEY" value="N" />` (AOSP
  // frameworks/base core/java/com/android/internal/util/XmlUtils.java). A linear scan: this file is
  // user input in `fwm inspect` and captures, so no std::regex (its recursion overflows on long lines).
  CallbackHandles handles;
  for (auto [prefix, slot] : {std::pair{std::string_view("dev.fluttercommunity"), &handles.current},
                              std::pair{std::string_view("be.tramckrijte"), &handles.legacy}}) {
    std::string name = "name=\"" + std::string(prefix) + ".workmanager.CALLBACK_DISPATCHER_HANDLE_KEY\"";
    for (auto at = xml.find(name); at != std::string_view::npos; at = xml.find(name, at + 1)) {
      auto element = xml.rfind('<', at);
      if (element == std::string_view::npos || xml.substr(element, 5) != "<long") continue;
      auto rest = xml.substr(at + name.size());
      rest.remove_prefix(std::min(rest.find_first_not_of(" \t\r\n"), rest.size()));
      if (!rest.starts_with("value=\"")) continue;
      rest.remove_prefix(7);
      std::int64_t value = 0;
      auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
      if (error == std::errc() && end != rest.data() + rest.size() && *end == '"') *slot = value;
    }
  }
  return handles;
}

std::string upgrade_hazard(PluginGeneration generation, const AppPlugin& app) {
  if (generation == PluginGeneration::From052To070 && app.on_new_keys) {
    return "enqueued by workmanager 0.5.2-0.7.0 (task name under be.tramckrijte.workmanager.DART_TASK), but the app "
           "now runs workmanager 0.8.0 or newer, whose worker reads dev.fluttercommunity.workmanager.DART_TASK: the "
           "run fails with \"Dart task is null\"";
  }
  if (generation == PluginGeneration::Upto051 && app.past_051) {
    return "enqueued by workmanager 0.5.1 or older for worker be.tramckrijte.workmanager.BackgroundWorker, a class "
           "the updated app no longer has (it moved to dev.fluttercommunity.workmanager in 0.5.2): WorkManager "
           "cannot create the worker and the run fails";
  }
  return "";
}

}  // namespace fwm::android
