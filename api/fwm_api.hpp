// The library API: every operation the CLI and the Python module offer, in one place.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adb/adb_client.hpp"
#include "api/targets.hpp"
#include "core/capture_bundle.hpp"
#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "core/register_plan.hpp"
#include "core/task_listing.hpp"
#include "core/doctor_report.hpp"
#include "core/log_record.hpp"
#include "core/trigger_report.hpp"

namespace fwm::api {

// fwm's version, e.g. "0.1.0".
std::string version();

// The deadline a command gets when the user sets none.
Millis default_timeout();

// The platform named by `text` ("android" or "ios"); throws ValidationError on field "platform".
PlatformId platform_named(std::string_view text);

// The rules of one platform.
const PlatformRules& platform_rules(PlatformId platform);

// Checks an app identifier for a platform (ValidationError on field "app").
void check_app(PlatformId platform, const std::string& app);

// Checks an app identifier that may belong to either platform (the device, chosen later, decides
// which): ValidationError with the Android problems when it suits neither.
void check_any_app(const std::string& app);

// The device chosen by `requested` (see choose_target), and `app` checked against its platform's rules.
DeviceInfo choose_for_app(const std::string& requested, const std::string& app, const Deadline& deadline);

// The devices an operation on several devices acts on (Android and iOS): with `all`, every ready
// device; else each one named in `requested`.
std::vector<DeviceInfo> select_devices(const std::vector<std::string>& requested, bool all, const Deadline& deadline);

// Checks a register request (the JSON form read by task_request_from_json) for `app` against a
// platform's rules, sending nothing. Throws ValidationError with every problem.
RegisterPlan plan_register(const nlohmann::json& request, const std::string& app, PlatformId platform);

// Every attached device with its properties: Android (one server request, one getprop per device,
// concurrently; the adb server named by ADB_SERVER_SOCKET / ANDROID_ADB_SERVER_PORT, started if none
// answers) and, where xcrun is found, iOS simulators and paired devices (see all_devices).
DeviceList list_devices(const Deadline& deadline);

// Calls `on_change` with the full Android device list now and after every change the adb server reports,
// until it returns false or the deadline passes.
void watch_devices(const std::function<bool(const std::vector<DeviceInfo>&)>& on_change, const Deadline& deadline);

// The outcome of a device command, and on which device it ran.
struct DeviceShellResult {
  std::string serial;
  android::ShellResult result;
};

// Runs argv on the Android device chosen by `requested` (serial or model; "" = ANDROID_SERIAL or the
// only attached device), each argument quoted for the device shell. An iOS target is Error(Unsupported).
DeviceShellResult device_shell(const std::string& requested, const std::vector<std::string>& argv,
                               const Deadline& deadline);

// Runs argv on the Android device with exactly this serial (no selection round trip).
DeviceShellResult android_shell(const std::string& serial, const std::vector<std::string>& argv,
                                const Deadline& deadline);

// The app's tasks on the chosen device of either platform (`requested` as in choose_target),
// filtered. The app id and the filter are checked before anything is sent (ValidationError). On
// Android with `plugin_view`, also the plugin's own view (getWorkInfo, isScheduledByUniqueName)
// where the in-app bridge answers, or why it does not; on iOS the listing always holds
// BGTaskScheduler's pending requests where the bridge answers (see api::list_ios_tasks).
TaskListing list_tasks(const std::string& requested, const std::string& app, const TaskFilter& filter,
                       const Deadline& deadline, bool plugin_view = false);

// Tasks from files saved off a device (database copy, dumpsys text, logcat), merged; `app` ("" =
// any) narrows a dump to one package. A `fwm capture` archive (given alone) gives the listing
// `fwm list` gave on its device when it was captured, assembled from its raw outputs.
TaskListing inspect_files(const std::vector<std::string>& paths, const std::string& app, const TaskFilter& filter);

// Records on the chosen device every raw output fwm reads for list, doctor and logs (see
// android::capture_android and api::capture_ios) and writes them with a manifest as one ustar archive
// at `path` ("" = fwm-capture-APP-YYYYMMDDTHHMMSSZ.tar in the current folder), written whole or not
// at all. With `redact`, the tasks' input data values are replaced by markers. The app id and the
// output folder are checked before anything is sent (ValidationError). Throws as list does.
CaptureReport capture(const std::string& requested, const std::string& app, const std::string& path, bool redact,
                      const Deadline& deadline);

// Checks a trigger request (app, exactly one of unique name or tag) before anything is sent.
void check_trigger_request(const std::string& app, const std::string& unique_name, const std::string& tag);

// Checks a wait request (app, unique name, target state) before anything is sent.
void check_wait_request(const std::string& app, const std::string& unique_name, const std::string& until);

// Forces the app's tasks with this unique name or tag (exactly one non-empty) to run now on the
// chosen device; with `wait`, follows each run to its result (Android, see android::trigger_android).
// On iOS see api::trigger_ios; `expire` (iOS devices only) simulates the task's expiration.
TriggerReport trigger_tasks(const std::string& requested, const std::string& app, const std::string& unique_name,
                            const std::string& tag, bool wait, bool expire, const Deadline& deadline);

// Waits until the task with this unique name reaches `until` (enqueued, running, succeeded, failed,
// blocked, cancelled, or finished; on iOS also scheduled, read from the plugin's store).
TriggerReport wait_for_task(const std::string& requested, const std::string& app, const std::string& unique_name,
                            const std::string& until, const Deadline& deadline);

// Calls `on_record` for each task lifecycle log line of the chosen device (Android: WorkManager's WM-*
// tags, the plugin's WorkmanagerDebug, flutter; iOS: see api::ios_task_logs), once or following the
// log, until it returns false.
void task_logs(const std::string& requested, const std::string& app, bool follow,
               const std::function<bool(const LogRecord&)>& on_record, const Deadline& deadline);

// Checks the app's set-up on the chosen device, each check with its fix.
DoctorReport doctor(const std::string& requested, const std::string& app, const Deadline& deadline);

// The adb client for the server named by the environment, shared by the whole process (device
// features are asked once per serial). For transport-level calls: exec, forward, kill_forward.
android::AdbClient& adb_client();

// {"schema", "serial", "argv", "stdout", "stderr", "exitCode"} for a device command.
nlohmann::json device_shell_json(const DeviceShellResult& outcome, const std::vector<std::string>& argv);

}  // namespace fwm::api
