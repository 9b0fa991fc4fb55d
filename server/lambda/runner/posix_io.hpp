// posix_io: the few POSIX file-descriptor helpers the runner needs: an owning fd, non-blocking
// mode, reads that stop at EAGAIN, and writes that never raise SIGPIPE in the emulator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ebs::lambda {

// Owns one file descriptor; closes it on destruction. Move-only.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release();
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

bool set_nonblocking(int fd);

enum class ReadStatus { kData, kWouldBlock, kEof, kError };

// One read(2) of up to `max` bytes appended to `out`; EINTR is retried.
ReadStatus read_some(int fd, std::string& out, size_t max);

// Writes as much of `data` as the socket takes without blocking (send with MSG_NOSIGNAL, so a peer
// that died gives EPIPE rather than SIGPIPE). Returns bytes written, or -1 on a hard error.
long send_some(int socket_fd, std::string_view data);

}  // namespace ebs::lambda
