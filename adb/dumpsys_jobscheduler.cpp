// `dumpsys jobscheduler` text: the JOB blocks of one package, field by field.
#include "adb/dumpsys_jobscheduler.hpp"

#include "adb/text_lines.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace fwm::android {
namespace {

template <typename T>
std::optional<T> to_number(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  T value{};
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::optional<bool> to_bool(std::optional<std::string_view> text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::string_view first_word(std::string_view text) { return text.substr(0, text.find_first_of(" \t")); }

// The trimmed text after `label` when the line starts with it.
std::optional<std::string_view> after(std::string_view line, std::string_view label) {
  if (!line.starts_with(label)) return std::nullopt;
  return trim(line.substr(label.size()));
}

// The value of the first `key=value` among tokens separated by spaces or commas.
std::optional<std::string_view> value_of(std::string_view text, std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of(" ,\t", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(pos, end - pos);
    if (token.size() > key.size() && token.starts_with(key) && token[key.size()] == '=') {
      return token.substr(key.size() + 1);
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::vector<std::string> constraint_names(std::string_view list) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while (pos < list.size()) {
    std::size_t end = list.find_first_of(" \t", pos);
    if (end == std::string_view::npos) end = list.size();
    std::string_view token = list.substr(pos, end - pos);
    if (!token.empty() && !token.starts_with("[")) names.emplace_back(token);
    pos = end + 1;
  }
  return names;
}

bool is_hex_digit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_uid_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_package_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_'; }

// The package and service of the component part of a job name: "PKG/SERVICE" (ComponentName.
// flattenToShortString, a leading "." standing for the package) or a proxy job's "SOURCE_TAG:PKG".
void read_component(std::string_view component, ScheduledJob& job) {
  std::size_t slash = component.find('/');
  std::string_view package = component.substr(0, slash);
  bool plain = slash != std::string_view::npos && !package.empty() &&
               std::all_of(package.begin(), package.end(), is_package_char);
  if (plain) {
    job.package = std::string(package);
    std::string_view service = first_word(component.substr(slash + 1));
    job.service = service.starts_with('.') ? job.package + std::string(service) : std::string(service);
  } else {
    std::size_t colon = component.rfind(':');
    job.package = std::string(first_word(component.substr(colon == std::string_view::npos ? 0 : colon + 1)));
  }
}

// The job's name as JobStatus builds it (AOSP apex/jobscheduler/service/java/com/android/server/job/
// controllers/JobStatus.java, the constructor's batteryName): "[#TRACE_TAG#][@NAMESPACE@]COMPONENT".
// API 34-36 print "@NS@PKG/SVC" for a namespaced job; the trace tag is added where the
// include_trace_tag_in_job_name flag is on (a real API 37 capture:
// "#SampleSyncWorker#@androidx.work.systemjobscheduler@PKG/SVC"). `name` may be any text.
void read_job_name(std::string_view name, ScheduledJob& job) {
  if (!job.namespace_.empty()) {
    // The component holds no '@', so the marker ends at the last '@' (one rfind, not a search that
    // could take quadratic time on a long line); a proxy job's source tag may hold one, hence the
    // second look at the start.
    std::string marker = "@" + job.namespace_ + "@";
    std::size_t last = name.rfind('@');
    std::size_t at = std::string_view::npos;
    if (last != std::string_view::npos && last + 1 >= marker.size() &&
        name.substr(last + 1 - marker.size(), marker.size()) == marker) {
      at = last + 1 - marker.size();
    }
    if (at != 0 && name.starts_with(marker)) at = 0;
    bool tagged = at != std::string_view::npos && at >= 2 && name.front() == '#' && name[at - 1] == '#';
    if (at == 0 || tagged) {
      if (tagged) job.trace_tag = std::string(name.substr(1, at - 2));
      read_component(name.substr(at + marker.size()), job);
      return;
    }
  } else if (name.starts_with('#')) {
    std::size_t closing = name.rfind('#');
    if (closing > 0) {
      job.trace_tag = std::string(name.substr(1, closing - 1));
      name.remove_prefix(closing + 1);
    }
  }
  read_component(name, job);
}

// The job that `rest` (a header line after "JOB ") names, or nullopt. The header is printUniqueId
// ("#UID/ID" or "NAMESPACE:UID/ID"), ": ", the identity hash in hex, " " and the job's name
// (JobSchedulerService.dumpInternal: printUniqueId, toShortStringExceptUniqueId). A namespace may
// hold ": " itself, so the ": " that ends the unique id is the first one with `/ID` before it, a uid
// before that, and a hex hash and a space after it; each check reads only the runs touching its ": ",
// which belong to no other candidate, and only that first match's name is read, so the whole line is
// read in linear time.
std::optional<ScheduledJob> parse_header(std::string_view rest) {
  for (std::size_t colon = rest.find(": "); colon != std::string_view::npos; colon = rest.find(": ", colon + 2)) {
    std::size_t id_start = colon;
    while (id_start > 0 && is_digit(rest[id_start - 1])) --id_start;
    if (id_start == colon) continue;
    if (id_start > 0 && rest[id_start - 1] == '-') --id_start;
    if (id_start == 0 || rest[id_start - 1] != '/') continue;
    std::size_t uid_end = id_start - 1;
    std::size_t uid_start = uid_end;
    while (uid_start > 0 && is_uid_char(rest[uid_start - 1])) --uid_start;
    if (uid_start == uid_end || uid_start == 0) continue;
    char separator = rest[uid_start - 1];
    if (!(separator == '#' && uid_start == 1) && !(separator == ':' && uid_start >= 2)) continue;
    std::size_t hash_end = colon + 2;
    while (hash_end < rest.size() && is_hex_digit(rest[hash_end])) ++hash_end;
    if (hash_end == colon + 2 || hash_end >= rest.size() || rest[hash_end] != ' ') continue;
    auto job_id = to_number<int>(rest.substr(id_start, colon - id_start));
    if (!job_id) continue;
    ScheduledJob job;
    job.job_id = *job_id;
    job.uid = std::string(rest.substr(uid_start, uid_end - uid_start));
    if (separator == ':') job.namespace_ = std::string(rest.substr(0, uid_start - 1));
    read_job_name(trim(rest.substr(hash_end + 1)), job);
    if (job.package.empty()) return std::nullopt;
    return job;
  }
  return std::nullopt;
}

std::string work_spec_id(std::string_view extras) {
  constexpr std::string_view kKey = "EXTRA_WORK_SPEC_ID=";
  std::size_t at = extras.find(kKey);
  if (at == std::string_view::npos) return "";
  std::string_view value = extras.substr(at + kKey.size());
  return std::string(value.substr(0, value.find_first_of(", }]\t")));
}

void apply_line(std::string_view line, ScheduledJob& job) {
  if (auto requires_ = after(line, "Requires:")) {
    job.requires_charging = to_bool(value_of(*requires_, "charging"));
    job.requires_battery_not_low = to_bool(value_of(*requires_, "batteryNotLow"));
    job.requires_device_idle = to_bool(value_of(*requires_, "deviceIdle"));
  } else if (auto network = after(line, "Network type:")) {
    job.network_type_text = std::string(*network);
  } else if (auto backoff = after(line, "Backoff:")) {
    job.backoff_policy = to_number<int>(value_of(*backoff, "policy"));
    if (auto initial = value_of(*backoff, "initial")) job.backoff_initial_ms = parse_android_duration(*initial);
  } else if (auto required = after(line, "Required constraints:")) {
    job.required = constraint_names(*required);
  } else if (auto satisfied = after(line, "Satisfied constraints:")) {
    job.satisfied = constraint_names(*satisfied);
  } else if (auto unsatisfied = after(line, "Unsatisfied constraints:")) {
    job.unsatisfied = constraint_names(*unsatisfied);
  } else if (auto bucket = after(line, "Standby bucket:")) {
    job.standby_bucket = std::string(first_word(*bucket));
  } else if (auto enqueued = after(line, "Enqueue time:")) {
    job.enqueue_ms = parse_android_duration(*enqueued);
  } else if (auto run_time = after(line, "Run time:")) {
    if (auto earliest = value_of(*run_time, "earliest")) job.earliest_run_ms = parse_android_duration(*earliest);
    if (auto latest = value_of(*run_time, "latest")) job.latest_run_ms = parse_android_duration(*latest);
  } else if (auto failures = after(line, "Num failures:")) {
    job.num_failures = to_number<int>(first_word(*failures));
  } else if (auto extras = after(line, "Extras:")) {
    job.work_spec_id = work_spec_id(*extras);
  } else if (auto trace_tag = after(line, "Trace tag:")) {
    if (job.trace_tag.empty()) job.trace_tag = std::string(*trace_tag);
  }
}

}  // namespace

std::vector<ScheduledJob> parse_dumpsys_jobscheduler(std::string_view text, std::string_view package) {
  std::vector<ScheduledJob> jobs;
  bool in_job = false;  // whether the lines belong to the body of jobs.back()
  for (std::string_view raw : split_lines(text)) {
    std::string_view line = trim(raw);
    if (line.empty()) {
      in_job = false;
    } else if (line.starts_with("JOB ")) {
      auto job = parse_header(line.substr(4));
      in_job = job && (package.empty() || job->package == package);
      if (in_job) jobs.push_back(std::move(*job));
    } else if (in_job) {
      if (auto ready = after(line, "Ready:")) {
        jobs.back().ready = to_bool(first_word(*ready));
        in_job = false;
      } else {
        apply_line(line, jobs.back());
      }
    }
  }
  return jobs;
}

std::optional<long long> parse_android_duration(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    long long ms;
  };
  static constexpr Unit kUnits[] = {{"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}};
  std::string_view rest = trim(text);
  if (rest == "0") return 0;
  long long sign = 1;
  if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
    sign = rest.front() == '-' ? -1 : 1;
    rest.remove_prefix(1);
  }
  if (rest.empty()) return std::nullopt;
  long long total = 0;
  std::size_t next_unit = 0;  // units appear largest first, each at most once
  while (!rest.empty()) {
    if (!std::isdigit(static_cast<unsigned char>(rest.front()))) return std::nullopt;
    long long value = 0;
    auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (error != std::errc()) return std::nullopt;
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    std::size_t unit = next_unit;
    while (unit < std::size(kUnits) &&
           (!rest.starts_with(kUnits[unit].suffix) || (kUnits[unit].suffix == "m" && rest.starts_with("ms")))) {
      ++unit;
    }
    if (unit == std::size(kUnits)) return std::nullopt;
    long long part = 0;
    if (__builtin_mul_overflow(value, kUnits[unit].ms, &part) || __builtin_add_overflow(total, part, &total)) {
      return std::nullopt;
    }
    rest.remove_prefix(kUnits[unit].suffix.size());
    next_unit = unit + 1;
  }
  return sign * total;
}

}  // namespace fwm::android
