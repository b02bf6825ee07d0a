// The result of listing an app's tasks on one device (or from files), its filter and its JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/device_info.hpp"
#include "core/listed_task.hpp"

namespace fwm {

// Which tasks `list` shows.
struct TaskFilter {
  std::string unique_name;  // "" = any
  std::string tag;          // "" = any
  std::string state;        // "" = any; a contract state name, or "finished" (succeeded, failed, cancelled)
  bool all_work = false;    // also WorkManager work that the plugin did not create
};

// The states `--state` accepts; throws ValidationError on field "state" for others.
void check_state_filter(const std::string& state);

// The tasks that pass the filter, in their order.
std::vector<ListedTask> filter_tasks(const std::vector<ListedTask>& tasks, const TaskFilter& filter);

// Tasks of one app with where they came from and what could not be known.
struct TaskListing {
  DeviceInfo device;                  // empty id for offline files
  std::string app;
  std::vector<ListedTask> tasks;
  std::vector<std::string> problems;  // sources that were out of reach, truncated reports, ...
  nlohmann::json plugin;              // the plugin's own view through the in-app bridge; null when not asked
};

// {"schema": "fwm/1", "device": {...}, "app", "tasks": [...], "problems": [...], "plugin": {...}}
// ("plugin" only when it was asked for).
nlohmann::json task_listing_json(const TaskListing& listing);

}  // namespace fwm
