// stream_process over posix_spawn and poll(), with the child in its own process group so it can be stopped whole.
#include "core/process_stream.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

extern char** environ;

namespace fwm {
namespace {

constexpr int kSliceMs = 100;
constexpr size_t kErrLimit = 64 * 1024;
constexpr auto kTermGrace = std::chrono::milliseconds(500);

// Both ends of a pipe, closed on scope exit.
struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw ProcessError(ProcessFailure::Other, "pipe failed");
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_write() {
    ::close(write);
    write = -1;
  }
};

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

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
  std::string path = find_in_path(argv.at(0));
  if (path.empty()) throw ProcessError(ProcessFailure::NotFound, argv[0] + " is not installed or not in PATH");
  Pipe out_pipe;
  Pipe err_pipe;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe.write, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (auto& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, path.c_str(), &actions, &attributes, c_args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) throw ProcessError(ProcessFailure::Other, "cannot start " + path + ": " + std::strerror(rc));
  Child child(pid);
  out_pipe.close_write();
  err_pipe.close_write();
  ::fcntl(out_pipe.read, F_SETFL, O_NONBLOCK);
  ::fcntl(err_pipe.read, F_SETFL, O_NONBLOCK);

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
