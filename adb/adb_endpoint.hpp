// Where the adb server listens, found as adb itself finds it.
#pragma once

#include <cstdint>
#include <string>

namespace fwm::android {

// The adb server's address.
struct AdbEndpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 5037;

  // "127.0.0.1:5037" for messages.
  std::string text() const { return host + ":" + std::to_string(port); }
  // True when fwm may start a server here (the host is this machine).
  bool is_local() const;
};

// The endpoint from the values of ADB_SERVER_SOCKET ("tcp:HOST:PORT" or "tcp:PORT"; takes
// precedence) and ANDROID_ADB_SERVER_PORT; nullptr means unset. Throws fwm::Error (host tool)
// when a value is malformed, naming the variable.
AdbEndpoint adb_endpoint_from(const char* server_socket, const char* server_port);

// The endpoint from this process's environment.
AdbEndpoint adb_endpoint_from_environment();

}  // namespace fwm::android
