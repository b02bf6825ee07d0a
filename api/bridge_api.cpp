// The bridge operations of the library API.
#include "api/bridge_api.hpp"


#include "api/fwm_api.hpp"
#include "api/ios_operations.hpp"
#include "api/targets.hpp"
#include "core/task_names.hpp"
#include "xcrun/ios_bridge_ops.hpp"

namespace fwm::api {
namespace {

RegisterReport register_on(const DeviceInfo& device, const RegisterPlan& plan, const BridgeAccess& access,
                           const Deadline& deadline) {
  PlatformId platform = is_ios(device) ? PlatformId::Ios : PlatformId::Android;
  if (plan.platform != platform) {
    throw ValidationError("platform", "the request was checked against " + std::string(name_of(plan.platform)) +
                                          "'s rules, but " + device.id + " is an " + std::string(name_of(platform)) +
                                          " device: use --platform " + std::string(name_of(platform)) + " or leave it out");
  }
  if (is_ios(device)) return ios::register_ios(xcrun_runner(), device, plan, access, deadline);
  return android::register_android(adb_client(), device, plan, access, deadline);
}

}  // namespace

RegisterReport register_task(const std::string& requested, const RegisterPlan& plan, const BridgeAccess& access,
                             const Deadline& deadline) {
  return register_on(choose_target(requested, deadline), plan, access, deadline);
}

RegisterReport register_request(const std::string& requested, const nlohmann::json& request, const std::string& app,
                                const BridgeAccess& access, const Deadline& deadline) {
  DeviceInfo device = choose_target(requested, deadline);
  RegisterPlan plan = plan_register(request, app, is_ios(device) ? PlatformId::Ios : PlatformId::Android);
  return register_on(device, plan, access, deadline);
}

void check_cancel_request(const std::string& app, const CancelSelector& selector) {
  check_any_app(app);
  int chosen = !selector.unique_name.empty() + !selector.tag.empty() + selector.all;
  if (chosen != 1) {
    throw ValidationError("selector", "name what to cancel with exactly one of --unique-name, --tag or --all");
  }
}

CancelReport cancel_tasks(const std::string& requested, const std::string& app, const CancelSelector& selector,
                          const BridgeAccess& access, const Deadline& deadline) {
  check_cancel_request(app, selector);
  DeviceInfo device = choose_for_app(requested, app, deadline);
  if (is_ios(device)) return cancel_ios_tasks(device, app, selector, access, deadline);
  return android::cancel_android(adb_client(), device, app, selector, access, deadline);
}

TriggerReport run_now(const std::string& requested, const std::string& app, const std::string& unique_name,
                      const std::string& tag, bool wait, const BridgeAccess& access, const Deadline& deadline) {
  check_trigger_request(app, unique_name, tag);
  DeviceInfo device = choose_for_app(requested, app, deadline);
  if (is_ios(device)) {
    if (!tag.empty()) {
      throw Error(ErrorKind::Unsupported, "the plugin has no tags on iOS: run a task by --unique-name", device.id,
                  "run now");
    }
    return ios::run_now_ios(xcrun_runner(), device, app, unique_name, wait, access, deadline);
  }
  return android::run_now_android(adb_client(), device, app, {unique_name, tag}, wait, access, deadline);
}

nlohmann::json plugin_view(const TaskListing& listing, const BridgeAccess& access, const Deadline& deadline) {
  return android::plugin_view_android(adb_client(), listing.device, listing.app, listing.tasks, access, deadline);
}

}  // namespace fwm::api
