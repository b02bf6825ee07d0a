// A client of the adb server's smart-socket protocol: one TCP connection per request, no adb process.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "adb/adb_endpoint.hpp"
#include "adb/adb_wire.hpp"
#include "core/deadline.hpp"
#include "core/tcp_socket.hpp"

namespace fwm::android {

// A device command's outcome.
struct ShellResult {
  std::string out;
  std::string err;   // empty on devices without shell_v2, whose stderr is mixed into out
  int exit_code = 0;
};

// One device command as a client ran it (see AdbClient::record_commands).
struct RecordedCommand {
  std::string serial;
  std::vector<std::string> argv;  // a script's commands joined by ";" elements
  std::string service;            // "shell" or "exec"
  ShellResult result;             // exec: stdout only, exit code -1 (exec: reports none)
};

// Talks to one adb server. Thread-safe: every call opens its own connection. Every call takes a
// deadline; failures are fwm::Error with the exit-code kind, the device and the step: device not
// found / offline / unauthorized -> Device, deadline -> Timeout, no server and none startable ->
// HostTool. If nothing listens at a local endpoint, the first call starts a server with
// `adb -P PORT start-server`, as adb does; no other call spawns a process.
class AdbClient {
 public:
  explicit AdbClient(AdbEndpoint endpoint);

  const AdbEndpoint& endpoint() const { return endpoint_; }

  // host:version: the server's protocol version (41 for adb 29-35).
  int server_version(const Deadline& deadline);
  // host:devices-l.
  std::vector<DeviceEntry> devices(const Deadline& deadline);
  // host:connect:ADDRESS; throws Device when the server reports a failure (it answers OKAY then too).
  std::string connect_device(const std::string& address, const Deadline& deadline);
  // host:disconnect:ADDRESS.
  std::string disconnect_device(const std::string& address, const Deadline& deadline);
  // host-serial:SERIAL:features, cached per serial for the life of this client.
  std::vector<std::string> features(const std::string& serial, const Deadline& deadline);

  // Runs argv on the device (quoted by device_command_line) through shell,v2 — or, where the device
  // lacks shell_v2, through shell: with the exit status appended by the command line itself.
  ShellResult shell(const std::string& serial, const std::vector<std::string>& argv, const Deadline& deadline);
  // Runs several commands in one round trip (joined by " ; "), otherwise as shell(); the exit code is
  // the last command's.
  ShellResult shell_script(const std::string& serial, const std::vector<std::vector<std::string>>& commands,
                           const Deadline& deadline);
  // Runs argv through shell,v2 and hands each piece of stdout to `on_output` as it arrives, until the
  // command ends, `on_output` returns false, the deadline passes or an interrupt comes (then it
  // returns normally). Needs shell_v2; devices without it get Error(Unsupported).
  void shell_stream(const std::string& serial, const std::vector<std::string>& argv,
                    const std::function<bool(std::string_view)>& on_output, const Deadline& deadline);
  // Runs argv through exec: and returns its raw stdout, binary-safe (no PTY, no stderr).
  std::string exec(const std::string& serial, const std::vector<std::string>& argv, const Deadline& deadline);

  // Calls `recorder` (from the calling thread, possibly several at once) after every shell,
  // shell_script and exec command this client completes. Set it before the client is used.
  void record_commands(std::function<void(const RecordedCommand&)> recorder);

  // host-serial:SERIAL:forward:LOCAL;REMOTE; returns the bound local port (tcp:0 picks one).
  int forward(const std::string& serial, const std::string& local, const std::string& remote, const Deadline& deadline);
  // host-serial:SERIAL:killforward:LOCAL.
  void kill_forward(const std::string& serial, const std::string& local, const Deadline& deadline);
  // host:list-forward lines ("SERIAL LOCAL REMOTE").
  std::string list_forward(const Deadline& deadline);

  // Follows host:track-devices-l: calls `on_change` with the full list once at the start and on
  // every change, until it returns false, the deadline passes or an interrupt comes (then it
  // returns normally). Debian's adb 29 server does not announce a TCP device going offline on this
  // stream, so while the stream is quiet the list is also read every `poll_interval`; only real
  // changes are passed on.
  void track_devices(const std::function<bool(const std::vector<DeviceEntry>&)>& on_change, const Deadline& deadline,
                     Millis poll_interval = Millis(500));

 private:
  TcpSocket connect_server(const std::string& step, const std::string& serial, const Deadline& deadline);
  void start_server(const Deadline& deadline);
  // Sends one request on `socket` and consumes the OKAY; FAIL becomes an Error.
  void send_expecting_okay(TcpSocket& socket, const std::string& service, const std::string& step,
                           const std::string& serial, const Deadline& deadline);
  // Sends one request on a fresh connection (see send_expecting_okay).
  TcpSocket request(const std::string& service, const std::string& step, const std::string& serial,
                    const Deadline& deadline);
  std::string read_length_prefixed(TcpSocket& socket, const std::string& step, const std::string& serial,
                                   const Deadline& deadline);
  std::string host_query(const std::string& service, const std::string& step, const std::string& serial,
                         const Deadline& deadline);
  ShellResult run_command_line(const std::string& serial, const std::string& command, const std::string& step,
                               const Deadline& deadline);
  TcpSocket open_device_service(const std::string& serial, const std::string& service, const std::string& step,
                                const Deadline& deadline);

  AdbEndpoint endpoint_;
  std::mutex mutex_;
  bool server_start_tried_ = false;
  std::map<std::string, std::vector<std::string>> features_;
  std::function<void(const RecordedCommand&)> recorder_;
};

}  // namespace fwm::android
