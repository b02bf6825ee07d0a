// Reading the adb server address from the environment.
#include "adb/adb_endpoint.hpp"

#include <cstdlib>
#include <string_view>

#include "core/errors.hpp"

namespace fwm::android {
namespace {

std::uint16_t parse_port(std::string_view text, const std::string& variable) {
  unsigned value = 0;
  bool ok = !text.empty() && text.size() <= 5;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (!ok || value == 0 || value > 65535) {
    throw Error(ErrorKind::HostTool, variable + "='" + std::string(text) + "' is not a port number (1-65535)");
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

bool AdbEndpoint::is_local() const {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

AdbEndpoint adb_endpoint_from(const char* server_socket, const char* server_port) {
  AdbEndpoint endpoint;
  if (server_socket != nullptr && *server_socket != '\0') {
    std::string_view spec(server_socket);
    const std::string variable = "ADB_SERVER_SOCKET";
    if (spec.substr(0, 4) != "tcp:") {
      throw Error(ErrorKind::HostTool, variable + "='" + std::string(spec) + "' is not tcp:HOST:PORT or tcp:PORT");
    }
    spec.remove_prefix(4);
    size_t colon = spec.rfind(':');
    if (colon != std::string_view::npos) {
      std::string_view host = spec.substr(0, colon);
      if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
      endpoint.host = std::string(host);
      spec.remove_prefix(colon + 1);
    }
    endpoint.port = parse_port(spec, variable);
    return endpoint;
  }
  if (server_port != nullptr && *server_port != '\0') {
    endpoint.port = parse_port(server_port, "ANDROID_ADB_SERVER_PORT");
  }
  return endpoint;
}

AdbEndpoint adb_endpoint_from_environment() {
  return adb_endpoint_from(std::getenv("ADB_SERVER_SOCKET"), std::getenv("ANDROID_ADB_SERVER_PORT"));
}

}  // namespace fwm::android
