// Close-on-exec sockets and pipes and SIGPIPE-free sends on Linux and macOS: the one place for their differences.
#pragma once

#include <cstddef>
#include <sys/types.h>

namespace fwm {

// A socket(2) that is close-on-exec and non-blocking (atomically where the system allows: Linux's
// SOCK_CLOEXEC; macOS sets the flags right after). Returns -1 with errno set on failure.
int open_socket_cloexec_nonblocking(int domain, int type, int protocol);

// Fills fds with a close-on-exec pipe (pipe2 on Linux, pipe + FD_CLOEXEC on macOS); false with errno on failure.
bool open_pipe_cloexec(int fds[2]);

// send(2) that never raises SIGPIPE on a closed peer (MSG_NOSIGNAL, or the socket's SO_NOSIGPIPE on macOS).
ssize_t send_without_sigpipe(int fd, const void* data, std::size_t size);

}  // namespace fwm
