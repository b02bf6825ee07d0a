// How the plugin's iOS side (workmanager_apple) and BGTaskScheduler treat a register request.
#pragma once

#include "core/task_validation.hpp"

namespace fwm::ios {

// The iOS rules: bundle identifiers; one-off tasks are in-process timers; periodic tasks are
// BGAppRefreshTask requests (frequency, flex, constraints ignored); processing tasks are
// BGProcessingTask requests (only network and charging honoured, no inputData delivered);
// tags, policies, backoff and expedited work do not exist; BGTask callbacks see the uniqueName.
class IosTaskRules final : public PlatformRules {
 public:
  PlatformId platform() const override { return PlatformId::Ios; }
  void check_app(std::string_view app, Findings& out) const override;
  void apply(TaskRequest& effective, Findings& out) const override;
};

}  // namespace fwm::ios
