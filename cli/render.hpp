// Human and JSON rendering of results and errors for the terminal.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "core/device_info.hpp"
#include "core/errors.hpp"
#include "core/register_plan.hpp"
#include "core/doctor_report.hpp"
#include "core/task_listing.hpp"
#include "core/trigger_report.hpp"

namespace fwm::cli {

// Prints one JSON document on one line (JSON Lines when several follow).
void print_json(std::ostream& out, const nlohmann::json& document);

// Prints devices as an aligned table (SERIAL STATE MODEL RELEASE SDK PRODUCT), with problems.
void print_device_table(std::ostream& out, const std::vector<DeviceInfo>& devices);

// Prints a task listing as a table (UNIQUE NAME, TASK NAME, KIND, STATE, NEXT RUN, JOB, TAGS),
// then each task's notes and the listing's problems.
void print_task_table(std::ostream& out, const TaskListing& listing);

// Prints each task's outcome: successes on `out`, failures and refusals on `err`.
void print_trigger_report(std::ostream& out, std::ostream& err, const TriggerReport& report);

// Prints doctor's checks, one per line with its status, detail and fix.
void print_doctor_report(std::ostream& out, const DoctorReport& report);

// Prints a dry-run plan as a readable summary with its warnings.
void print_plan(std::ostream& out, const RegisterPlan& plan);

// Reports an error (as {"schema","error"} JSON on stdout with --json, with its device and step;
// else its message, which names them, on stderr), naming flags rather than field names, and
// returns the exit code for it.
int report_error(const Error& error, bool json, std::ostream& out, std::ostream& err);

}  // namespace fwm::cli
