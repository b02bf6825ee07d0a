// Starting a host program with its stdout and stderr on non-blocking pipes: the part run_process and stream_process share.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace fwm {

// Both ends of a pipe, closed on scope exit.
struct Pipe {
  int read = -1;
  int write = -1;
  // Throws ProcessError(Other) when the pipe cannot be made.
  Pipe();
  ~Pipe();
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_write();
};

// The running program and the read ends of its output.
struct PipedChild {
  pid_t pid = -1;
  Pipe out;
  Pipe err;
};

// Starts argv[0] (looked up in PATH when it has no '/') with stdin from /dev/null, the environment
// plus `extra_env`, and stdout/stderr on `child`'s pipes, whose read ends are non-blocking; with
// `own_group`, in a process group of its own (so it can be stopped with its children). Throws
// ProcessError(NotFound) when the program is missing and ProcessError(Other) when it cannot start.
void spawn_piped(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& extra_env,
                 bool own_group, PipedChild& child);

// A waitpid status as an exit code: the exit status, or 128 + the signal number.
int decode_status(int status);

}  // namespace fwm
