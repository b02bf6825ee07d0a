// The devicectl envelope and its NSError chain.
#include "xcrun/devicectl_json.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/nesting_limit.hpp"

namespace fwm::ios {
namespace {

std::string string_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object()) {
    auto inner = it->find("string");
    if (inner != it->end() && inner->is_string()) return inner->get<std::string>();
  }
  return {};
}

std::vector<DevicectlErrorLink> chain_of(const nlohmann::json* error) {
  std::vector<DevicectlErrorLink> chain;
  while (error != nullptr && error->is_object()) {
    DevicectlErrorLink link;
    link.domain = string_at(*error, "domain");
    auto code = error->find("code");
    if (code != error->end() && code->is_number_integer()) link.code = code->get<long long>();
    const nlohmann::json* next = nullptr;
    auto info = error->find("userInfo");
    if (info != error->end() && info->is_object()) {
      link.description = string_at(*info, "NSLocalizedDescription");
      // CFError's kCFErrorDescriptionKey ("NSDescription"), which errors bridged from CoreFoundation or
      // OSStatus carry instead (Apple: CFError.h; devicectl serializes userInfo keys as they are).
      if (link.description.empty()) link.description = string_at(*info, "NSDescription");
      link.reason = string_at(*info, "NSLocalizedFailureReason");
      if (link.reason.empty()) link.reason = string_at(*info, "NSLocalizedRecoverySuggestion");
      auto underlying = info->find("NSUnderlyingError");
      if (underlying != info->end() && underlying->is_object()) {
        auto inner = underlying->find("error");
        next = inner != underlying->end() ? &*inner : &*underlying;
      }
    }
    chain.push_back(std::move(link));
    error = next;
  }
  return chain;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

DevicectlEnvelope parse_devicectl_envelope(std::string_view json_text) {
  nlohmann::json document;
  try {
    document = parse_json_within_nesting(json_text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("devicectl: the JSON output is ") + e.what());
  }
  if (document.is_discarded() || !document.is_object()) {
    throw std::invalid_argument("devicectl: the JSON output is not a JSON object");
  }
  DevicectlEnvelope envelope;
  auto info = document.find("info");
  if (info != document.end() && info->is_object()) {
    envelope.command_type = string_at(*info, "commandType");
    envelope.outcome = string_at(*info, "outcome");
    envelope.version = string_at(*info, "version");
    auto version = info->find("jsonVersion");
    if (version != info->end() && version->is_number_integer()) envelope.json_version = version->get<int>();
  }
  auto result = document.find("result");
  if (result != document.end()) envelope.result = *result;
  auto error = document.find("error");
  if (error != document.end()) envelope.error_chain = chain_of(&*error);
  return envelope;
}

std::string devicectl_error_message(const std::vector<DevicectlErrorLink>& chain) {
  if (chain.empty()) return "devicectl reported a failure without an error";
  auto sentence = [](const DevicectlErrorLink& link) {
    std::string out = link.description.empty() ? "an error" : link.description;
    if (!link.reason.empty()) out += " (" + link.reason + ")";
    return out + " (" + (link.domain.empty() ? std::string("unknown domain") : link.domain) + " error " +
           std::to_string(link.code) + ")";
  };
  size_t innermost = chain.size() - 1;
  while (innermost > 0 && chain[innermost].description.empty() && chain[innermost].reason.empty()) --innermost;
  std::string out = sentence(chain[innermost]);
  std::string outer;
  for (size_t i = 0; i < chain.size(); ++i) {
    if (i != innermost) outer += (outer.empty() ? "" : "; ") + sentence(chain[i]);
  }
  return outer.empty() ? out : out + "; reported as: " + outer;
}

ErrorKind devicectl_error_kind(const std::vector<DevicectlErrorLink>& chain) {
  for (const auto& link : chain) {
    std::string text = lower(link.domain + " " + link.description + " " + link.reason);
    for (const char* marker : {"connectionerror", "tunnel", "locked", "device was not found", "not paired",
                               "no device", "is not connected", "unavailable"}) {
      if (text.find(marker) != std::string::npos) return ErrorKind::Device;
    }
  }
  return ErrorKind::Failed;
}

const nlohmann::json& devicectl_result(const DevicectlEnvelope& envelope, const std::string& device) {
  std::string step = "devicectl " + (envelope.command_type.empty() ? std::string("command") : envelope.command_type);
  if (envelope.failed()) {
    throw Error(devicectl_error_kind(envelope.error_chain), "devicectl failed: " + devicectl_error_message(envelope.error_chain),
                device, step);
  }
  if (envelope.result.is_null()) throw Error(ErrorKind::HostTool, "devicectl wrote no result", device, step);
  return envelope.result;
}

}  // namespace fwm::ios
