// `fwm capture` on Android: every device command list, doctor and logs run, recorded; and the listing read back from such a capture.
#pragma once

#include <string>

#include "adb/adb_endpoint.hpp"
#include "core/capture_bundle.hpp"
#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "core/task_listing.hpp"

namespace fwm::android {

// Runs on `device`, through a fresh client of the adb server at `endpoint` that records every device
// command with its outputs: getprop (the device as `fwm devices` describes it), the listing's
// commands (gather_work_sources), doctor's (doctor_android), logs' (`logcat -d -v threadtime`) and
// `cmd jobscheduler help` (trigger). Fills bundle.manifest's "device" (described), "commands" and
// "listing" ({"readAtMs", "database": {"status", "message", "files": {device path: archive name}},
// "dumpsys": OUTPUT, "diagnostics": {"request": OUTPUT, "log": OUTPUT or absent, "budgetMs"}}, each
// OUTPUT {"stdout", "stderr", "exitCode"}), the database files stored under android/. With
// `redact`, the database files hold redacted input data (redact_work_database) and exec: outputs
// (the raw database bytes) are withheld. Throws as `fwm list` does: Error(Failed) when the app is
// not installed, the device's errors otherwise.
void capture_android(const AdbEndpoint& endpoint, const DeviceInfo& device, const std::string& package, bool redact,
                     const Deadline& deadline, CaptureBundle& bundle);

// The listing `fwm list` gave on the device when `bundle` was captured: the listing's outputs read
// back and assembled by work_sources_from and android_listing_from, with the manifest's device.
TaskListing android_listing_from_capture(const CaptureBundle& bundle, const TaskFilter& filter);

}  // namespace fwm::android
