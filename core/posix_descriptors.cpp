// Close-on-exec descriptors over the POSIX calls each system has (Linux: SOCK_CLOEXEC, pipe2, MSG_NOSIGNAL;
// macOS: fcntl and SO_NOSIGPIPE, see the socket(2), pipe(2) and setsockopt(2) manual pages of each).
#include "core/posix_descriptors.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fwm {
namespace {

bool add_descriptor_flags(int fd, bool nonblocking) {
  if (::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC) != 0) return false;
  return !nonblocking || ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) == 0;
}

}  // namespace

int open_socket_cloexec_nonblocking(int domain, int type, int protocol) {
#if defined(SOCK_CLOEXEC) && defined(SOCK_NONBLOCK)
  return ::socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
#else
  int fd = ::socket(domain, type, protocol);
  if (fd < 0) return -1;
  int one = 1;
  if (!add_descriptor_flags(fd, true) || ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
#endif
}

bool open_pipe_cloexec(int fds[2]) {
#if defined(__linux__)
  return ::pipe2(fds, O_CLOEXEC) == 0;
#else
  if (::pipe(fds) != 0) return false;
  if (add_descriptor_flags(fds[0], false) && add_descriptor_flags(fds[1], false)) return true;
  ::close(fds[0]);
  ::close(fds[1]);
  return false;
#endif
}

ssize_t send_without_sigpipe(int fd, const void* data, std::size_t size) {
#if defined(MSG_NOSIGNAL)
  return ::send(fd, data, size, MSG_NOSIGNAL);
#else
  return ::send(fd, data, size, 0);
#endif
}

}  // namespace fwm
