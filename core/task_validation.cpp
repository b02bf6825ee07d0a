// The platform-neutral checks of a task request.
#include "core/task_validation.hpp"

#include <string>

#include "core/task_names.hpp"

namespace fwm {
namespace {

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    if (c >= 0x80) {
      if ((c >> 5) == 0x6) extra = 1;
      else if ((c >> 4) == 0xE) extra = 2;
      else if ((c >> 3) == 0x1E) extra = 3;
      else return false;
    }
    for (size_t k = 1; k <= extra; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

void truncate_to_seconds(std::optional<Millis>& value, const char* field, Findings& out) {
  if (!value || value->count() % 1000 == 0) return;
  Millis whole((value->count() / 1000) * 1000);
  out.warnings.push_back({field, format_duration(*value) + " travels as whole seconds: the plugin sends " +
                                     format_duration(whole)});
  value = whole;
}

void forbid(bool given, const char* field, const std::string& why, Findings& out) {
  if (given) out.problems.push_back({field, why});
}

}  // namespace

void check_name(std::string_view field, std::string_view value, Findings& out) {
  std::string f(field);
  if (value.empty()) {
    out.problems.push_back({f, "must not be empty"});
  } else if (value.find('\0') != std::string_view::npos) {
    out.problems.push_back({f, "must not contain a NUL character"});
  } else if (!valid_utf8(value)) {
    out.problems.push_back({f, "must be valid UTF-8"});
  } else if (value.size() > kMaxNameBytes) {
    out.problems.push_back({f, "is " + std::to_string(value.size()) + " bytes long; the limit is " +
                                   std::to_string(kMaxNameBytes)});
  }
}

void apply_common_rules(TaskRequest& t, Findings& out) {
  check_name("uniqueName", t.unique_name, out);
  check_name("taskName", t.task_name, out);
  if (t.tag) check_name("tag", *t.tag, out);

  const std::string kind(name_of(t.kind));
  switch (t.kind) {
    case TaskKind::OneOff:
      forbid(t.frequency.has_value(), "frequency",
             "only periodic tasks take a frequency; register a periodic task instead", out);
      forbid(t.flex_interval.has_value(), "flexInterval", "only periodic tasks take a flex interval",
             out);
      break;
    case TaskKind::Periodic:
      forbid(t.expedited, "expedited", "registerPeriodicTask has no expedited parameter", out);
      forbid(t.out_of_quota_policy.has_value(), "outOfQuotaPolicy",
             "registerPeriodicTask has no outOfQuotaPolicy parameter", out);
      forbid(t.existing_work_policy == ExistingWorkPolicy::Append, "existingWorkPolicy",
             "periodic tasks take keep, replace or update (ExistingPeriodicWorkPolicy has no append)",
             out);
      break;
    case TaskKind::Processing: {
      const std::string why = "registerProcessingTask takes only initialDelay, inputData and constraints";
      forbid(t.tag.has_value(), "tag", why, out);
      forbid(t.frequency.has_value(), "frequency", why, out);
      forbid(t.flex_interval.has_value(), "flexInterval", why, out);
      forbid(t.existing_work_policy.has_value(), "existingWorkPolicy", why, out);
      forbid(t.backoff_policy.has_value(), "backoffPolicy", why, out);
      forbid(t.backoff_policy_delay.has_value(), "backoffPolicyDelay", why, out);
      forbid(t.expedited, "expedited", why, out);
      forbid(t.out_of_quota_policy.has_value(), "outOfQuotaPolicy", why, out);
      break;
    }
  }
  if (t.kind != TaskKind::Processing) {
    forbid(t.backoff_policy && !t.backoff_policy_delay, "backoffPolicy",
           "needs backoffPolicyDelay too (--backoff-delay): the plugin silently ignores a policy "
           "without a delay",
           out);
    forbid(t.backoff_policy_delay && !t.backoff_policy, "backoffPolicyDelay",
           "needs backoffPolicy too (--backoff exponential|linear): the plugin silently ignores a "
           "delay without a policy",
           out);
  }
  if (t.kind == TaskKind::OneOff) {
    forbid(t.out_of_quota_policy && !t.expedited, "outOfQuotaPolicy",
           "applies only to expedited work: add --expedited or leave it out", out);
  }
  truncate_to_seconds(t.initial_delay, "initialDelay", out);
  truncate_to_seconds(t.frequency, "frequency", out);
  truncate_to_seconds(t.flex_interval, "flexInterval", out);
}

}  // namespace fwm
