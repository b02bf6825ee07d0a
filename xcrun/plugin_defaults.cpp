// parse_plugin_defaults: the plist through read_property_list, then the plugin's keys.
#include "xcrun/plugin_defaults.hpp"

#include <stdexcept>

#include "xcrun/property_list.hpp"

namespace fwm::ios {
namespace {

const char* const kPrefixes[] = {"dev.fluttercommunity.workmanager", "be.tramckrijte.workmanager"};
const std::string_view kInputDataKey = "periodicTaskInputData.";

std::optional<double> number_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string string_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The JSON object held in a Data (or string) value; nullopt, with a note, when it is not one.
std::optional<nlohmann::json> json_object_in(const nlohmann::json& value, const std::string& key,
                                             std::vector<std::string>& notes) {
  std::string text;
  if (value.is_binary()) {
    text.assign(value.get_binary().begin(), value.get_binary().end());
  } else if (value.is_string()) {
    text = value.get<std::string>();
  } else {
    notes.push_back(key + " is not Data");
    return std::nullopt;
  }
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    notes.push_back(key + " does not hold a JSON object");
    return std::nullopt;
  }
  return parsed;
}

void read_scheduled_tasks(const nlohmann::json& object, PluginDefaults& out) {
  for (const auto& [identifier, entry] : object.items()) {
    if (!entry.is_object()) {
      out.notes.push_back("scheduledTasks entry " + identifier + " is not an object");
      continue;
    }
    out.scheduled_tasks.push_back({identifier, string_at(entry, "kind"), number_at(entry, "earliestBeginInSeconds")});
  }
}

void read_work_infos(const nlohmann::json& object, PluginDefaults& out) {
  for (const auto& [name, entry] : object.items()) {
    if (!entry.is_object()) {
      out.notes.push_back("workInfos entry " + name + " is not an object");
      continue;
    }
    WorkInfoRecord info;
    info.unique_name = name;
    info.state = string_at(entry, "state");
    auto periodic = entry.find("isPeriodic");
    info.is_periodic = periodic != entry.end() && periodic->is_boolean() && periodic->get<bool>();
    info.task_name = string_at(entry, "taskName");
    info.last_finished_at = number_at(entry, "lastFinishedAt");
    info.updated_at = number_at(entry, "updatedAt");
    out.work_infos.push_back(std::move(info));
  }
}

}  // namespace

PluginDefaults parse_plugin_defaults(std::string_view plist_bytes) {
  nlohmann::json root = read_property_list(plist_bytes);
  if (!root.is_object()) throw std::invalid_argument("the UserDefaults plist's root is not a dictionary");
  PluginDefaults out;
  for (const char* prefix : kPrefixes) {
    const std::string dot = std::string(prefix) + ".";
    for (const auto& [key, value] : root.items()) {
      if (key.rfind(dot, 0) != 0) continue;
      if (out.key_prefix.empty()) out.key_prefix = prefix;
      std::string name = key.substr(dot.size());
      if (name == "callbackHandle") {
        if (value.is_number_integer()) {
          out.callback_handle = value.get<long long>();
        } else {
          out.notes.push_back(key + " is not an integer");
        }
      } else if (name == "scheduledTasks") {
        out.has_scheduled_tasks = true;
        if (auto object = json_object_in(value, key, out.notes)) read_scheduled_tasks(*object, out);
      } else if (name == "workInfos") {
        out.has_work_infos = true;
        if (auto object = json_object_in(value, key, out.notes)) read_work_infos(*object, out);
      } else if (name.rfind(kInputDataKey, 0) == 0) {
        out.periodic_input_data[name.substr(kInputDataKey.size())] = value;
      }
    }
  }
  return out;
}

}  // namespace fwm::ios
