// `dumpsys jobscheduler` text: the JOB blocks of one package, field by field.
#include "adb/dumpsys_jobscheduler.hpp"

#include "adb/text_lines.hpp"

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

bool is_hex(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The header after "JOB " split at the ": " before the identity hash: "#u0a231/5" or
// "NAMESPACE:u0a231/5" on the left, "<hash> <batteryName>" on the right.
std::optional<ScheduledJob> job_from_header(std::string_view id, std::string_view tail) {
  std::size_t slash = id.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto job_id = to_number<int>(id.substr(slash + 1));
  if (!job_id) return std::nullopt;
  ScheduledJob job;
  job.job_id = *job_id;
  std::string_view owner = id.substr(0, slash);
  if (owner.starts_with('#')) {
    owner.remove_prefix(1);
  } else {
    std::size_t colon = owner.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    job.namespace_ = std::string(owner.substr(0, colon));
    owner.remove_prefix(colon + 1);
  }
  if (owner.empty() || owner.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  job.uid = std::string(owner);

  std::size_t space = tail.find(' ');
  if (space == std::string_view::npos || !is_hex(tail.substr(0, space))) return std::nullopt;
  std::string_view battery_name = first_word(trim(tail.substr(space + 1)));
  std::size_t component_slash = battery_name.find('/');
  if (component_slash != std::string_view::npos) {
    job.package = std::string(battery_name.substr(0, component_slash));
    std::string_view service = battery_name.substr(component_slash + 1);
    job.service = service.starts_with('.') ? job.package + std::string(service) : std::string(service);
  } else {
    std::size_t colon = battery_name.rfind(':');  // a proxy job's "sourceTag:package"
    job.package = std::string(battery_name.substr(colon == std::string_view::npos ? 0 : colon + 1));
  }
  if (job.package.empty()) return std::nullopt;
  return job;
}

std::optional<ScheduledJob> parse_header(std::string_view rest) {
  for (std::size_t colon = rest.find(": "); colon != std::string_view::npos; colon = rest.find(": ", colon + 1)) {
    if (auto job = job_from_header(rest.substr(0, colon), rest.substr(colon + 2))) return job;
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
      in_job = job && job->package == package;
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
