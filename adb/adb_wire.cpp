// Smart-socket framing, device lists, getprop and shell v2 packets.
#include "adb/adb_wire.hpp"

#include "adb/text_lines.hpp"

#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace fwm::android {
namespace {

constexpr std::string_view kLegacyMarker = "fwm-exit:";

bool is_known_field(std::string_view token) {
  for (std::string_view key : {"product:", "model:", "device:", "transport_id:", "usb:", "features:"}) {
    if (token.substr(0, key.size()) == key) return true;
  }
  return false;
}

}  // namespace

std::string encode_request(std::string_view service) {
  if (service.size() > 0xffff) throw std::length_error("adb request longer than 65535 bytes");
  char prefix[5];
  std::snprintf(prefix, sizeof prefix, "%04zx", service.size());
  return std::string(prefix, 4) + std::string(service);
}

std::optional<std::size_t> parse_hex_length(std::string_view four) {
  if (four.size() != 4) return std::nullopt;
  std::size_t value = 0;
  for (char c : four) {
    int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : (c >= 'a' && c <= 'f')                     ? c - 'a' + 10
                : (c >= 'A' && c <= 'F')                     ? c - 'A' + 10
                                                             : -1;
    if (digit < 0) return std::nullopt;
    value = value * 16 + static_cast<std::size_t>(digit);
  }
  return value;
}

std::vector<DeviceEntry> parse_device_list(std::string_view text) {
  std::vector<DeviceEntry> devices;
  for (std::string_view line : split_lines(text)) {
    line = trim(line);
    if (line.empty()) continue;
    DeviceEntry e;
    size_t tab = line.find('\t');
    size_t serial_end = tab != std::string_view::npos ? tab : line.find(' ');
    e.serial = std::string(line.substr(0, serial_end));
    if (serial_end == std::string_view::npos) {
      devices.push_back(e);
      continue;
    }
    std::string_view rest = trim(line.substr(serial_end + 1));
    // The state runs until the first key:value field (it may contain spaces: "no permissions (...)").
    size_t pos = 0;
    size_t state_end = rest.size();
    while (pos < rest.size()) {
      size_t space = rest.find(' ', pos);
      std::string_view token = rest.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos);
      if (is_known_field(token) && pos > 0) {
        state_end = pos;
        break;
      }
      if (space == std::string_view::npos) break;
      pos = space + 1;
    }
    e.state = std::string(trim(rest.substr(0, state_end)));
    std::string_view fields = rest.substr(state_end);
    size_t start = 0;
    while (start < fields.size()) {
      size_t space = fields.find(' ', start);
      std::string_view token = fields.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start);
      size_t colon = token.find(':');
      if (colon != std::string_view::npos) {
        std::string_view key = token.substr(0, colon);
        std::string value(token.substr(colon + 1));
        if (key == "product") e.product = value;
        else if (key == "model") e.model = value;
        else if (key == "device") e.device = value;
        else if (key == "transport_id") e.transport_id = value;
      }
      if (space == std::string_view::npos) break;
      start = space + 1;
    }
    devices.push_back(std::move(e));
  }
  return devices;
}

std::map<std::string, std::string> parse_getprop(std::string_view text) {
  std::map<std::string, std::string> props;
  std::string* open_value = nullptr;  // a value whose closing ']' has not been seen yet
  for (std::string_view line : split_lines(text)) {
    if (open_value != nullptr) {
      if (!line.empty() && line.back() == ']') {
        *open_value += "\n" + std::string(line.substr(0, line.size() - 1));
        open_value = nullptr;
      } else {
        *open_value += "\n" + std::string(line);
      }
      continue;
    }
    if (line.size() < 5 || line.front() != '[') continue;
    size_t key_end = line.find("]: [");
    if (key_end == std::string_view::npos) continue;
    std::string key(line.substr(1, key_end - 1));
    std::string_view value = line.substr(key_end + 4);
    if (!value.empty() && value.back() == ']') {
      props[key] = std::string(value.substr(0, value.size() - 1));
    } else {
      props[key] = std::string(value);
      open_value = &props[key];
    }
  }
  return props;
}

std::string encode_shell_packet(ShellPacket id, std::string_view payload) {
  std::string packet;
  packet += static_cast<char>(id);
  auto n = static_cast<std::uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) packet += static_cast<char>((n >> (8 * i)) & 0xff);
  packet += payload;
  return packet;
}

void ShellV2Decoder::feed(std::string_view bytes) {
  pending_ += bytes;
  size_t pos = 0;
  while (pending_.size() - pos >= 5) {
    auto id = static_cast<std::uint8_t>(pending_[pos]);
    std::uint32_t length = 0;
    for (int i = 0; i < 4; ++i) length |= static_cast<std::uint32_t>(static_cast<unsigned char>(pending_[pos + 1 + i])) << (8 * i);
    if (pending_.size() - pos - 5 < length) break;
    std::string_view payload(pending_.data() + pos + 5, length);
    switch (static_cast<ShellPacket>(id)) {
      case ShellPacket::Stdout: out_ += payload; break;
      case ShellPacket::Stderr: err_ += payload; break;
      case ShellPacket::Exit:
        if (!payload.empty()) exit_code_ = static_cast<unsigned char>(payload[0]);
        break;
      default: break;
    }
    pos += 5 + length;
  }
  pending_.erase(0, pos);
}

std::string legacy_exit_marker_suffix() { return "; printf '\\n" + std::string(kLegacyMarker) + "%d\\n' $?"; }

LegacyShellOutput split_legacy_exit_marker(std::string_view output) {
  std::string_view body = output;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
  size_t line_start = body.rfind('\n');
  std::string_view last = line_start == std::string_view::npos ? body : body.substr(line_start + 1);
  if (last.substr(0, kLegacyMarker.size()) != kLegacyMarker) return {std::string(output), std::nullopt};
  std::string_view digits = last.substr(kLegacyMarker.size());
  if (digits.empty()) return {std::string(output), std::nullopt};
  int code = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return {std::string(output), std::nullopt};
    code = code * 10 + (c - '0');
  }
  std::string_view before = line_start == std::string_view::npos ? std::string_view() : body.substr(0, line_start);
  if (!before.empty() && before.back() == '\r') before.remove_suffix(1);
  return {std::string(before), code};
}

}  // namespace fwm::android
