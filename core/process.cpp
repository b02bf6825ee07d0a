// run_process over posix_spawn and poll().
#include "core/process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/process_spawn.hpp"

namespace fwm {
namespace {

constexpr int kSliceMs = 50;

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
  PipedChild child;
  spawn_piped(argv, extra_env, false, child);
  pid_t pid = child.pid;
  const Pipe& out_pipe = child.out;
  const Pipe& err_pipe = child.err;

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
