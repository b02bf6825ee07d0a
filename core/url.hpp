// Dart VM service addresses (http://HOST:PORT/AUTHCODE=/) and URL query encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fwm {

// A VM service address: where its HTTP server listens and the auth code that prefixes every path.
struct VmServiceUri {
  std::string host;       // "127.0.0.1", "::1" or a name
  int port = 0;
  std::string auth_code;  // the first path segment, e.g. "9RXbNwUxzQo="; "" when auth codes are off

  // http://HOST:PORT/AUTH/ (IPv6 hosts in brackets).
  std::string text() const;
  // text() with the auth code replaced by "<auth>" so it can be shown without -v.
  std::string redacted() const;
  // text() when `verbose`, else redacted().
  std::string shown(bool verbose) const;
  // The URL of one RPC: text() + method, without a query.
  std::string method_url(std::string_view method) const;
};

// Reads a VM service address as Flutter prints it or as a user types it: http:// or ws:// (a
// trailing "/ws" is dropped), with or without the trailing '/'. nullopt when it is not one.
std::optional<VmServiceUri> parse_vm_service_uri(std::string_view text);

// The address in one log message "The Dart VM service is listening on URI" (Flutter 3.x) or
// "Observatory listening on URI" (older engines), on any platform; nullopt for any other message.
std::optional<VmServiceUri> vm_service_uri_in_message(std::string_view message);

// RFC 3986 percent-encoding of everything except the unreserved characters A-Z a-z 0-9 - . _ ~.
std::string percent_encode(std::string_view text);

}  // namespace fwm
