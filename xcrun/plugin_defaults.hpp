// Reader of the workmanager plugin's UserDefaults suite (its persisted iOS state) from the suite's plist.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace fwm::ios {

// The suite's file inside an app's data container, current plugin (0.8+).
inline constexpr const char* kPluginDefaultsPath =
    "Library/Preferences/dev.fluttercommunity.workmanager.userDefaults.plist";
// The same for plugin 0.7 and older (be.tramckrijte).
inline constexpr const char* kLegacyPluginDefaultsPath =
    "Library/Preferences/be.tramckrijte.workmanager.userDefaults.plist";

// One entry of `<prefix>.scheduledTasks`: a BGTask identifier the plugin submitted.
struct ScheduledTaskRecord {
  std::string identifier;
  std::string kind;  // refresh | processing | healthResearch | continuedProcessing
  std::optional<double> earliest_begin_in_seconds;
};

// One entry of `<prefix>.workInfos`: the plugin's own view of a task.
struct WorkInfoRecord {
  std::string unique_name;
  std::string state;  // scheduled | running | succeeded | failed | cancelled
  bool is_periodic = false;
  std::string task_name;                     // "" when absent
  std::optional<double> last_finished_at;    // seconds since 1970
  std::optional<double> updated_at;          // seconds since 1970
};

// What the suite holds.
struct PluginDefaults {
  std::string key_prefix;  // "dev.fluttercommunity.workmanager" or "be.tramckrijte.workmanager"; "" when no plugin key
  std::optional<long long> callback_handle;
  bool has_scheduled_tasks = false;  // the scheduledTasks key is present (written from workmanager 0.9.1+1)
  bool has_work_infos = false;       // the workInfos key is present (written from workmanager 0.10.3)
  std::vector<ScheduledTaskRecord> scheduled_tasks;  // ordered by identifier
  std::vector<WorkInfoRecord> work_infos;            // ordered by unique name
  nlohmann::json periodic_input_data = nlohmann::json::object();  // identifier -> the stored dictionary
  std::vector<std::string> notes;  // values that were present but could not be read, one sentence each
};

// The plugin's keys in a UserDefaults plist (binary or XML). `scheduledTasks` and `workInfos` are
// JSON held in Data (a string is accepted too); a value that is not the expected JSON is left out
// with a note, never thrown on. Keys of other code in the same suite are ignored. Throws
// std::invalid_argument when the bytes are not a property list or its root is not a dictionary.
PluginDefaults parse_plugin_defaults(std::string_view plist_bytes);

}  // namespace fwm::ios
