// A client of the Dart VM service's HTTP interface (JSON-RPC over GET), over libcurl.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/deadline.hpp"
#include "core/url.hpp"

namespace fwm {

// A JSON-RPC error answer: {"code", "message", "data": {"details"}}.
class VmServiceRpcError : public std::runtime_error {
 public:
  VmServiceRpcError(int code, const std::string& message, std::string details)
      : std::runtime_error(message), code_(code), details_(std::move(details)) {}
  int code() const { return code_; }
  // data.details, or "" when the answer has none.
  const std::string& details() const { return details_; }

 private:
  int code_;
  std::string details_;
};

// The "result" of a JSON-RPC answer `body` to `method` from the VM service shown as `shown`. Throws
// VmServiceRpcError for an "error" answer (code 0, message "error" where the answer lacks them or
// gives them another type), and Error(BridgeUnavailable) for text that is not JSON-RPC or a
// Sentinel result (the isolate has gone).
nlohmann::json vm_service_result(std::string_view body, std::string_view method, const std::string& shown);

// Query parameters of one call, in order; values are sent percent-encoded.
using RpcParams = std::vector<std::pair<std::string, std::string>>;

// Talks to one VM service. Each call is one GET of http://HOST:PORT/AUTH/METHOD?k=v (no proxy, no
// redirects). Failures are fwm::Error: nothing answering, an empty reply, HTTP 403 (wrong auth
// code) or anything that is not JSON-RPC -> BridgeUnavailable; the deadline -> Timeout; an
// interrupt -> Interrupted. Messages show the address with the auth code hidden unless `verbose`.
class VmServiceClient {
 public:
  VmServiceClient(VmServiceUri uri, bool verbose);

  const VmServiceUri& uri() const { return uri_; }
  // The address as messages show it.
  std::string shown() const { return uri_.shown(verbose_); }

  // The "result" of METHOD. Throws VmServiceRpcError for an "error" answer, and
  // Error(BridgeUnavailable) for a Sentinel result (the isolate has gone).
  nlohmann::json call(std::string_view method, const RpcParams& params, const Deadline& deadline);

  // The id of the first isolate (getVM, then getIsolate of each) whose extensionRPCs include
  // `extension`; nullopt when none does.
  std::optional<std::string> find_isolate_with(std::string_view extension, const Deadline& deadline);

 private:
  std::string get(const std::string& url, const Deadline& deadline);
  VmServiceUri uri_;
  bool verbose_;
};

}  // namespace fwm
