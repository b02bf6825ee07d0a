// The task model: what the plugin's registerOneOffTask / registerPeriodicTask / registerProcessingTask take.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/duration.hpp"

namespace fwm {

// The platforms fwm drives. Core names them; their rules live in adb/ and xcrun/.
enum class PlatformId { Android, Ios };

enum class TaskKind { OneOff, Periodic, Processing };

// The plugin's NetworkType.
enum class NetworkType { Connected, Metered, NotRequired, NotRoaming, Unmetered, TemporarilyUnmetered };

// The plugin's ExistingWorkPolicy / ExistingPeriodicWorkPolicy; AppendOrReplace appears only as an
// effective value (Android maps one-off append and update to it).
enum class ExistingWorkPolicy { Append, Keep, Replace, Update, AppendOrReplace };

enum class BackoffPolicy { Exponential, Linear };

enum class OutOfQuotaPolicy { RunAsNonExpeditedWorkRequest, DropWorkRequest };

// The plugin's Constraints: unset members mean "not constrained".
struct Constraints {
  std::optional<NetworkType> network_type;
  std::optional<bool> requires_battery_not_low;
  std::optional<bool> requires_charging;
  std::optional<bool> requires_device_idle;
  std::optional<bool> requires_storage_not_low;
};

// One registration as the plugin's Dart API takes it. Unset optionals mean "not given".
struct TaskRequest {
  TaskKind kind = TaskKind::OneOff;
  std::string unique_name;
  std::string task_name;
  std::optional<std::string> tag;
  nlohmann::json input_data = nlohmann::json::object();
  std::optional<Millis> initial_delay;
  std::optional<Millis> frequency;
  std::optional<Millis> flex_interval;
  Constraints constraints;
  std::optional<ExistingWorkPolicy> existing_work_policy;
  std::optional<BackoffPolicy> backoff_policy;
  std::optional<Millis> backoff_policy_delay;
  bool expedited = false;
  std::optional<OutOfQuotaPolicy> out_of_quota_policy;
};

}  // namespace fwm
