// What WorkManager's WorkerWrapper logs about a finished run ("Worker result SUCCESS for Work [ id=... ]").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fwm::android {

// The result WorkerWrapper (tag WM-WorkerWrapper) logged for the work with this id in `logcat` text of any
// layout log_messages() reads ("SUCCESS", "RETRY", "FAILURE"), the last one when several; nullopt when none.
std::optional<std::string> worker_result_for(std::string_view logcat, std::string_view work_id);

}  // namespace fwm::android
