// How the plugin's Android side and WorkManager treat a register request.
#pragma once

#include "core/task_validation.hpp"

namespace fwm::android {

// WorkManager's limits, as its WorkSpec and WorkRequest.Builder enforce them.
constexpr Millis kMinPeriodicInterval{15 * 60 * 1000};
constexpr Millis kMinPeriodicFlex{5 * 60 * 1000};
constexpr Millis kMinBackoffDelay{10 * 1000};
constexpr Millis kMaxBackoffDelay{5 * 60 * 60 * 1000};
constexpr Millis kDefaultBackoffDelay{30 * 1000};
constexpr std::size_t kMaxDataBytes = 10 * 1024;

// The Android rules: package names, processing tasks refused, periodic interval and flex clamped,
// backoff clamped to [10 s, 5 h], expedited work without delay or power constraints, inputData
// within Data's 10 KB, one-off append/update mapped to APPEND_OR_REPLACE, defaults filled in.
class AndroidTaskRules final : public PlatformRules {
 public:
  PlatformId platform() const override { return PlatformId::Android; }
  void check_app(std::string_view app, Findings& out) const override;
  void apply(TaskRequest& effective, Findings& out) const override;
};

}  // namespace fwm::android
