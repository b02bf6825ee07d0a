// Which release of the workmanager plugin wrote a WorkSpec, which one the app runs now, and what an update breaks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/listed_task.hpp"

namespace fwm::android {

// The columns of the plugin's key table (shared/reference/flutter-workmanager-plugin.md §2.6), as far
// as stored keys can tell them apart: 0.9.0 – 0.9.0+4 writes nothing that 0.9.1+ may not also write.
enum class PluginGeneration {
  Upto051,    // worker be.tramckrijte...BackgroundWorker, key be.tramckrijte...DART_TASK, INPUT_DATA JSON
  From052To070,  // worker dev.fluttercommunity...BackgroundWorker, keys still be.tramckrijte...
  V080,       // dev.fluttercommunity...DART_TASK and ...IS_IN_DEBUG_MODE_KEY, payload_<key>
  From090,    // dev.fluttercommunity...DART_TASK, payload_<key>, no debug key: 0.9.0 or newer
  From091,    // json_payload_<key>, a typed (non-String) payload array, FOREGROUND_SERVICE_CONFIG or UNIQUE_NAME
};

// "<=0.5.1", "0.5.2-0.7.0", "0.8.0", ">=0.9.0", ">=0.9.1": workmanager versions.
std::string generation_label(PluginGeneration generation);

// The generation that wrote a WorkSpec of `worker_class` with decoded input Data `data`: the prefix of
// its DART_TASK key first (the worker class changed at 0.5.2, the keys only at 0.8.0), then the keys
// that narrow it. nullopt when the Data holds no DART_TASK key of either prefix.
std::optional<PluginGeneration> generation_of_work(std::string_view worker_class, const nlohmann::json& data);

// The plugin's SharedPreferences file, relative to the app's data directory (SharedPreferenceHelper.kt).
inline constexpr std::string_view kPluginPreferencesPath = "shared_prefs/flutter_workmanager_plugin.xml";

// The callback handles in shared_prefs/flutter_workmanager_plugin.xml, per key prefix.
struct CallbackHandles {
  std::optional<std::int64_t> current;  // dev.fluttercommunity...CALLBACK_DISPATCHER_HANDLE_KEY: the app ran >= 0.8.0
  std::optional<std::int64_t> legacy;   // be.tramckrijte...CALLBACK_DISPATCHER_HANDLE_KEY: written by <= 0.7.0
};
CallbackHandles parse_callback_handles(std::string_view shared_prefs_xml);

// What the app runs now, as far as it can be told.
struct AppPlugin {
  bool on_new_keys = false;          // a dev.fluttercommunity callback key is stored: the app is on >= 0.8.0
  bool past_051 = false;             // >= 0.5.2: on_new_keys, or it enqueued work with the new worker class
};

// The generation a label of generation_label() names; nullopt for any other text.
std::optional<PluginGeneration> generation_from_label(std::string_view label);

// What the app runs now, from its callback-handle key and its tasks' generations (`plugin_generation`):
// >= 0.8.0 when `callback_key_is_new` or some task was written by >= 0.8.0; past 0.5.1 when that holds
// or some task uses the new worker class.
AppPlugin app_plugin_of(const std::vector<ListedTask>& tasks, bool callback_key_is_new);

// Why work of `generation` fails in an app that runs `app` now; "" when nothing is known to break.
std::string upgrade_hazard(PluginGeneration generation, const AppPlugin& app);

// How to replace such work: re-register it, or cancel it (`package` "" is written APP) and register again.
std::string upgrade_fix(std::string_view package, std::string_view unique_name);

// True for work in a final state (succeeded, failed, cancelled): it never runs again.
bool is_finished(const ListedTask& task);

// Sets `upgrade_hazard` (the reason, then the fix) on the unfinished plugin tasks the app as it is now
// cannot run.
void mark_upgrade_hazards(std::vector<ListedTask>& tasks, bool callback_key_is_new, std::string_view package);

}  // namespace fwm::android
