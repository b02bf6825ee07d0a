// The library API's operations.
#include "api/fwm_api.hpp"

#include "adb/android_task_rules.hpp"
#include "core/task_names.hpp"
#include "core/task_request.hpp"
#include "xcrun/ios_task_rules.hpp"

namespace fwm::api {

std::string version() { return FWM_VERSION; }

PlatformId platform_named(std::string_view text) {
  if (auto platform = parse_platform(text)) return *platform;
  throw ValidationError("platform", "'" + std::string(text) + "' is not a platform: android or ios");
}

const PlatformRules& platform_rules(PlatformId platform) {
  static const android::AndroidTaskRules kAndroid;
  static const ios::IosTaskRules kIos;
  if (platform == PlatformId::Ios) return kIos;
  return kAndroid;
}

RegisterPlan plan_register(const nlohmann::json& request, const std::string& app, PlatformId platform) {
  return fwm::plan_register(task_request_from_json(request), app, platform_rules(platform));
}

}  // namespace fwm::api
