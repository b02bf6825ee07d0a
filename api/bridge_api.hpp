// The library API of the in-app bridge: register, cancel, run-now and the plugin's view, for the CLI and Python.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "adb/bridge_android.hpp"
#include "core/bridge_report.hpp"
#include "core/register_plan.hpp"
#include "core/task_listing.hpp"
#include "core/trigger_report.hpp"

namespace fwm::api {

// How to reach the bridge (see fwm::BridgeOptions): "" finds the VM service in the app's log.
using BridgeAccess = BridgeOptions;

// Registers a checked plan (api::plan_register) on the chosen device (`requested` as in
// choose_target) through the bridge and reads the task back (Android: android::register_android;
// iOS: ios::register_ios). A plan checked against the other platform's rules is ValidationError.
RegisterReport register_task(const std::string& requested, const RegisterPlan& plan, const BridgeAccess& access,
                             const Deadline& deadline);

// Chooses the device, checks the request (the JSON form plan_register reads) against its platform's
// rules (ValidationError, nothing sent), then registers it as register_task does.
RegisterReport register_request(const std::string& requested, const nlohmann::json& request, const std::string& app,
                                const BridgeAccess& access, const Deadline& deadline);

// Checks a cancel request (app, exactly one of unique name, tag or all) before anything is sent.
void check_cancel_request(const std::string& app, const CancelSelector& selector);

// Cancels the selected tasks on the chosen device through the bridge and reads the tasks back.
CancelReport cancel_tasks(const std::string& requested, const std::string& app, const CancelSelector& selector,
                          const BridgeAccess& access, const Deadline& deadline);

// Runs the selected tasks' Dart code now through the bridge (a one-off copy each, see
// android::run_now_android), checked as check_trigger_request does.
TriggerReport run_now(const std::string& requested, const std::string& app, const std::string& unique_name,
                      const std::string& tag, bool wait, const BridgeAccess& access, const Deadline& deadline);

// The plugin's view of a listing's tasks where the bridge answers (android::plugin_view_android), on
// the listing's device.
nlohmann::json plugin_view(const TaskListing& listing, const BridgeAccess& access, const Deadline& deadline);

}  // namespace fwm::api
