// Running a host program whose stdout is read as it arrives (a log stream), with a deadline and interrupts.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadline.hpp"
#include "core/process.hpp"

namespace fwm {

// Why a streamed program stopped.
enum class StreamEnd {
  Exited,       // it exited by itself
  Stopped,      // on_output returned false
  Deadline,     // the deadline passed
  Interrupted,  // interrupt_requested() became true
};

// How a streamed program ended.
struct StreamResult {
  StreamEnd end = StreamEnd::Exited;
  int exit_code = -1;  // Exited: the exit status, or 128 + signal number; otherwise -1
  std::string err;     // what it wrote to stderr (at most the first 64 KiB)
};

// Runs argv[0] (looked up in PATH when it has no '/') with argv, stdin from /dev/null, in a
// process group of its own, and hands each piece of stdout to `on_output` as it arrives (pieces
// may end anywhere). Checks the deadline and interrupt_requested() at least every 100 ms. Unless
// the program exits by itself, it is stopped (SIGTERM to its group, SIGKILL after 500 ms) and
// reaped before this returns, also when `on_output` throws. Throws ProcessError(NotFound) when the
// program is not found and ProcessError(Other) when it cannot be started; the deadline and
// interrupts are results, not errors.
StreamResult stream_process(const std::vector<std::string>& argv,
                            const std::function<bool(std::string_view)>& on_output, const Deadline& deadline);

}  // namespace fwm
