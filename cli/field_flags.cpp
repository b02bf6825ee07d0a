// The table from request fields to command-line flags.
#include "cli/field_flags.hpp"

#include <map>

namespace fwm::cli {

std::string flag_for_field(const std::string& field) {
  static const std::map<std::string, std::string> kFlags{
      {"app", "-a/--app"},
      {"platform", "--platform"},
      {"timeout", "--timeout"},
      {"state", "--state"},
      {"until", "--until"},
      {"selector", "--unique-name/--tag"},
      {"file", "FILE"},
      {"command", "COMMAND"},
      {"device", "-s/--device"},
      {"kind", "KIND"},
      {"uniqueName", "UNIQUE_NAME"},
      {"taskName", "TASK_NAME"},
      {"tag", "--tag"},
      {"inputData", "--input/--input-json"},
      {"initialDelay", "--initial-delay"},
      {"frequency", "--frequency"},
      {"flexInterval", "--flex"},
      {"constraints", "constraint flags"},
      {"constraints.networkType", "--network"},
      {"constraints.requiresCharging", "--requires-charging"},
      {"constraints.requiresBatteryNotLow", "--requires-battery-not-low"},
      {"constraints.requiresDeviceIdle", "--requires-device-idle"},
      {"constraints.requiresStorageNotLow", "--requires-storage-not-low"},
      {"existingWorkPolicy", "--policy"},
      {"backoffPolicy", "--backoff"},
      {"backoffPolicyDelay", "--backoff-delay"},
      {"expedited", "--expedited"},
      {"outOfQuotaPolicy", "--out-of-quota"},
  };
  auto it = kFlags.find(field);
  if (it != kFlags.end()) return it->second;
  const std::string input_prefix = "inputData.";
  if (field.rfind(input_prefix, 0) == 0) return "--input " + field.substr(input_prefix.size());
  return field;
}

}  // namespace fwm::cli
