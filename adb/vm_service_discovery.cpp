// VM service discovery on Android.
#include "adb/vm_service_discovery.hpp"

#include <charconv>

#include "adb/logcat_line.hpp"
#include "core/bridge_protocol.hpp"
#include "core/errors.hpp"

namespace fwm::android {
std::optional<VmServiceUri> vm_service_uri_in_log(std::string_view logcat, int pid) {
  std::optional<VmServiceUri> newest;
  while (!logcat.empty()) {
    std::size_t end = logcat.find('\n');
    std::string_view line = logcat.substr(0, end);
    logcat = end == std::string_view::npos ? std::string_view() : logcat.substr(end + 1);
    auto parsed = parse_threadtime_line(line);
    if (!parsed || parsed->tag != "flutter" || (pid != 0 && parsed->pid != pid)) continue;
    if (auto uri = vm_service_uri_in_message(parsed->message)) newest = uri;
  }
  return newest;
}

std::optional<int> parse_pidof(std::string_view output) {
  std::size_t start = output.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::nullopt;
  int pid = 0;
  auto [end, ec] = std::from_chars(output.data() + start, output.data() + output.size(), pid);
  if (ec != std::errc() || pid <= 0) return std::nullopt;
  return pid;
}

VmServiceUri find_android_vm_service(AdbClient& client, const std::string& serial, const std::string& package,
                                     const Deadline& deadline) {
  auto pid = parse_pidof(client.shell(serial, {"pidof", package}, deadline).out);
  if (!pid) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the in-app bridge is needed, and " + package + " is not running on " + serial + ": start it; " +
                    bridge_enable_hint(),
                serial, "find VM service");
  }
  auto log = client.shell(serial, {"logcat", "-d", "-v", "threadtime", "-s", "flutter:I"}, deadline);
  auto uri = vm_service_uri_in_log(log.out, *pid);
  if (!uri) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the in-app bridge is needed, and " + package + " (pid " + std::to_string(*pid) + ") on " + serial +
                    " has logged no Dart VM service address (\"The Dart VM service is listening on ...\"): " +
                    bridge_enable_hint(),
                serial, "find VM service");
  }
  return *uri;
}

ForwardedVmService::ForwardedVmService(AdbClient& client, std::string serial, const VmServiceUri& device_uri,
                                       const Deadline& deadline)
    : client_(client), serial_(std::move(serial)) {
  int local = client_.forward(serial_, "tcp:0", "tcp:" + std::to_string(device_uri.port), deadline);
  host_uri_ = VmServiceUri{"127.0.0.1", local, device_uri.auth_code};
}

ForwardedVmService::~ForwardedVmService() {
  try {
    client_.kill_forward(serial_, "tcp:" + std::to_string(host_uri_.port), Deadline::after(Millis(3000)));
  } catch (const std::exception&) {
    // The device went away with its forwards; there is nothing left to remove.
  }
}

}  // namespace fwm::android
