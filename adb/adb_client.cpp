// The adb server client: framing, status replies, error mapping, server start, device streams.
#include "adb/adb_client.hpp"

#include <stdexcept>

#include "adb/device_shell_quote.hpp"
#include "core/errors.hpp"
#include "core/process.hpp"

namespace fwm::android {
namespace {

constexpr Millis kServerStartBudget{10000};

// Turns a socket failure into the error a user sees, naming the step and the device.
[[noreturn]] void raise_socket_failure(const SocketError& e, const std::string& step, const std::string& serial,
                                       const AdbEndpoint& endpoint) {
  std::string where = serial.empty() ? "the adb server at " + endpoint.text() : "device " + serial;
  switch (e.failure()) {
    case SocketFailure::Timeout:
      throw Error(ErrorKind::Timeout, where + " did not answer during '" + step + "': " + e.what(), serial, step);
    case SocketFailure::Interrupted:
      throw Error(ErrorKind::Interrupted, "interrupted during '" + step + "'", serial, step);
    case SocketFailure::Closed:
      throw Error(serial.empty() ? ErrorKind::HostTool : ErrorKind::Device,
                  "the connection to " + where + " dropped during '" + step + "'", serial, step);
    default:
      throw Error(ErrorKind::HostTool, "the adb server at " + endpoint.text() + " failed during '" + step + "': " + e.what(),
                  serial, step);
  }
}

// Maps a FAIL message from the server to an error kind and a hint.
[[noreturn]] void raise_server_failure(const std::string& message, const std::string& step, const std::string& serial) {
  ErrorKind kind = ErrorKind::Failed;
  std::string hint;
  if (message.find("not found") != std::string::npos || message.find("no devices") != std::string::npos ||
      message.find("more than one") != std::string::npos) {
    kind = ErrorKind::Device;
    hint = "; see 'fwm devices'";
  } else if (message.find("offline") != std::string::npos) {
    kind = ErrorKind::Device;
    hint = "; reconnect it (adb reconnect) or wait until 'fwm devices' shows it as device";
  } else if (message.find("unauthorized") != std::string::npos) {
    kind = ErrorKind::Device;
    hint = "; accept the USB debugging prompt on the device";
  } else if (message.find("unknown host service") != std::string::npos) {
    kind = ErrorKind::HostTool;
    hint = "; the adb server is too old for this request";
  }
  std::string subject = serial.empty() ? "adb server" : "device " + serial;
  throw Error(kind, subject + ": adb says '" + message + "' during '" + step + "'" + hint, serial, step);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

AdbClient::AdbClient(AdbEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

void AdbClient::record_commands(std::function<void(const RecordedCommand&)> recorder) { recorder_ = std::move(recorder); }

void AdbClient::start_server(const Deadline& deadline) {
  std::string adb = find_in_path("adb");
  if (adb.empty()) {
    throw Error(ErrorKind::HostTool, "no adb server answers at " + endpoint_.text() +
                                         " and adb is not installed to start one: install it (Debian: apt-get install adb) "
                                         "or point ANDROID_ADB_SERVER_PORT / ADB_SERVER_SOCKET at a running server");
  }
  ProcessResult result;
  try {
    result = run_process({adb, "-P", std::to_string(endpoint_.port), "start-server"}, deadline.capped(kServerStartBudget),
                         {{"ANDROID_ADB_SERVER_PORT", std::to_string(endpoint_.port)}});
  } catch (const ProcessError& e) {
    if (e.failure() == ProcessFailure::Interrupted) throw Error(ErrorKind::Interrupted, e.what(), "", "start adb server");
    throw Error(ErrorKind::HostTool, "no adb server answers at " + endpoint_.text() + " and starting one failed: " + e.what());
  }
  if (result.exit_code != 0) {
    throw Error(ErrorKind::HostTool, "no adb server answers at " + endpoint_.text() + " and 'adb start-server' failed (exit " +
                                         std::to_string(result.exit_code) + "): " + result.err + result.out);
  }
}

TcpSocket AdbClient::connect_server(const std::string& step, const std::string& serial, const Deadline& deadline) {
  try {
    return TcpSocket::connect(endpoint_.host, endpoint_.port, deadline);
  } catch (const SocketError& e) {
    if (e.failure() != SocketFailure::Refused) raise_socket_failure(e, step, serial, endpoint_);
    if (!endpoint_.is_local()) {
      throw Error(ErrorKind::HostTool, "no adb server answers at " + endpoint_.text() + ": " + e.what(), serial, step);
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!server_start_tried_) {
      server_start_tried_ = true;
      start_server(deadline);
    }
  }
  try {
    return TcpSocket::connect(endpoint_.host, endpoint_.port, deadline);
  } catch (const SocketError& e) {
    if (e.failure() == SocketFailure::Refused) {
      throw Error(ErrorKind::HostTool, "no adb server answers at " + endpoint_.text() + " even after 'adb start-server'",
                  serial, step);
    }
    raise_socket_failure(e, step, serial, endpoint_);
  }
}

void AdbClient::send_expecting_okay(TcpSocket& socket, const std::string& service, const std::string& step,
                                    const std::string& serial, const Deadline& deadline) {
  try {
    socket.write_all(encode_request(service), deadline);
    std::string status = socket.read_exact(4, deadline);
    if (status == "OKAY") return;
    if (status == "FAIL") raise_server_failure(read_length_prefixed(socket, step, serial, deadline), step, serial);
    throw Error(ErrorKind::HostTool, "the adb server answered '" + status + "' to '" + step + "'", serial, step);
  } catch (const SocketError& e) {
    raise_socket_failure(e, step, serial, endpoint_);
  } catch (const std::length_error&) {
    throw ValidationError("command", "the request for '" + step + "' is longer than adb's 64 KiB limit");
  }
}

TcpSocket AdbClient::request(const std::string& service, const std::string& step, const std::string& serial,
                             const Deadline& deadline) {
  TcpSocket socket = connect_server(step, serial, deadline);
  send_expecting_okay(socket, service, step, serial, deadline);
  return socket;
}

std::string AdbClient::read_length_prefixed(TcpSocket& socket, const std::string& step, const std::string& serial,
                                            const Deadline& deadline) {
  try {
    auto length = parse_hex_length(socket.read_exact(4, deadline));
    if (!length) throw Error(ErrorKind::HostTool, "the adb server sent a malformed length during '" + step + "'", serial, step);
    return socket.read_exact(*length, deadline);
  } catch (const SocketError& e) {
    raise_socket_failure(e, step, serial, endpoint_);
  }
}

std::string AdbClient::host_query(const std::string& service, const std::string& step, const std::string& serial,
                                  const Deadline& deadline) {
  TcpSocket socket = request(service, step, serial, deadline);
  return read_length_prefixed(socket, step, serial, deadline);
}

int AdbClient::server_version(const Deadline& deadline) {
  std::string hex = host_query("host:version", "read the adb server version", "", deadline);
  auto value = parse_hex_length(hex);
  if (!value) throw Error(ErrorKind::HostTool, "the adb server sent a malformed version '" + hex + "'");
  return static_cast<int>(*value);
}

std::vector<DeviceEntry> AdbClient::devices(const Deadline& deadline) {
  return parse_device_list(host_query("host:devices-l", "list devices", "", deadline));
}

std::string AdbClient::connect_device(const std::string& address, const Deadline& deadline) {
  std::string reply = host_query("host:connect:" + address, "connect " + address, "", deadline);
  if (reply.rfind("connected to", 0) != 0 && reply.rfind("already connected", 0) != 0) {
    throw Error(ErrorKind::Device, "adb: " + reply, address, "connect");
  }
  return reply;
}

std::string AdbClient::disconnect_device(const std::string& address, const Deadline& deadline) {
  return host_query("host:disconnect:" + address, "disconnect " + address, "", deadline);
}

std::vector<std::string> AdbClient::features(const std::string& serial, const Deadline& deadline) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = features_.find(serial);
    if (it != features_.end()) return it->second;
  }
  auto list = split(host_query("host-serial:" + serial + ":features", "read device features", serial, deadline), ',');
  std::lock_guard<std::mutex> lock(mutex_);
  features_[serial] = list;
  return list;
}

TcpSocket AdbClient::open_device_service(const std::string& serial, const std::string& service, const std::string& step,
                                         const Deadline& deadline) {
  TcpSocket socket = request("host:transport:" + serial, step, serial, deadline);
  send_expecting_okay(socket, service, step, serial, deadline);
  return socket;
}

ShellResult AdbClient::shell(const std::string& serial, const std::vector<std::string>& argv, const Deadline& deadline) {
  std::string command;
  try {
    command = device_command_line(argv);
  } catch (const std::invalid_argument& e) {
    throw ValidationError("command", e.what());
  }
  ShellResult result = run_command_line(serial, command, "shell " + (argv.empty() ? std::string() : argv.front()), deadline);
  if (recorder_) recorder_({serial, argv, "shell", result});
  return result;
}

ShellResult AdbClient::shell_script(const std::string& serial, const std::vector<std::vector<std::string>>& commands,
                                    const Deadline& deadline) {
  std::string command;
  std::string step = "shell";
  try {
    command = device_script_line(commands);
  } catch (const std::invalid_argument& e) {
    throw ValidationError("command", e.what());
  }
  for (const auto& argv : commands) step += (step == "shell" ? " " : " ; ") + (argv.empty() ? std::string() : argv.front());
  ShellResult result = run_command_line(serial, command, step, deadline);
  if (recorder_) {
    std::vector<std::string> joined;
    for (const auto& argv : commands) {
      if (!joined.empty()) joined.push_back(";");
      joined.insert(joined.end(), argv.begin(), argv.end());
    }
    recorder_({serial, joined, "shell", result});
  }
  return result;
}

ShellResult AdbClient::run_command_line(const std::string& serial, const std::string& command, const std::string& step,
                                        const Deadline& deadline) {
  auto feature_list = features(serial, deadline);
  bool v2 = std::find(feature_list.begin(), feature_list.end(), "shell_v2") != feature_list.end();
  if (v2) {
    TcpSocket socket = open_device_service(serial, "shell,v2,raw:" + command, step, deadline);
    ShellV2Decoder decoder;
    try {
      for (std::string chunk = socket.read_some(deadline); !chunk.empty(); chunk = socket.read_some(deadline)) {
        decoder.feed(chunk);
        if (decoder.exit_code()) break;
      }
    } catch (const SocketError& e) {
      raise_socket_failure(e, step, serial, endpoint_);
    }
    if (!decoder.exit_code()) {
      throw Error(ErrorKind::Device, "device " + serial + " closed the stream before '" + step + "' finished", serial, step);
    }
    return {decoder.out(), decoder.err(), *decoder.exit_code()};
  }
  TcpSocket socket = open_device_service(serial, "shell:" + command + legacy_exit_marker_suffix(), step, deadline);
  std::string raw;
  try {
    raw = socket.read_to_end(deadline);
  } catch (const SocketError& e) {
    raise_socket_failure(e, step, serial, endpoint_);
  }
  auto split_output = split_legacy_exit_marker(raw);
  if (!split_output.exit_code) {
    throw Error(ErrorKind::Device, "device " + serial + " closed the stream before '" + step + "' finished", serial, step);
  }
  return {split_output.out, "", *split_output.exit_code};
}

void AdbClient::shell_stream(const std::string& serial, const std::vector<std::string>& argv,
                             const std::function<bool(std::string_view)>& on_output, const Deadline& deadline) {
  const std::string step = "stream " + (argv.empty() ? std::string() : argv.front());
  auto feature_list = features(serial, deadline);
  if (std::find(feature_list.begin(), feature_list.end(), "shell_v2") == feature_list.end()) {
    throw Error(ErrorKind::Unsupported, "device " + serial + " has no shell_v2 (Android 6 or older): following output "
                                        "needs Android 7 or newer; read it once without --follow",
                serial, step);
  }
  std::string command;
  try {
    command = device_command_line(argv);
  } catch (const std::invalid_argument& e) {
    throw ValidationError("command", e.what());
  }
  TcpSocket socket = open_device_service(serial, "shell,v2,raw:" + command, step, deadline);
  ShellV2Decoder decoder;
  for (;;) {
    std::string chunk;
    try {
      chunk = socket.read_some(deadline);
    } catch (const SocketError& e) {
      if (e.failure() == SocketFailure::Timeout || e.failure() == SocketFailure::Interrupted) return;
      raise_socket_failure(e, step, serial, endpoint_);
    }
    if (chunk.empty()) return;
    decoder.feed(chunk);
    std::string output = decoder.take_out();
    if (!output.empty() && !on_output(output)) return;
    if (decoder.exit_code()) return;
  }
}

std::string AdbClient::exec(const std::string& serial, const std::vector<std::string>& argv, const Deadline& deadline) {
  std::string command;
  try {
    command = device_command_line(argv);
  } catch (const std::invalid_argument& e) {
    throw ValidationError("command", e.what());
  }
  const std::string step = "exec " + (argv.empty() ? std::string() : argv.front());
  TcpSocket socket = open_device_service(serial, "exec:" + command, step, deadline);
  try {
    std::string out = socket.read_to_end(deadline);
    if (recorder_) recorder_({serial, argv, "exec", {out, "", -1}});
    return out;
  } catch (const SocketError& e) {
    raise_socket_failure(e, step, serial, endpoint_);
  }
}

int AdbClient::forward(const std::string& serial, const std::string& local, const std::string& remote,
                       const Deadline& deadline) {
  const std::string step = "forward " + local + " to " + remote;
  TcpSocket socket = request("host-serial:" + serial + ":forward:" + local + ";" + remote, step, serial, deadline);
  try {
    std::string status = socket.read_exact(4, deadline);
    if (status == "FAIL") raise_server_failure(read_length_prefixed(socket, step, serial, deadline), step, serial);
    std::string port = read_length_prefixed(socket, step, serial, deadline);
    if (port.empty()) {
      auto colon = local.rfind(':');
      return std::stoi(local.substr(colon + 1));
    }
    return std::stoi(port);
  } catch (const SocketError& e) {
    raise_socket_failure(e, step, serial, endpoint_);
  } catch (const std::logic_error&) {
    throw Error(ErrorKind::HostTool, "the adb server sent a malformed port during '" + step + "'", serial, step);
  }
}

void AdbClient::kill_forward(const std::string& serial, const std::string& local, const Deadline& deadline) {
  const std::string step = "remove forward " + local;
  TcpSocket socket = request("host-serial:" + serial + ":killforward:" + local, step, serial, deadline);
  try {
    std::string status = socket.read_exact(4, deadline);
    if (status == "FAIL") raise_server_failure(read_length_prefixed(socket, step, serial, deadline), step, serial);
  } catch (const SocketError& e) {
    raise_socket_failure(e, step, serial, endpoint_);
  }
}

std::string AdbClient::list_forward(const Deadline& deadline) {
  return host_query("host:list-forward", "list forwards", "", deadline);
}

void AdbClient::track_devices(const std::function<bool(const std::vector<DeviceEntry>&)>& on_change,
                              const Deadline& deadline, Millis poll_interval) {
  const std::string step = "track devices";
  TcpSocket socket = request("host:track-devices-l", step, "", deadline);
  std::optional<std::vector<DeviceEntry>> last;
  auto offer = [&](std::vector<DeviceEntry> list) {
    if (last && *last == list) return true;
    last = list;
    return on_change(list);
  };
  std::string buffer;
  for (;;) {
    std::string chunk;
    try {
      chunk = socket.read_some(deadline.capped(poll_interval));
    } catch (const SocketError& e) {
      if (e.failure() == SocketFailure::Interrupted || deadline.expired()) return;
      if (e.failure() != SocketFailure::Timeout) raise_socket_failure(e, step, "", endpoint_);
      try {
        if (!offer(devices(deadline))) return;
      } catch (const Error& poll_error) {
        if (poll_error.kind() == ErrorKind::Interrupted || deadline.expired()) return;
        throw;
      }
      continue;
    }
    if (chunk.empty()) throw Error(ErrorKind::HostTool, "the adb server closed the device-tracking stream", "", step);
    buffer += chunk;
    while (buffer.size() >= 4) {
      auto length = parse_hex_length(std::string_view(buffer).substr(0, 4));
      if (!length) throw Error(ErrorKind::HostTool, "the adb server sent a malformed length while tracking devices");
      if (buffer.size() < 4 + *length) break;
      auto list = parse_device_list(std::string_view(buffer).substr(4, *length));
      buffer.erase(0, 4 + *length);
      if (!offer(std::move(list))) return;
    }
  }
}

}  // namespace fwm::android
