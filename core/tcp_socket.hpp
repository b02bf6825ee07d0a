// A TCP client socket whose every operation honours a deadline and the interrupt flag.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/deadline.hpp"

namespace fwm {

// Why a socket operation failed; the caller turns it into an Error that names device and step.
enum class SocketFailure { Refused, Timeout, Interrupted, Closed, Other };

// Thrown by TcpSocket; `failure` classifies it, what() says it in words.
class SocketError : public std::runtime_error {
 public:
  SocketError(SocketFailure failure, const std::string& message)
      : std::runtime_error(message), failure_(failure) {}
  SocketFailure failure() const { return failure_; }

 private:
  SocketFailure failure_;
};

// An owned, connected TCP socket. Move-only; closes on destruction.
class TcpSocket {
 public:
  // Connects to host:port (an IPv4/IPv6 literal or a name) before the deadline.
  static TcpSocket connect(const std::string& host, std::uint16_t port, const Deadline& deadline);

  TcpSocket(TcpSocket&& other) noexcept;
  TcpSocket& operator=(TcpSocket&& other) noexcept;
  TcpSocket(const TcpSocket&) = delete;
  TcpSocket& operator=(const TcpSocket&) = delete;
  ~TcpSocket();

  // Sends all of `data`.
  void write_all(std::string_view data, const Deadline& deadline);
  // Reads exactly `n` bytes; throws SocketFailure::Closed if the peer closes first.
  std::string read_exact(std::size_t n, const Deadline& deadline);
  // Reads what is available (at least one byte); returns "" at end of stream.
  std::string read_some(const Deadline& deadline);
  // Reads until the peer closes.
  std::string read_to_end(const Deadline& deadline);
  // Shuts down the sending half (the peer sees end of input).
  void shutdown_write();

 private:
  explicit TcpSocket(int fd) : fd_(fd) {}
  void wait_ready(short events, const Deadline& deadline);
  int fd_ = -1;
};

}  // namespace fwm
