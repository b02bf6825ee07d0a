// Finding an Android app's Dart VM service: Flutter's log line, the app's pid, an adb forward to it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adb/adb_client.hpp"
#include "core/url.hpp"

namespace fwm::android {

// The newest VM service address in `logcat -v threadtime` text logged by process `pid` (0: any
// process) under the tag "flutter"; nullopt when there is none.
std::optional<VmServiceUri> vm_service_uri_in_log(std::string_view logcat, int pid);

// The pid `pidof` prints first; nullopt when the output holds none.
std::optional<int> parse_pidof(std::string_view output);

// The device-side address of the running app's VM service: `pidof PKG`, then the newest matching
// line of that process in `logcat -d -v threadtime -s flutter:I`. Throws Error(BridgeUnavailable)
// saying how to get one when the app is not running or has printed none.
VmServiceUri find_android_vm_service(AdbClient& client, const std::string& serial, const std::string& package,
                                     const Deadline& deadline);

// An `adb forward tcp:0 tcp:DEVICE_PORT` for the life of this object (removed on destruction, even
// after the command's deadline passed), and the host-side address that reaches the VM service.
class ForwardedVmService {
 public:
  ForwardedVmService(AdbClient& client, std::string serial, const VmServiceUri& device_uri, const Deadline& deadline);
  ~ForwardedVmService();
  ForwardedVmService(const ForwardedVmService&) = delete;
  ForwardedVmService& operator=(const ForwardedVmService&) = delete;

  // http://127.0.0.1:LOCAL_PORT/AUTH/.
  const VmServiceUri& host_uri() const { return host_uri_; }

 private:
  AdbClient& client_;
  std::string serial_;
  VmServiceUri host_uri_;
};

}  // namespace fwm::android
