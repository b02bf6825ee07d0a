// WorkManager's next-run-time arithmetic (WorkSpec.kt, and WorkSpec.java of 2.7 for old schemas).
#include "adb/workmanager_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace fwm::android {
namespace {

constexpr int kEnqueued = 0;
constexpr int kLinear = 1;
constexpr std::int64_t kMinPeriodicIntervalMillis = 15LL * 60 * 1000;

// Sums, differences and products that stop at the int64 limits instead of overflowing.
std::int64_t plus(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
  return r;
}

std::int64_t minus(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) return b < 0 ? INT64_MAX : INT64_MIN;
  return r;
}

std::int64_t times(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return (a < 0) == (b < 0) ? INT64_MAX : INT64_MIN;
  return r;
}

// Kotlin's Float.toLong(): NaN is 0, values beyond the int64 range the nearest limit.
std::int64_t to_long(float value) {
  if (std::isnan(value)) return 0;
  if (value >= 9223372036854775808.0f) return INT64_MAX;
  if (value < -9223372036854775808.0f) return INT64_MIN;
  return static_cast<std::int64_t>(value);
}

std::int64_t backoff_delay(const WorkSpecRow& w) {
  std::int64_t delay = w.backoff_policy == kLinear
                           ? times(w.backoff_delay_ms, w.run_attempt_count)
                           : to_long(std::ldexp(static_cast<float>(w.backoff_delay_ms), w.run_attempt_count - 1));
  return std::min(delay, kMaxBackoffMillis);
}

std::optional<std::int64_t> current_formula(const WorkSpecRow& w) {
  bool periodic = w.interval_ms != 0;
  if (w.next_schedule_time_override != INT64_MAX && periodic) {
    if (w.period_count == 0) return w.next_schedule_time_override;
    return std::max(w.next_schedule_time_override, plus(w.last_enqueue_time_ms, kMinPeriodicIntervalMillis));
  }
  if (w.run_attempt_count > 0) return plus(w.last_enqueue_time_ms, backoff_delay(w));
  if (periodic) {
    std::int64_t schedule = w.period_count == 0 ? plus(w.last_enqueue_time_ms, w.initial_delay_ms)
                                                : plus(w.last_enqueue_time_ms, w.interval_ms);
    if (w.flex_ms != w.interval_ms && w.period_count == 0) schedule = plus(schedule, minus(w.interval_ms, w.flex_ms));
    return schedule;
  }
  if (w.last_enqueue_time_ms == -1) return std::nullopt;
  return plus(w.last_enqueue_time_ms, w.initial_delay_ms);
}

std::int64_t period_start_formula(const WorkSpecRow& w, std::int64_t now_ms) {
  std::int64_t period_start = w.last_enqueue_time_ms;
  if (w.run_attempt_count > 0) return plus(period_start, backoff_delay(w));
  if (w.interval_ms != 0) {
    std::int64_t start = period_start == 0 ? plus(now_ms, w.initial_delay_ms) : period_start;
    if (w.flex_ms != w.interval_ms) return period_start == 0 ? minus(plus(start, w.interval_ms), w.flex_ms)
                                                             : plus(start, w.interval_ms);
    return period_start == 0 ? start : plus(start, w.interval_ms);
  }
  return plus(period_start == 0 ? now_ms : period_start, w.initial_delay_ms);
}

}  // namespace

std::optional<std::int64_t> next_run_time(const WorkSpecRow& work, bool has_last_enqueue_time, std::int64_t now_ms) {
  if (work.state != kEnqueued) return std::nullopt;
  if (has_last_enqueue_time) return current_formula(work);
  return period_start_formula(work, now_ms);
}

}  // namespace fwm::android
