// stream_process over posix_spawn and poll(), with the child in its own process group so it can be stopped whole.
#include "core/process_stream.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include "core/process_spawn.hpp"

namespace fwm {
namespace {

constexpr int kSliceMs = 100;
constexpr size_t kErrLimit = 64 * 1024;
constexpr auto kTermGrace = std::chrono::milliseconds(500);

// The spawned program; stopped and reaped on scope exit unless it was reaped already.
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  ~Child() { stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Its exit status once it has exited (it is reaped then), else nullopt.
  std::optional<int> exited() {
    int status = 0;
    if (pid_ <= 0 || ::waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
    pid_ = -1;
    return decode_status(status);
  }

  // SIGTERM to its group, SIGKILL to what is left after the grace period, then reaps it.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    auto until = std::chrono::steady_clock::now() + kTermGrace;
    int status = 0;
    bool reaped = false;
    while (!reaped && std::chrono::steady_clock::now() < until) {
      reaped = ::waitpid(pid_, &status, WNOHANG) == pid_;
      if (!reaped) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(-pid_, SIGKILL);
    if (!reaped) ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_;
};

// Reads what `fd` holds now; returns false at end of stream.
bool read_some(int fd, std::string& out) {
  char buffer[65536];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) {
    out.assign(buffer, static_cast<size_t>(n));
    return true;
  }
  out.clear();
  return n < 0 && (errno == EAGAIN || errno == EINTR);
}

void keep_err(std::string& err, const std::string& chunk) {
  if (err.size() < kErrLimit) err.append(chunk, 0, std::min(chunk.size(), kErrLimit - err.size()));
}

}  // namespace

StreamResult stream_process(const std::vector<std::string>& argv,
                            const std::function<bool(std::string_view)>& on_output, const Deadline& deadline) {
  PipedChild piped;
  spawn_piped(argv, {}, true, piped);
  pid_t pid = piped.pid;
  const Pipe& out_pipe = piped.out;
  const Pipe& err_pipe = piped.err;
  Child child(pid);

  StreamResult result;
  bool out_open = true;
  bool err_open = true;
  std::string chunk;
  for (;;) {
    if (auto code = child.exited()) {
      while (out_open && read_some(out_pipe.read, chunk) && !chunk.empty()) on_output(chunk);
      while (err_open && read_some(err_pipe.read, chunk) && !chunk.empty()) keep_err(result.err, chunk);
      result.end = StreamEnd::Exited;
      result.exit_code = *code;
      return result;
    }
    if (deadline.expired() || interrupt_requested()) {
      result.end = deadline.expired() ? StreamEnd::Deadline : StreamEnd::Interrupted;
      child.stop();
      return result;
    }
    pollfd fds[2] = {{out_open ? out_pipe.read : -1, POLLIN, 0}, {err_open ? err_pipe.read : -1, POLLIN, 0}};
    int slice = static_cast<int>(std::min<long long>(deadline.remaining().count(), kSliceMs));
    if (::poll(fds, 2, std::max(slice, 1)) <= 0) continue;
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP))) {
      out_open = read_some(out_pipe.read, chunk);
      if (!chunk.empty() && !on_output(chunk)) {
        result.end = StreamEnd::Stopped;
        child.stop();
        return result;
      }
    }
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP))) {
      err_open = read_some(err_pipe.read, chunk);
      keep_err(result.err, chunk);
    }
  }
}

}  // namespace fwm
