// The library API: every operation the CLI and the Python module offer, in one place.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adb/adb_client.hpp"
#include "core/deadline.hpp"
#include "core/device_info.hpp"
#include "core/register_plan.hpp"

namespace fwm::api {

// fwm's version, e.g. "0.1.0".
std::string version();

// The deadline a command gets when the user sets none.
Millis default_timeout();

// The platform named by `text` ("android" or "ios"); throws ValidationError on field "platform".
PlatformId platform_named(std::string_view text);

// The rules of one platform.
const PlatformRules& platform_rules(PlatformId platform);

// Checks a register request (the JSON form read by task_request_from_json) for `app` against a
// platform's rules, sending nothing. Throws ValidationError with every problem.
RegisterPlan plan_register(const nlohmann::json& request, const std::string& app, PlatformId platform);

// Every attached device with its properties (one server request, one getprop per device,
// concurrently). The adb server is the one named by the environment (ADB_SERVER_SOCKET,
// ANDROID_ADB_SERVER_PORT), started if none answers.
std::vector<DeviceInfo> list_devices(const Deadline& deadline);

// Calls `on_change` with the full device list now and after every change the adb server reports,
// until it returns false or the deadline passes.
void watch_devices(const std::function<bool(const std::vector<DeviceInfo>&)>& on_change, const Deadline& deadline);

// The outcome of a device command, and on which device it ran.
struct DeviceShellResult {
  std::string serial;
  android::ShellResult result;
};

// Runs argv on the device chosen by `requested` (serial or model; "" = ANDROID_SERIAL or the only
// attached device), each argument quoted for the device shell.
DeviceShellResult device_shell(const std::string& requested, const std::vector<std::string>& argv,
                               const Deadline& deadline);

// Runs argv on the Android device with exactly this serial (no selection round trip).
DeviceShellResult android_shell(const std::string& serial, const std::vector<std::string>& argv,
                                const Deadline& deadline);

// The adb client for the server named by the environment, shared by the whole process (device
// features are asked once per serial). For transport-level calls: exec, forward, kill_forward.
android::AdbClient& adb_client();

// {"schema", "serial", "argv", "stdout", "stderr", "exitCode"} for a device command.
nlohmann::json device_shell_json(const DeviceShellResult& outcome, const std::vector<std::string>& argv);

}  // namespace fwm::api
