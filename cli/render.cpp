// Terminal rendering of plans and errors.
#include "cli/render.hpp"

#include <algorithm>
#include <iomanip>
#include <string>

#include "cli/field_flags.hpp"
#include "core/json_line.hpp"
#include "core/task_names.hpp"

namespace fwm::cli {
namespace {

std::string on_off(const std::optional<bool>& v) { return v.value_or(false) ? "yes" : "no"; }

std::string constraints_text(const Constraints& c) {
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  if (c.network_type) add("network " + std::string(name_of(*c.network_type)));
  if (c.requires_charging) add("charging " + on_off(c.requires_charging));
  if (c.requires_battery_not_low) add("battery not low " + on_off(c.requires_battery_not_low));
  if (c.requires_device_idle) add("device idle " + on_off(c.requires_device_idle));
  if (c.requires_storage_not_low) add("storage not low " + on_off(c.requires_storage_not_low));
  return text.empty() ? "none" : text;
}

void row(std::ostream& out, const std::string& label, const std::string& value) {
  out << "  " << std::left << std::setw(20) << label << value << "\n";
}

void duration_row(std::ostream& out, const std::string& label, const std::optional<Millis>& effective,
                  const std::optional<Millis>& requested) {
  if (!effective) {
    if (requested) row(out, label, "ignored (asked " + format_duration(*requested) + ")");
    return;
  }
  std::string value = format_duration(*effective);
  if (requested && *requested != *effective) value += "  (asked " + format_duration(*requested) + ")";
  row(out, label, value);
}


// Prints rows as left-aligned columns two spaces apart, without trailing blanks.
void print_columns(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], r[i].size());
  }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(widths[i] - r[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

// How a task is named in notes: its unique name, else its work id, else its job id.
std::string task_label(const ListedTask& t) {
  if (!t.unique_name.empty()) return t.unique_name;
  if (!t.work_id.empty()) return t.work_id;
  return t.job_id ? "job " + std::to_string(*t.job_id) : "?";
}

}  // namespace

void print_json(std::ostream& out, const nlohmann::json& document) {
  out << json_line(document) << "\n";
}

void print_device_table(std::ostream& out, const std::vector<DeviceInfo>& devices) {
  if (devices.empty()) {
    out << "No devices attached.\n";
    return;
  }
  bool any_ios = std::any_of(devices.begin(), devices.end(), [](const DeviceInfo& d) { return d.platform == "ios"; });
  std::vector<std::vector<std::string>> rows;
  if (any_ios) {
    rows.push_back({"ID", "KIND", "STATE", "NAME", "OS", "CONNECTION"});
    for (const auto& d : devices) {
      bool ios = d.platform == "ios";
      std::string os = ios ? d.os_name + " " + d.os_version : "Android " + d.os_version + " (SDK " + d.sdk + ")";
      rows.push_back({d.id, ios ? "ios-" + d.kind : "android", d.state, ios ? d.name : d.model, os,
                      ios ? (d.connection.empty() ? "-" : d.connection) : "adb"});
    }
  } else {
    rows.push_back({"SERIAL", "STATE", "MODEL", "RELEASE", "SDK", "PRODUCT"});
    for (const auto& d : devices) rows.push_back({d.id, d.state, d.model, d.os_version, d.sdk, d.product});
  }
  print_columns(out, rows);
  for (const auto& d : devices) {
    if (!d.problem.empty()) out << "note: " << d.id << ": " << d.problem << "\n";
  }
}

void print_task_table(std::ostream& out, const TaskListing& listing) {
  std::string where = listing.device.id.empty() ? "" : " on " + listing.device.id;
  if (listing.tasks.empty()) {
    out << "No tasks" << (listing.app.empty() ? "" : " for " + listing.app) << where << ".\n";
  } else {
    std::vector<std::vector<std::string>> rows{{"UNIQUE NAME", "TASK NAME", "KIND", "STATE", "NEXT RUN (UTC)", "JOB", "TAGS"}};
    for (const auto& t : listing.tasks) {
      std::string tags;
      for (const auto& tag : t.tags) tags += (tags.empty() ? "" : ",") + tag;
      std::string next = t.next_run_at_ms ? iso8601_utc(*t.next_run_at_ms) : "-";
      rows.push_back({t.unique_name.empty() ? "-" : t.unique_name, t.task_name.empty() ? "?" : t.task_name,
                      t.kind ? std::string(name_of(*t.kind)) : "?", t.state.empty() ? "?" : t.state, next,
                      t.job_id ? std::to_string(*t.job_id) : "-", tags.empty() ? "-" : tags});
    }
    print_columns(out, rows);
  }
  for (const auto& t : listing.tasks) {
    if (t.unsatisfied_constraints && !t.unsatisfied_constraints->empty()) {
      std::string names;
      for (const auto& n : *t.unsatisfied_constraints) names += (names.empty() ? "" : ", ") + n;
      out << "waiting: " << task_label(t) << ": " << names << "\n";
    }
    for (const auto& note : t.notes) out << "note: " << task_label(t) << ": " << note << "\n";
    if (!t.upgrade_hazard.empty()) out << "upgrade hazard: " << task_label(t) << ": " << t.upgrade_hazard << "\n";
  }
  for (const auto& p : listing.problems) out << "note: " << p << "\n";
}

void print_trigger_report(std::ostream& out, std::ostream& err, const TriggerReport& report) {
  for (const auto& r : report.results) {
    (r.ok ? out : err) << (r.ok ? "" : "fwm: ") << r.outcome << ": " << r.message << "\n";
  }
}

void print_doctor_report(std::ostream& out, const DoctorReport& report) {
  out << report.app << " on " << report.device.id << ":\n";
  for (const auto& c : report.checks) {
    out << "  [" << c.status << "] " << c.name << ": " << c.detail << "\n";
    if (!c.fix.empty()) out << "         fix: " << c.fix << "\n";
  }
}

void print_plan(std::ostream& out, const RegisterPlan& plan) {
  const TaskRequest& t = plan.effective;
  const TaskRequest& asked = plan.requested;
  out << "Dry run on " << name_of(plan.platform) << " rules: nothing was sent.\n";
  out << "  " << name_of(t.kind) << " task '" << t.unique_name << "' (taskName '" << t.task_name
      << "') for " << plan.app << "\n";
  if (t.tag) row(out, "tag", *t.tag);
  duration_row(out, "initialDelay", t.initial_delay, asked.initial_delay);
  duration_row(out, "frequency", t.frequency, asked.frequency);
  duration_row(out, "flexInterval", t.flex_interval, asked.flex_interval);
  row(out, "constraints", constraints_text(t.constraints));
  if (t.existing_work_policy) row(out, "existingWorkPolicy", std::string(name_of(*t.existing_work_policy)));
  if (t.backoff_policy && t.backoff_policy_delay) {
    row(out, "backoff", std::string(name_of(*t.backoff_policy)) + " " + format_duration(*t.backoff_policy_delay));
  }
  if (t.expedited) {
    row(out, "expedited",
        "yes, out of quota: " + std::string(t.out_of_quota_policy ? name_of(*t.out_of_quota_policy) : ""));
  }
  row(out, "inputData", t.input_data.empty() ? "none" : t.input_data.dump());
  if (plan.warnings.empty()) return;
  out << "Warnings:\n";
  for (const auto& w : plan.warnings) out << "  " << flag_for_field(w.field) << ": " << w.message << "\n";
}

int report_error(const Error& error, bool json, std::ostream& out, std::ostream& err) {
  const auto* validation = dynamic_cast<const ValidationError*>(&error);
  if (json) {
    nlohmann::json e = {{"kind", kind_name(error.kind())},
                        {"exitCode", exit_code(error.kind())},
                        {"message", error.what()}};
    if (!error.device().empty()) e["device"] = error.device();
    if (!error.step().empty()) e["step"] = error.step();
    if (validation != nullptr) {
      nlohmann::json problems = nlohmann::json::array();
      for (const auto& p : validation->problems()) {
        problems.push_back({{"field", p.field}, {"flag", flag_for_field(p.field)}, {"message", p.message}});
      }
      e["problems"] = problems;
    }
    print_json(out, {{"schema", "fwm/1"}, {"error", e}});
  } else if (validation != nullptr) {
    err << "fwm: invalid request, nothing was sent:\n";
    for (const auto& p : validation->problems()) {
      err << "  " << flag_for_field(p.field) << ": " << p.message << "\n";
    }
  } else {
    err << "fwm: error: " << error.what() << "\n";
  }
  return exit_code(error.kind());
}

}  // namespace fwm::cli
