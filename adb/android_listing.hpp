// Listing an app's tasks on an Android device, and from files saved off one.
#pragma once

#include <string>
#include <vector>

#include "adb/adb_client.hpp"
#include "adb/work_sources.hpp"
#include "core/task_listing.hpp"

namespace fwm::android {

// The listing assembled from what was read off `device` (see work_sources_from), filtered. Throws
// Error(Failed) when the app is not installed. Runs no device command.
TaskListing android_listing_from(const DeviceInfo& device, const std::string& package, const TaskFilter& filter,
                                 const WorkSources& sources);

// Lists the app's tasks on the device: database (debuggable builds) and dumpsys, else the
// diagnostics report; filtered. Throws Error(Failed) when the app is not installed.
TaskListing list_android_tasks(AdbClient& client, const DeviceInfo& device, const std::string& package,
                               const TaskFilter& filter, const Deadline& deadline);

// Lists tasks from files: a WorkManager database copy (its -wal and -shm beside it are used), a
// saved `dumpsys jobscheduler` text, a saved logcat holding a diagnostics report; several files are
// merged. `package` narrows a dump to one app ("" = every app with WorkManager jobs). Throws
// ValidationError naming a file that is none of these or cannot be read.
TaskListing inspect_android_files(const std::vector<std::string>& paths, const std::string& package,
                                  const TaskFilter& filter);

}  // namespace fwm::android
