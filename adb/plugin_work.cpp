// Interpreting WorkSpec rows the way the plugin wrote them.
#include "adb/plugin_work.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "adb/plugin_generation.hpp"
#include "adb/work_data.hpp"
#include "adb/workmanager_schedule.hpp"
#include "core/nesting_limit.hpp"

namespace fwm::android {
namespace {

constexpr std::array<std::string_view, 2> kPluginPrefixes{"dev.fluttercommunity.workmanager.",
                                                          "be.tramckrijte.workmanager."};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_plugin_key(std::string_view key, std::string_view name) {
  for (auto prefix : kPluginPrefixes) {
    if (key.size() == prefix.size() + name.size() && key.substr(0, prefix.size()) == prefix && ends_with(key, name)) {
      return true;
    }
  }
  return false;
}

std::optional<NetworkType> network_type_from(int value) {
  switch (value) {
    case 0: return NetworkType::NotRequired;
    case 1: return NetworkType::Connected;
    case 2: return NetworkType::Unmetered;
    case 3: return NetworkType::NotRoaming;
    case 4: return NetworkType::Metered;
    case 5: return NetworkType::TemporarilyUnmetered;
    default: return std::nullopt;
  }
}

// The JSON in a Data string; discarded when it is not JSON or nests deeper than kMaxNesting (such
// a string is then shown as it is, since printing the document would recurse once per level).
nlohmann::json json_or_discarded(const std::string& text) {
  try {
    return parse_json_within_nesting(text);
  } catch (const std::invalid_argument&) {
    return nlohmann::json::value_t::discarded;
  }
}

}  // namespace

bool is_plugin_worker(std::string_view worker_class) {
  for (auto prefix : kPluginPrefixes) {
    if (worker_class.size() == prefix.size() + 16 && worker_class.substr(0, prefix.size()) == prefix &&
        ends_with(worker_class, "BackgroundWorker")) {
      return true;
    }
  }
  return false;
}

PluginInput plugin_input_from(const nlohmann::json& data) {
  PluginInput result;
  for (const auto& [key, value] : data.items()) {
    if (is_plugin_key(key, "DART_TASK") && value.is_string()) {
      result.task_name = value.get<std::string>();
    } else if (is_plugin_key(key, "UNIQUE_NAME") && value.is_string()) {
      result.unique_name = value.get<std::string>();
    } else if (is_plugin_key(key, "INPUT_DATA") && value.is_string()) {
      auto legacy = json_or_discarded(value.get<std::string>());
      if (legacy.is_object()) result.input_data.update(legacy);
    } else if (key.rfind("json_payload_", 0) == 0) {
      nlohmann::json parsed = value;
      if (value.is_string()) {
        auto decoded = json_or_discarded(value.get<std::string>());
        if (!decoded.is_discarded()) parsed = decoded;
      }
      result.input_data[key.substr(13)] = parsed;
    } else if (key.rfind("payload_", 0) == 0) {
      result.input_data[key.substr(8)] = value;
    }
  }
  return result;
}

std::vector<std::string> visible_tags(const std::vector<std::string>& tags, std::string_view worker_class) {
  std::vector<std::string> kept;
  for (const auto& tag : tags) {
    if (tag != worker_class && !is_plugin_worker(tag)) kept.push_back(tag);
  }
  return kept;
}

std::string work_state_name(int state) {
  static const std::array<const char*, 6> kNames{"enqueued", "running", "succeeded", "failed", "blocked", "cancelled"};
  return state >= 0 && state < static_cast<int>(kNames.size()) ? kNames[static_cast<size_t>(state)] : "unknown";
}

ListedTask task_from_work_spec(const WorkSpecRow& row, bool has_last_enqueue_time, std::int64_t now_ms) {
  ListedTask t;
  t.platform = "android";
  t.work_id = row.id;
  t.worker_class = row.worker_class;
  t.plugin_task = is_plugin_worker(row.worker_class);
  t.state = work_state_name(row.state);
  t.kind = row.interval_ms != 0 ? TaskKind::Periodic : TaskKind::OneOff;
  if (!row.names.empty()) t.unique_name = row.names.front();
  t.tags = visible_tags(row.tags, row.worker_class);
  nlohmann::json data = nlohmann::json::object();
  try {
    data = decode_work_data(row.input);
  } catch (const std::invalid_argument& e) {
    t.notes.push_back(std::string("the input Data could not be decoded: ") + e.what());
  }
  if (t.plugin_task) {
    if (auto generation = generation_of_work(row.worker_class, data)) t.plugin_generation = generation_label(*generation);
    PluginInput input = plugin_input_from(data);
    t.task_name = input.task_name;
    if (t.unique_name.empty()) t.unique_name = input.unique_name;
    t.input_data = input.input_data;
  } else {
    t.input_data = data;
  }
  Constraints c;
  c.network_type = network_type_from(row.network_type);
  c.requires_charging = row.requires_charging;
  c.requires_battery_not_low = row.requires_battery_not_low;
  c.requires_device_idle = row.requires_device_idle;
  c.requires_storage_not_low = row.requires_storage_not_low;
  t.constraints = c;
  t.initial_delay = Millis(row.initial_delay_ms);
  if (row.interval_ms != 0) {
    t.frequency = Millis(row.interval_ms);
    t.flex_interval = Millis(row.flex_ms);
  }
  t.backoff_policy = row.backoff_policy == 1 ? BackoffPolicy::Linear : BackoffPolicy::Exponential;
  t.backoff_delay = Millis(row.backoff_delay_ms);
  t.expedited = row.expedited;
  t.run_attempt_count = row.run_attempt_count;
  t.next_run_at_ms = next_run_time(row, has_last_enqueue_time, now_ms);
  if (row.last_enqueue_time_ms > 0) t.last_enqueued_at_ms = row.last_enqueue_time_ms;
  t.job_id = row.system_id;
  if (row.state == 0 && row.schedule_requested_at == -1) {
    t.notes.push_back("not handed to JobScheduler yet (WorkManager keeps at most its scheduler limit there)");
  }
  t.sources = {"database"};
  return t;
}

}  // namespace fwm::android
