// Parsing and printing VM service addresses.
#include "core/url.hpp"

#include <cctype>
#include <charconv>

namespace fwm {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::string host_text(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

std::string VmServiceUri::text() const {
  return "http://" + host_text(host) + ":" + std::to_string(port) + "/" + (auth_code.empty() ? "" : auth_code + "/");
}

std::string VmServiceUri::redacted() const {
  return "http://" + host_text(host) + ":" + std::to_string(port) + "/" + (auth_code.empty() ? "" : "<auth>/");
}

std::string VmServiceUri::shown(bool verbose) const { return verbose ? text() : redacted(); }

std::string VmServiceUri::method_url(std::string_view method) const { return text() + std::string(method); }

std::optional<VmServiceUri> parse_vm_service_uri(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  std::string_view rest;
  for (std::string_view scheme : {"http://", "ws://"}) {
    if (starts_with(text, scheme)) rest = text.substr(scheme.size());
  }
  if (rest.empty()) return std::nullopt;
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  VmServiceUri uri;
  std::size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == authority.size()) return std::nullopt;
  std::string_view host = authority.substr(0, colon);
  if (starts_with(host, "[") && host.size() > 2 && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return std::nullopt;
  std::string_view port = authority.substr(colon + 1);
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), uri.port);
  if (ec != std::errc() || end != port.data() + port.size() || uri.port <= 0 || uri.port > 65535) return std::nullopt;
  uri.host = std::string(host);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path == "ws" || path.ends_with("/ws")) path = path.substr(0, path.size() >= 3 ? path.size() - 3 : 0);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.find('/') != std::string_view::npos) return std::nullopt;
  uri.auth_code = std::string(path);
  return uri;
}

std::string percent_encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

// The characters flutter_tools' kVMServiceMessageRegExp accepts in the address.
bool is_vm_service_uri_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view(":/=_-.[]").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<VmServiceUri> vm_service_uri_in_message(std::string_view message) {
  for (std::string_view marker : {"The Dart VM service is listening on ", "Observatory listening on "}) {
    std::size_t at = message.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = message.substr(at + marker.size());
    std::size_t end = 0;
    while (end < rest.size() && is_vm_service_uri_char(rest[end])) ++end;
    return parse_vm_service_uri(rest.substr(0, end));
  }
  return std::nullopt;
}

}  // namespace fwm
