// Conversion between TaskRequest and its JSON form.
#include "core/task_request.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/task_names.hpp"

namespace fwm {
namespace {

using nlohmann::json;

// Reads fields one by one, collecting every problem instead of stopping at the first.
class FieldReader {
 public:
  FieldReader(const json& object, std::string prefix, std::vector<FieldNote>& problems)
      : object_(object), prefix_(std::move(prefix)), problems_(problems) {}

  const json* find(const std::string& key) {
    seen_.insert(key);
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  void problem(const std::string& key, const std::string& message) {
    problems_.push_back({prefix_ + key, message});
  }

  std::optional<std::string> string(const std::string& key) {
    const json* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      problem(key, "must be a string");
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<bool> boolean(const std::string& key) {
    const json* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
      problem(key, "must be true or false");
      return std::nullopt;
    }
    return v->get<bool>();
  }

  std::optional<Millis> duration(const std::string& key) {
    auto text = string(key);
    if (!text) return std::nullopt;
    auto value = parse_duration(*text);
    if (!value) problem(key, "'" + *text + "' is not a duration: " + duration_syntax_hint());
    return value;
  }

  template <typename E>
  std::optional<E> choice(const std::string& key, std::optional<E> (*parse)(std::string_view),
                          const std::string& allowed) {
    auto text = string(key);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) problem(key, "'" + *text + "' is not one of " + allowed);
    return value;
  }

  void reject_unknown() {
    for (const auto& [key, value] : object_.items()) {
      if (!seen_.count(key)) problem(key, "is not a parameter of the plugin's register calls");
    }
  }

 private:
  const json& object_;
  std::string prefix_;
  std::vector<FieldNote>& problems_;
  std::set<std::string> seen_;
};

Constraints read_constraints(const json* object, std::vector<FieldNote>& problems) {
  Constraints c;
  if (object == nullptr) return c;
  if (!object->is_object()) {
    problems.push_back({"constraints", "must be an object"});
    return c;
  }
  FieldReader r(*object, "constraints.", problems);
  c.network_type = r.choice<NetworkType>(
      "networkType", parse_network_type,
      "connected, metered, not-required, not-roaming, unmetered, temporarily-unmetered");
  c.requires_battery_not_low = r.boolean("requiresBatteryNotLow");
  c.requires_charging = r.boolean("requiresCharging");
  c.requires_device_idle = r.boolean("requiresDeviceIdle");
  c.requires_storage_not_low = r.boolean("requiresStorageNotLow");
  r.reject_unknown();
  return c;
}

void put_optional_bool(json& out, const char* key, const std::optional<bool>& value) {
  if (value) out[key] = *value;
}

}  // namespace

TaskRequest task_request_from_json(const json& request) {
  std::vector<FieldNote> problems;
  if (!request.is_object()) throw ValidationError("request", "must be a JSON object");
  FieldReader r(request, "", problems);
  TaskRequest t;
  if (auto kind = r.choice<TaskKind>("kind", parse_task_kind, "one-off, periodic, processing")) {
    t.kind = *kind;
  } else if (r.find("kind") == nullptr) {
    r.problem("kind", "is required: one-off, periodic or processing");
  }
  auto unique = r.string("uniqueName");
  auto task = r.string("taskName");
  if (r.find("uniqueName") == nullptr) r.problem("uniqueName", "is required");
  if (r.find("taskName") == nullptr) r.problem("taskName", "is required");
  t.unique_name = unique.value_or("");
  t.task_name = task.value_or("");
  t.tag = r.string("tag");
  if (const json* data = r.find("inputData")) {
    if (data->is_object()) {
      t.input_data = *data;
    } else {
      r.problem("inputData", "must be an object of KEY: VALUE");
    }
  }
  t.initial_delay = r.duration("initialDelay");
  t.frequency = r.duration("frequency");
  t.flex_interval = r.duration("flexInterval");
  t.constraints = read_constraints(r.find("constraints"), problems);
  t.existing_work_policy = r.choice<ExistingWorkPolicy>(
      "existingWorkPolicy", parse_existing_work_policy, "append, keep, replace, update");
  t.backoff_policy =
      r.choice<BackoffPolicy>("backoffPolicy", parse_backoff_policy, "exponential, linear");
  t.backoff_policy_delay = r.duration("backoffPolicyDelay");
  t.expedited = r.boolean("expedited").value_or(false);
  t.out_of_quota_policy = r.choice<OutOfQuotaPolicy>(
      "outOfQuotaPolicy", parse_out_of_quota_policy, "run-as-non-expedited, drop");
  r.reject_unknown();
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return t;
}

json seconds_json(Millis value) {
  if (value.count() % 1000 == 0) return json(value.count() / 1000);
  return json(static_cast<double>(value.count()) / 1000.0);
}

json task_request_to_json(const TaskRequest& t) {
  json out = json::object();
  out["kind"] = name_of(t.kind);
  out["uniqueName"] = t.unique_name;
  out["taskName"] = t.task_name;
  out["tags"] = t.tag ? json::array({*t.tag}) : json::array();
  out["inputData"] = t.input_data;
  json constraints = json::object();
  if (t.constraints.network_type) constraints["networkType"] = name_of(*t.constraints.network_type);
  put_optional_bool(constraints, "requiresCharging", t.constraints.requires_charging);
  put_optional_bool(constraints, "requiresBatteryNotLow", t.constraints.requires_battery_not_low);
  put_optional_bool(constraints, "requiresDeviceIdle", t.constraints.requires_device_idle);
  put_optional_bool(constraints, "requiresStorageNotLow", t.constraints.requires_storage_not_low);
  out["constraints"] = constraints;
  if (t.initial_delay) out["initialDelay"] = seconds_json(*t.initial_delay);
  if (t.frequency) out["frequency"] = seconds_json(*t.frequency);
  if (t.flex_interval) out["flexInterval"] = seconds_json(*t.flex_interval);
  if (t.backoff_policy || t.backoff_policy_delay) {
    json backoff = json::object();
    if (t.backoff_policy) backoff["policy"] = name_of(*t.backoff_policy);
    if (t.backoff_policy_delay) backoff["delay"] = seconds_json(*t.backoff_policy_delay);
    out["backoff"] = backoff;
  }
  if (t.existing_work_policy) out["existingWorkPolicy"] = name_of(*t.existing_work_policy);
  out["expedited"] = t.expedited;
  if (t.out_of_quota_policy) out["outOfQuotaPolicy"] = name_of(*t.out_of_quota_policy);
  return out;
}

}  // namespace fwm
