// When WorkManager will next run a WorkSpec, computed as WorkManager itself computes it.
#pragma once

#include <cstdint>
#include <optional>

#include "adb/workmanager_db.hpp"

namespace fwm::android {

// WorkManager's backoff ceiling (WorkRequest.MAX_BACKOFF_MILLIS, 5 hours).
constexpr std::int64_t kMaxBackoffMillis = 5LL * 60 * 60 * 1000;

// The next run time (Unix epoch ms) of an ENQUEUED WorkSpec, as WorkSpec.calculateNextRunTime
// gives it: the schedule override of periodic work; after failed attempts the backoff (linear:
// delay x attempts; exponential: delay x 2^(attempts-1); at most 5 h) from the last enqueue;
// periodic work from the last enqueue plus the initial delay (first period, pushed by
// interval - flex when a flex applies) or the interval; one-off work from the last enqueue plus
// the initial delay. Schemas before 15 store period_start_time instead of last_enqueue_time and
// use WorkManager 2.7's formula, where 0 means "now" (`now_ms`). Nullopt for work that is not
// ENQUEUED or was never enqueued. The arithmetic saturates: where WorkManager's Kotlin Long
// arithmetic would wrap around, the result stops at INT64_MAX or INT64_MIN (and an exponential
// backoff beyond the int64 range is INT64_MAX, as Kotlin's Float.toLong gives it). WorkManager
// never stores such values itself (WorkRequest.Builder.setInitialDelay refuses a delay that would
// overflow against currentTimeMillis: "The given initial delay is too large and will cause an
// overflow!"), so a saturated time means a hand-edited or corrupt database: a run no 64-bit
// millisecond clock reaches (INT64_MAX) or one long overdue (INT64_MIN).
std::optional<std::int64_t> next_run_time(const WorkSpecRow& work, bool has_last_enqueue_time, std::int64_t now_ms);

}  // namespace fwm::android
