// cancel on an iOS device without the bridge: cancelTaskRequestWithIdentifier: through lldb, claimed no further.
#include "xcrun/ios_lldb_cancel.hpp"

#include "core/errors.hpp"
#include "xcrun/ios_device_app.hpp"
#include "xcrun/lldb_script.hpp"

namespace fwm::ios {

CancelReport cancel_with_lldb(const XcrunRunner& runner, const DeviceInfo& device, const std::string& bundle,
                              const std::string& unique_name, const std::vector<ListedTask>& tasks_before,
                              const Deadline& deadline) {
  DeviceAppProcess app = find_device_app(runner, device, bundle, deadline);
  if (!app.pid) {
    throw Error(ErrorKind::Failed,
                bundle + " is not running on " + device_label(device) +
                    ", so nothing was cancelled: open the app on the device first (lldb runs "
                    "cancelTaskRequestWithIdentifier: inside the running app), or cancel through the bridge",
                device.id, "find app");
  }
  runner.lldb(lldb_commands({device.identifier, *app.pid}, BgTaskAction::Cancel, unique_name), deadline, device.id);
  CancelReport report;
  report.device = device;
  report.app = bundle;
  report.selector.unique_name = unique_name;
  for (const auto& task : tasks_before) {
    if (task.unique_name == unique_name && is_pending_state(task.state)) report.cancelled.push_back(task);
  }
  std::string bookkeeping =
      " This bypasses the plugin's own bookkeeping" +
      (report.cancelled.empty()
           ? ", which listed no pending task '" + unique_name + "' before."
           : ": its UserDefaults still lists '" + unique_name + "' as " + report.cancelled.front().state +
                 " (the bridge's cancelByUniqueName keeps both in step).");
  report.message = "lldb ran BGTaskScheduler's cancelTaskRequestWithIdentifier:@\"" + unique_name + "\" in " + bundle +
                   " (pid " + std::to_string(*app.pid) + ") on " + device_label(device) + " and reported no error." +
                   bookkeeping +
                   " Not verified: without the bridge fwm cannot read BGTaskScheduler's pending requests back, so it "
                   "did not see whether a request was pending or that it is gone.";
  report.ok = true;
  report.read_back = false;
  return report;
}

}  // namespace fwm::ios
