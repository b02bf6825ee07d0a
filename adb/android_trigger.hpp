// Forcing an app's WorkManager work to run through JobScheduler, and waiting for a task's state.
#pragma once

#include <string>

#include "adb/adb_client.hpp"
#include "core/trigger_report.hpp"

namespace fwm::android {

// Which tasks an operation is about: by unique name or by tag (exactly one is set).
struct TaskSelector {
  std::string unique_name;
  std::string tag;
};

// Forces each selected ENQUEUED task with `cmd jobscheduler run -f` (adding -n where the job has a
// namespace and the device knows the option). Refuses, with the reason and the way out, work that
// JobScheduler does not hold yet and periodic or backed-off work that WorkManager would not run
// before its next run time. With `wait`, follows each run to WorkManager's result (success, retry
// with the next run time, failure) from WorkerWrapper's log and the database read back.
// Throws Error(Failed) when the app is not installed or nothing matches.
TriggerReport trigger_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                              const TaskSelector& selector, bool wait, const Deadline& deadline);

// Polls the task with this unique name until its state is `until` (a state name, or "finished" for
// succeeded, failed or cancelled); a different final state is a failure, the deadline a timeout.
TriggerReport wait_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                           const std::string& unique_name, const std::string& until, const Deadline& deadline);

}  // namespace fwm::android
