// Pure encoders and parsers of what the adb server and adbd send (see adb/PROTOCOL.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fwm::android {

// A smart-socket request: 4 hex digits of length, then the service. Throws std::length_error
// when the service is longer than 0xffff bytes.
std::string encode_request(std::string_view service);

// The length in a 4-hex-digit prefix (either case); nullopt when it is not hex.
std::optional<std::size_t> parse_hex_length(std::string_view four);

// One line of `host:devices` / `host:devices-l` / track-devices output.
struct DeviceEntry {
  std::string serial;
  std::string state;          // device, offline, unauthorized, authorizing, recovery, "no permissions (...)"...
  std::string product;        // devices-l only; "" when absent
  std::string model;
  std::string device;
  std::string transport_id;

  bool operator==(const DeviceEntry&) const = default;
};

// Parses a device list in either form ("SERIAL\tSTATE" or the padded -l form with key:value
// fields); blank lines are skipped, unknown keys ignored.
std::vector<DeviceEntry> parse_device_list(std::string_view text);

// Parses `getprop` output ("[key]: [value]" lines; values may span lines) into a map.
std::map<std::string, std::string> parse_getprop(std::string_view text);

// The shell protocol v2 stream ids.
enum class ShellPacket : std::uint8_t { Stdin = 0, Stdout = 1, Stderr = 2, Exit = 3, CloseStdin = 4, WindowSize = 5 };

// Encodes one shell v2 packet (id, u32 little-endian length, payload).
std::string encode_shell_packet(ShellPacket id, std::string_view payload);

// Reassembles shell v2 packets from bytes arriving in any chunking.
class ShellV2Decoder {
 public:
  // Adds bytes from the stream.
  void feed(std::string_view bytes);
  const std::string& out() const { return out_; }
  // Returns the stdout gathered so far and forgets it (for streaming).
  std::string take_out() { return std::exchange(out_, std::string()); }
  const std::string& err() const { return err_; }
  // The exit code once the exit packet arrived.
  std::optional<int> exit_code() const { return exit_code_; }
  // True when bytes of an unfinished packet are pending.
  bool incomplete() const { return !pending_.empty(); }

 private:
  std::string pending_;
  std::string out_;
  std::string err_;
  std::optional<int> exit_code_;
};

// For devices without shell_v2: the suffix fwm appends to a command so that the exit status
// follows the output, and the parser that splits it off again (tolerating a PTY's \r\n).
std::string legacy_exit_marker_suffix();
struct LegacyShellOutput {
  std::string out;
  std::optional<int> exit_code;  // nullopt when the marker is missing (output cut short)
};
LegacyShellOutput split_legacy_exit_marker(std::string_view output);

}  // namespace fwm::android
