// run_process over posix_spawn and poll().
#include "core/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace fwm {
namespace {

constexpr int kSliceMs = 50;

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
  void close_write() {
    ::close(write);
    write = -1;
  }
};

std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    bool replaced = std::any_of(extra.begin(), extra.end(), [&](const auto& kv) { return kv.first == name; });
    if (!replaced) env.push_back(entry);
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Reads what is available from fd into out; returns false at end of stream.
bool drain(int fd, std::string& out) {
  char buffer[65536];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) {
    out.append(buffer, static_cast<size_t>(n));
    return true;
  }
  return n < 0 && (errno == EAGAIN || errno == EINTR);
}

// Reads what a non-blocking fd holds right now, without waiting for end of stream.
void drain_available(int fd, std::string& out) {
  char buffer[65536];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::string find_in_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0 ? program : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return "";
}

ProcessResult run_process(const std::vector<std::string>& argv, const Deadline& deadline,
                          const std::vector<std::pair<std::string, std::string>>& extra_env) {
  std::string path = find_in_path(argv.at(0));
  if (path.empty()) throw ProcessError(ProcessFailure::NotFound, argv[0] + " is not installed or not in PATH");
  Pipe out_pipe;
  Pipe err_pipe;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe.write, 2);
  std::vector<std::string> args = argv;
  std::vector<std::string> env = environment_with(extra_env);
  auto c_args = c_strings(args);
  auto c_env = c_strings(env);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw ProcessError(ProcessFailure::Other, "cannot start " + path + ": " + std::strerror(rc));
  out_pipe.close_write();
  err_pipe.close_write();
  ::fcntl(out_pipe.read, F_SETFL, O_NONBLOCK);
  ::fcntl(err_pipe.read, F_SETFL, O_NONBLOCK);

  ProcessResult result;
  bool out_open = true;
  bool err_open = true;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (out_open) drain_available(out_pipe.read, result.out);
      if (err_open) drain_available(err_pipe.read, result.err);
      result.exit_code = decode_status(status);
      return result;
    }
    bool timed_out = deadline.expired();
    if (timed_out || interrupt_requested()) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      if (timed_out) {
        throw ProcessError(ProcessFailure::Timeout,
                           argv[0] + " did not finish within " + format_duration(deadline.budget()));
      }
      throw ProcessError(ProcessFailure::Interrupted, argv[0] + " was interrupted");
    }
    pollfd fds[2] = {{out_open ? out_pipe.read : -1, POLLIN, 0}, {err_open ? err_pipe.read : -1, POLLIN, 0}};
    int slice = static_cast<int>(std::min<long long>(deadline.remaining().count(), kSliceMs));
    if (::poll(fds, 2, std::max(slice, 1)) > 0) {
      if (out_open && (fds[0].revents & (POLLIN | POLLHUP))) out_open = drain(out_pipe.read, result.out);
      if (err_open && (fds[1].revents & (POLLIN | POLLHUP))) err_open = drain(err_pipe.read, result.err);
    }
  }
}

}  // namespace fwm
