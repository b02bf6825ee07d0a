// The VM service client: HTTP GET through libcurl, JSON-RPC answers to values or errors.
#include "core/vm_service_client.hpp"

#include <mutex>

#include <curl/curl.h>

#include "core/errors.hpp"
#include "core/nesting_limit.hpp"

namespace fwm {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

int stop_when_interrupted(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return interrupt_requested() ? 1 : 0;
}

// One easy handle, cleaned up on every path.
struct Easy {
  Easy() : handle(curl_easy_init()) {}
  ~Easy() { curl_easy_cleanup(handle); }
  Easy(const Easy&) = delete;
  Easy& operator=(const Easy&) = delete;
  CURL* handle;
};

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

VmServiceClient::VmServiceClient(VmServiceUri uri, bool verbose) : uri_(std::move(uri)), verbose_(verbose) {}

std::string VmServiceClient::get(const std::string& url, const Deadline& deadline) {
  init_curl_once();
  Easy easy;
  if (easy.handle == nullptr) throw Error(ErrorKind::HostTool, "libcurl could not start a request", "", "VM service");
  std::string body;
  long budget = static_cast<long>(std::max<std::int64_t>(1, deadline.remaining().count()));
  curl_easy_setopt(easy.handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy.handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy.handle, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(easy.handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy.handle, CURLOPT_TIMEOUT_MS, budget);
  curl_easy_setopt(easy.handle, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(easy.handle, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(easy.handle, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy.handle, CURLOPT_XFERINFOFUNCTION, stop_when_interrupted);
  CURLcode code = curl_easy_perform(easy.handle);
  const std::string where = "the Dart VM service at " + shown();
  if (code == CURLE_ABORTED_BY_CALLBACK) throw Error(ErrorKind::Interrupted, "interrupted while calling " + where);
  if (code == CURLE_OPERATION_TIMEDOUT) {
    throw Error(ErrorKind::Timeout, where + " did not answer within " + format_duration(deadline.budget()), "",
                "VM service");
  }
  if (code != CURLE_OK) {
    throw Error(ErrorKind::BridgeUnavailable,
                "nothing answers at " + where + " (" + curl_easy_strerror(code) +
                    "): the app has stopped or restarted since that address was printed; start the app again "
                    "(debug or profile build) or pass its current address with --vm-service",
                "", "VM service");
  }
  long status = 0;
  curl_easy_getinfo(easy.handle, CURLINFO_RESPONSE_CODE, &status);
  if (status == 403) {
    throw Error(ErrorKind::BridgeUnavailable,
                where + " refused the authentication code (HTTP 403): the address is from another run of the app; "
                        "use the address the app printed last (or drop --vm-service to find it)",
                "", "VM service");
  }
  if (status != 200) {
    throw Error(ErrorKind::BridgeUnavailable,
                where + " answered HTTP " + std::to_string(status) + ": it is not a Dart VM service", "", "VM service");
  }
  return body;
}

nlohmann::json VmServiceClient::call(std::string_view method, const RpcParams& params, const Deadline& deadline) {
  std::string url = uri_.method_url(method);
  char separator = '?';
  for (const auto& [key, value] : params) {
    url += separator + percent_encode(key) + "=" + percent_encode(value);
    separator = '&';
  }
  return vm_service_result(get(url, deadline), method, shown());
}

nlohmann::json vm_service_result(std::string_view body, std::string_view method, const std::string& shown) {
  nlohmann::json answer;
  try {
    answer = parse_json_within_nesting(body);
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the answer of the Dart VM service at " + shown + " to " + std::string(method) + " is " + e.what(), "",
                "VM service");
  }
  if (answer.is_discarded() || !answer.is_object() || (!answer.contains("result") && !answer.contains("error"))) {
    throw Error(ErrorKind::BridgeUnavailable,
                "the answer of the Dart VM service at " + shown + " to " + std::string(method) + " is not JSON-RPC",
                "", "VM service");
  }
  if (answer.contains("error")) {
    const auto& e = answer["error"];
    std::string details, message = "error";
    int code = 0;
    if (e.is_object()) {
      const auto& data = e.value("data", nlohmann::json());
      if (data.is_object() && data.value("details", nlohmann::json()).is_string()) details = data["details"].get<std::string>();
      const auto& given_code = e.value("code", nlohmann::json());
      if (given_code.is_number_integer()) code = static_cast<int>(given_code.get<long long>());
      const auto& given_message = e.value("message", nlohmann::json());
      if (given_message.is_string()) message = given_message.get<std::string>();
    }
    throw VmServiceRpcError(code, message, details);
  }
  const auto& result = answer["result"];
  if (result.is_object() && result.value("type", nlohmann::json()) == "Sentinel") {
    const auto& kind = result.value("kind", nlohmann::json());
    throw Error(ErrorKind::BridgeUnavailable,
                "the isolate behind the Dart VM service at " + shown + " has gone (" +
                    (kind.is_string() ? kind.get<std::string>() : std::string("Collected")) + "): the app restarted; try again",
                "", "VM service");
  }
  return result;
}

std::optional<std::string> VmServiceClient::find_isolate_with(std::string_view extension, const Deadline& deadline) {
  auto vm = call("getVM", {}, deadline);
  const auto isolates = vm.is_object() ? vm.value("isolates", nlohmann::json::array()) : nlohmann::json::array();
  for (const auto& ref : isolates.is_array() ? isolates : nlohmann::json::array()) {
    if (!ref.is_object() || !ref.value("id", nlohmann::json()).is_string()) continue;
    std::string id = ref["id"].get<std::string>();
    if (id.empty()) continue;
    nlohmann::json isolate;
    try {
      isolate = call("getIsolate", {{"isolateId", id}}, deadline);
    } catch (const VmServiceRpcError&) {
      continue;
    }
    const auto rpcs = isolate.is_object() ? isolate.value("extensionRPCs", nlohmann::json::array()) : nlohmann::json::array();
    for (const auto& rpc : rpcs.is_array() ? rpcs : nlohmann::json::array()) {
      if (rpc.is_string() && rpc.get<std::string>() == extension) return id;
    }
  }
  return std::nullopt;
}

}  // namespace fwm
