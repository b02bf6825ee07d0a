// What a WorkSpec means for the workmanager plugin: its task name, unique name, tags and inputData.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adb/workmanager_db.hpp"
#include "core/listed_task.hpp"

namespace fwm::android {

// True for the plugin's worker classes of every generation (dev.fluttercommunity..., be.tramckrijte...).
bool is_plugin_worker(std::string_view worker_class);

// The plugin's view of decoded input Data: "taskName" (DART_TASK key of any generation), "uniqueName"
// (UNIQUE_NAME key, 0.10.5+) when present, and "inputData": payload_<k> values as they are,
// json_payload_<k> values parsed from JSON (kept as the string when it is not JSON or nests deeper
// than kMaxNesting), or the legacy INPUT_DATA JSON object.
struct PluginInput {
  std::string task_name;
  std::string unique_name;
  nlohmann::json input_data = nlohmann::json::object();
};
PluginInput plugin_input_from(const nlohmann::json& data);

// The caller's tags: `tags` without WorkManager's implicit worker-class tag (`worker_class`, or any
// generation of the plugin's worker).
std::vector<std::string> visible_tags(const std::vector<std::string>& tags, std::string_view worker_class);

// The contract's state name of a WorkSpec state number.
std::string work_state_name(int state);

// A listed task from one database row: for plugin work the plugin's names and inputData, with
// WorkManager's worker-class tag hidden; for other work the worker class and the raw Data. `now_ms`
// feeds the next-run computation of old schemas.
ListedTask task_from_work_spec(const WorkSpecRow& row, bool has_last_enqueue_time, std::int64_t now_ms);

}  // namespace fwm::android
