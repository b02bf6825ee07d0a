// Filtering listed tasks and printing a listing.
#include "core/task_listing.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace fwm {
namespace {

const std::vector<std::string> kStates{"enqueued", "running", "succeeded", "failed", "blocked", "cancelled",
                                       "scheduled", "finished"};

bool state_matches(const std::string& state, const std::string& wanted) {
  if (wanted.empty()) return true;
  if (wanted == "finished") return state == "succeeded" || state == "failed" || state == "cancelled";
  return state == wanted;
}

}  // namespace

void check_state_filter(const std::string& state) {
  if (state.empty() || std::find(kStates.begin(), kStates.end(), state) != kStates.end()) return;
  throw ValidationError("state", "'" + state + "' is not a state: enqueued, running, succeeded, failed, blocked, "
                                               "cancelled, scheduled or finished");
}

std::vector<ListedTask> filter_tasks(const std::vector<ListedTask>& tasks, const TaskFilter& filter) {
  std::vector<ListedTask> kept;
  for (const auto& t : tasks) {
    if (!filter.all_work && !t.plugin_task) continue;
    if (!filter.unique_name.empty() && t.unique_name != filter.unique_name) continue;
    if (!filter.tag.empty() && std::find(t.tags.begin(), t.tags.end(), filter.tag) == t.tags.end()) continue;
    if (!state_matches(t.state, filter.state)) continue;
    kept.push_back(t);
  }
  return kept;
}

nlohmann::json task_listing_json(const TaskListing& listing) {
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : listing.tasks) tasks.push_back(listed_task_json(t));
  nlohmann::json out = {{"schema", "fwm/1"}, {"app", listing.app}, {"tasks", tasks}, {"problems", listing.problems}};
  if (!listing.device.id.empty()) out["device"] = device_json(listing.device);
  if (!listing.plugin.is_null()) out["plugin"] = listing.plugin;
  return out;
}

}  // namespace fwm
