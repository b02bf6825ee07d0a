// The bridge operations of the library API.
#include "api/bridge_api.hpp"

#include <cstdlib>

#include "adb/android_devices.hpp"
#include "api/fwm_api.hpp"

namespace fwm::api {
namespace {

DeviceInfo chosen_android_device(const std::string& requested, const Deadline& deadline) {
  std::vector<DeviceInfo> devices;
  for (const auto& e : adb_client().devices(deadline)) devices.push_back(android::device_info_from(e, {}));
  const char* env = std::getenv("ANDROID_SERIAL");
  return choose_device(devices, requested, env != nullptr ? env : "");
}

}  // namespace

RegisterReport register_task(const std::string& requested, const RegisterPlan& plan, const BridgeAccess& access,
                             const Deadline& deadline) {
  if (plan.platform != PlatformId::Android) {
    throw Error(ErrorKind::Unsupported,
                "this build of fwm registers on Android devices only; --dry-run checks a request against iOS's rules");
  }
  DeviceInfo device = chosen_android_device(requested, deadline);
  return android::register_android(adb_client(), device, plan, access, deadline);
}

void check_cancel_request(const std::string& app, const CancelSelector& selector) {
  check_app(PlatformId::Android, app);
  int chosen = !selector.unique_name.empty() + !selector.tag.empty() + selector.all;
  if (chosen != 1) {
    throw ValidationError("selector", "name what to cancel with exactly one of --unique-name, --tag or --all");
  }
}

CancelReport cancel_tasks(const std::string& requested, const std::string& app, const CancelSelector& selector,
                          const BridgeAccess& access, const Deadline& deadline) {
  check_cancel_request(app, selector);
  DeviceInfo device = chosen_android_device(requested, deadline);
  return android::cancel_android(adb_client(), device, app, selector, access, deadline);
}

TriggerReport run_now(const std::string& requested, const std::string& app, const std::string& unique_name,
                      const std::string& tag, bool wait, const BridgeAccess& access, const Deadline& deadline) {
  check_trigger_request(app, unique_name, tag);
  DeviceInfo device = chosen_android_device(requested, deadline);
  return android::run_now_android(adb_client(), device, app, {unique_name, tag}, wait, access, deadline);
}

nlohmann::json plugin_view(const TaskListing& listing, const BridgeAccess& access, const Deadline& deadline) {
  return android::plugin_view_android(adb_client(), listing.device, listing.app, listing.tasks, access, deadline);
}

}  // namespace fwm::api
