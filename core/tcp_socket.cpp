// TcpSocket over POSIX sockets, with poll() in slices so deadlines and interrupts are honoured.
#include "core/tcp_socket.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/posix_descriptors.hpp"

namespace fwm {
namespace {

constexpr int kSliceMs = 100;

[[noreturn]] void fail_errno(const std::string& what) {
  int err = errno;
  SocketFailure kind = (err == ECONNREFUSED) ? SocketFailure::Refused
                       : (err == ECONNRESET || err == EPIPE) ? SocketFailure::Closed
                                                             : SocketFailure::Other;
  throw SocketError(kind, what + ": " + std::strerror(err));
}

}  // namespace

TcpSocket TcpSocket::connect(const std::string& host, std::uint16_t port, const Deadline& deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    throw SocketError(SocketFailure::Other, "cannot resolve " + host + ": " + ::gai_strerror(rc));
  }
  std::string last_error = "no address for " + host;
  SocketFailure last_kind = SocketFailure::Other;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = open_socket_cloexec_nonblocking(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    TcpSocket sock(fd);
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      ::freeaddrinfo(found);
      return sock;
    }
    if (errno != EINPROGRESS) {
      last_kind = errno == ECONNREFUSED ? SocketFailure::Refused : SocketFailure::Other;
      last_error = std::string(std::strerror(errno));
      continue;
    }
    try {
      sock.wait_ready(POLLOUT, deadline);
    } catch (...) {
      ::freeaddrinfo(found);
      throw;
    }
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err == 0) {
      ::freeaddrinfo(found);
      return sock;
    }
    last_kind = err == ECONNREFUSED ? SocketFailure::Refused : SocketFailure::Other;
    last_error = std::strerror(err);
  }
  ::freeaddrinfo(found);
  throw SocketError(last_kind, "cannot connect to " + host + ":" + service + ": " + last_error);
}

TcpSocket::TcpSocket(TcpSocket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

TcpSocket& TcpSocket::operator=(TcpSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

TcpSocket::~TcpSocket() {
  if (fd_ >= 0) ::close(fd_);
}

void TcpSocket::wait_ready(short events, const Deadline& deadline) {
  for (;;) {
    if (interrupt_requested()) throw SocketError(SocketFailure::Interrupted, "interrupted");
    auto left = deadline.remaining().count();
    if (left <= 0) {
      throw SocketError(SocketFailure::Timeout, "no answer within " + format_duration(deadline.budget()));
    }
    pollfd p{fd_, events, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, kSliceMs)));
    if (rc > 0) return;
    if (rc < 0 && errno != EINTR) fail_errno("poll");
  }
}

void TcpSocket::write_all(std::string_view data, const Deadline& deadline) {
  while (!data.empty()) {
    wait_ready(POLLOUT, deadline);
    ssize_t n = send_without_sigpipe(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      fail_errno("send");
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
}

std::string TcpSocket::read_some(const Deadline& deadline) {
  char buffer[65536];
  for (;;) {
    wait_ready(POLLIN, deadline);
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n >= 0) return std::string(buffer, static_cast<size_t>(n));
    if (errno == EAGAIN || errno == EINTR) continue;
    fail_errno("recv");
  }
}

std::string TcpSocket::read_exact(std::size_t n, const Deadline& deadline) {
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    char buffer[65536];
    wait_ready(POLLIN, deadline);
    ssize_t got = ::recv(fd_, buffer, std::min(sizeof buffer, n - out.size()), 0);
    if (got == 0) throw SocketError(SocketFailure::Closed, "connection closed by the peer");
    if (got < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      fail_errno("recv");
    }
    out.append(buffer, static_cast<size_t>(got));
  }
  return out;
}

std::string TcpSocket::read_to_end(const Deadline& deadline) {
  std::string out;
  for (;;) {
    std::string chunk = read_some(deadline);
    if (chunk.empty()) return out;
    out += chunk;
  }
}

void TcpSocket::shutdown_write() { ::shutdown(fd_, SHUT_WR); }

}  // namespace fwm
