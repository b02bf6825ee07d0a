// Pure readers of what doctor asks a device: `dumpsys package`, the plugin's SharedPreferences, buckets, appops.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fwm::android {

// The parts of `dumpsys package PKG` that doctor uses.
struct PackageFacts {
  bool found = false;
  bool debuggable = false;                        // DEBUGGABLE in the flags=[ ... ] line
  std::string version_name;
  std::optional<int> target_sdk;
  std::optional<bool> post_notifications_granted; // runtime permission, when listed
  bool diagnostics_receiver = false;              // WorkManager 2.4+ merged its DiagnosticsReceiver
};
PackageFacts parse_package_dump(std::string_view text, std::string_view package);

// The standby bucket name of `am get-standby-bucket` output ("10" -> "ACTIVE"); the text itself
// when it is already a name; "" when empty.
std::string standby_bucket_name(std::string_view text);

// The mode in `cmd appops get PKG RUN_ANY_IN_BACKGROUND` output ("allow", "ignore", ...); "" when
// the op is not listed (the default, allowed).
std::string run_any_in_background_mode(std::string_view text);

}  // namespace fwm::android
