// The iOS task listing: the plugin's records merged with BGTaskScheduler's pending requests.
#include "xcrun/ios_listing.hpp"

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/bridge_protocol.hpp"
#include "core/duration.hpp"

namespace fwm::ios {
namespace {

const char* const kOneOffNote =
    "a one-off task is an in-process timer (beginBackgroundTask): it runs only while the app is alive and cannot "
    "be triggered or cancelled from outside the app";
const char* const kSimulatorNote =
    "BGTaskScheduler does not run on the Simulator (submit fails with BGTaskSchedulerErrorDomain code 1, "
    "Unavailable): this task will not run here; use a device";
// S/WorkmanagerPlugin.swift@af5d75a:185,235 record a processing or health-research task as scheduled
// (isPeriodic false) even when its submit failed, which leaves no scheduledTasks entry (:793-798).
const char* const kOneOffOrProcessingNote =
    "one-off, or a processing (or health-research) task whose submit failed (every submit fails on the "
    "Simulator): the plugin's store records both alike, with isPeriodic false and no scheduledTasks entry";
// S/WorkmanagerPlugin.swift@af5d75a:696-704,748-756,768-777: the AppDelegate helpers write scheduledTasks
// and submit nothing; Dart's register calls write workInfos (:146-153,185,235).
const char* const kAppDelegateOnlyNote =
    "only registered in the AppDelegate (WorkmanagerPlugin.registerPeriodicTask/registerBGProcessingTask"
    "(withIdentifier:)), which writes its scheduledTasks entry without submitting a request: Dart never "
    "scheduled it, so the plugin has no state for it";
const char* const kMissingNote =
    "BGTaskScheduler holds no request for it although the plugin records it as scheduled: the submit failed, the "
    "identifier is missing from BGTaskSchedulerPermittedIdentifiers, or it already ran";

// What the store says about one unique name.
struct Records {
  const WorkInfoRecord* info = nullptr;
  const ScheduledTaskRecord* scheduled = nullptr;
};

// "900 (15m)": the number as stored, and as a duration when it is one.
std::string seconds_text(double seconds) {
  std::ostringstream number;
  number << seconds;
  if (!std::isfinite(seconds) || seconds < 0) return number.str();
  return number.str() + " (" + format_duration(Millis(std::llround(seconds * 1000))) + ")";
}

// The request class of a scheduledTasks kind other than refresh and processing ("" when unknown).
std::string request_class(const std::string& kind) {
  if (kind == "healthResearch") return "BGHealthResearchTaskRequest";
  if (kind == "continuedProcessing") return "BGContinuedProcessingTaskRequest";
  return "";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// One-off tasks without a BGTask entry run at once or after their delay and then hold a result; a
// processing task whose submit failed never runs.
bool ran_in_process(const WorkInfoRecord& info) {
  return info.state == "running" || info.state == "succeeded" || info.state == "failed";
}

ListedTask listed_task(const std::string& name, const Records& r, const PluginDefaults& defaults) {
  ListedTask t;
  t.platform = "ios";
  t.unique_name = name;
  t.sources = {"userDefaults"};
  std::string bg_kind = r.scheduled != nullptr ? r.scheduled->kind : "";
  if (bg_kind == "refresh" || (r.info != nullptr && r.info->is_periodic)) {
    t.kind = TaskKind::Periodic;
  } else if (bg_kind == "processing") {
    t.kind = TaskKind::Processing;
  } else if (bg_kind.empty() && r.info != nullptr && ran_in_process(*r.info)) {
    t.kind = TaskKind::OneOff;
    t.notes.push_back(kOneOffNote);
  } else if (bg_kind.empty()) {
    t.notes.push_back(kOneOffOrProcessingNote);
  } else {
    std::string request = request_class(bg_kind);
    t.notes.push_back("a BGTaskScheduler request of kind " + bg_kind + (request.empty() ? "" : " (" + request + ")"));
  }
  if (r.info != nullptr) {
    t.task_name = r.info->task_name;
    t.state = r.info->state;
    if (r.info->last_finished_at) {
      t.last_finished_at_ms = std::llround(*r.info->last_finished_at * 1000);
      t.notes.push_back("the plugin last saw it finish at " + iso8601_utc(*t.last_finished_at_ms));
    }
  } else if (defaults.has_work_infos) {
    t.flags.push_back("appDelegateOnly");
    t.notes.push_back(kAppDelegateOnlyNote);
  }
  if (r.scheduled != nullptr && r.scheduled->earliest_begin_in_seconds) {
    t.notes.push_back("earliestBeginInSeconds " + seconds_text(*r.scheduled->earliest_begin_in_seconds) +
                      ": each request the plugin submits for it may start no earlier than that after the submit");
  }
  auto input = defaults.periodic_input_data.find(name);
  if (input != defaults.periodic_input_data.end()) t.input_data = *input;
  return t;
}

// Why a suite of the current plugin holds less than workmanager 0.10.3+ keeps (S/UserDefaultsHelper.swift:
// scheduledTasks from 0.9.1+1 @632d204:42, workInfos from 0.10.3 @52c5c9a:66); "" when it has both keys.
std::string store_version_note(const PluginDefaults& d) {
  if (d.key_prefix != "dev.fluttercommunity.workmanager" || d.has_work_infos) return "";
  std::string note =
      "the plugin's store has no workInfos key, so it shows no task states and no one-off tasks: either Dart has "
      "registered nothing since the app moved to workmanager 0.10.3 (workmanager_apple 0.9.9), which added it, or "
      "the app uses workmanager 0.8.0 to 0.10.2";
  if (d.has_scheduled_tasks) {
    return note + "; scheduledTasks only names the BGTask identifiers the plugin submitted or the AppDelegate "
                  "registered";
  }
  return note + ", and it has no scheduledTasks key either (added in 0.9.1+1, workmanager_apple 0.9.3+1), so it "
                "names no BGTask identifiers: before 0.9.1+1 the store keeps only the callback handle and, from "
                "0.9.0+4, periodic tasks' input data. With the in-app bridge, plugin.pending lists BGTaskScheduler's "
                "own pending requests";
}

}  // namespace

IosPluginTasks plugin_tasks(const PluginDefaults& defaults, bool simulator,
                            const std::optional<ScheduledTasksText>& os_pending) {
  std::map<std::string, Records> names;
  for (const auto& info : defaults.work_infos) names[info.unique_name].info = &info;
  for (const auto& scheduled : defaults.scheduled_tasks) names[scheduled.identifier].scheduled = &scheduled;
  const ScheduledTasksText* pending = os_pending && os_pending->found ? &*os_pending : nullptr;
  std::map<std::string, const PendingTaskText*> pending_by_id;
  if (pending != nullptr) {
    for (const auto& p : pending->tasks) pending_by_id.emplace(p.identifier, &p);
  }

  IosPluginTasks out;
  for (const auto& [name, records] : names) {
    if (is_run_now_copy(name)) continue;
    ListedTask t = listed_task(name, records, defaults);
    bool bg_task = (t.kind && *t.kind != TaskKind::OneOff) || records.scheduled != nullptr;
    auto held = pending_by_id.find(name);
    if (held != pending_by_id.end()) {
      t.sources.push_back("printScheduledTasks");
      if (!held->second->earliest_begin_date.empty()) {
        t.notes.push_back("BGTaskScheduler's earliestBeginDate: " + held->second->earliest_begin_date);
      }
    } else if (pending != nullptr && bg_task && t.state == "scheduled") {
      t.notes.push_back(kMissingNote);
      out.missing_in_os.push_back(name);
    } else if (pending != nullptr && bg_task && t.state.empty()) {
      t.notes.push_back("BGTaskScheduler holds no request for it");
    }
    if (pending == nullptr && simulator && bg_task) t.notes.push_back(kSimulatorNote);
    out.tasks.push_back(std::move(t));
  }
  for (const auto& [identifier, request] : pending_by_id) {
    if (names.count(identifier) == 0) out.os_only.push_back(identifier);
  }
  return out;
}

IosTaskListing ios_task_listing(const DeviceInfo& target, const std::string& bundle, const PluginSuite& suite,
                                const std::optional<ScheduledTasksText>& os_pending, const TaskFilter& filter) {
  TaskListing listing;
  listing.device = target;
  listing.app = bundle;
  PluginDefaults defaults;
  if (!suite.found) {
    listing.problems.push_back("the plugin's UserDefaults suite is absent: the app never called "
                               "Workmanager().initialize or registered a task");
  } else {
    try {
      defaults = parse_plugin_defaults(suite.bytes);
    } catch (const std::invalid_argument& e) {
      listing.problems.push_back("the plugin's UserDefaults suite (" + suite.path_in_container +
                                 ") cannot be read: " + e.what());
    }
  }
  for (const auto& note : defaults.notes) listing.problems.push_back("the plugin's UserDefaults suite: " + note);
  std::string version_note = store_version_note(defaults);
  if (!version_note.empty()) listing.problems.push_back(version_note);
  if (defaults.key_prefix == "be.tramckrijte.workmanager") {
    listing.problems.push_back("the app uses workmanager 0.7 or older (be.tramckrijte.workmanager), whose store "
                               "keeps no task records: upgrade the plugin to list its tasks");
  }
  if (os_pending && !os_pending->found) {
    listing.problems.push_back("the printScheduledTasks text holds no [BGTaskScheduler] lines: BGTaskScheduler's "
                               "pending requests are unknown");
  }

  IosPluginTasks found = plugin_tasks(defaults, target.kind == "simulator", os_pending);
  listing.tasks = filter_tasks(found.tasks, filter);
  std::set<std::string> shown;
  for (const auto& t : listing.tasks) shown.insert(t.unique_name);
  std::vector<std::string> missing;
  for (const auto& name : found.missing_in_os) {
    if (shown.count(name)) missing.push_back(name);
  }
  if (!missing.empty()) {
    listing.problems.push_back("BGTaskScheduler holds no request for " + join(missing) +
                               " although the plugin records them as scheduled: the submit failed, the identifier is "
                               "missing from BGTaskSchedulerPermittedIdentifiers, or the task already ran");
  }
  std::vector<std::string> os_only;
  for (const auto& identifier : found.os_only) {
    if (filter.unique_name.empty() || filter.unique_name == identifier) os_only.push_back(identifier);
  }
  if (!os_only.empty()) {
    listing.problems.push_back("BGTaskScheduler holds requests the plugin's store does not know: " + join(os_only) +
                               " (submitted by the app's own code, or the store was reset)");
  }
  return {listing, missing, os_only};
}

}  // namespace fwm::ios
