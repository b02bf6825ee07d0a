// `fwm doctor` on Android: is the app set up so that its background tasks can run and be tested?
#pragma once

#include <string>

#include "adb/adb_client.hpp"
#include "core/doctor_report.hpp"

namespace fwm::android {

// Checks, with their fixes: installed, debuggable, WorkManager found (database or diagnostics
// receiver), plugin generation, callback handle stored, diagnostics available, standby bucket,
// background restriction, notification permission. The device round trips run concurrently.
DoctorReport doctor_android(AdbClient& client, const DeviceInfo& device, const std::string& package,
                            const Deadline& deadline);

}  // namespace fwm::android
