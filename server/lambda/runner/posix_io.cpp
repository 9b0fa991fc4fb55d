// posix_io: owning fd, non-blocking mode, EAGAIN-aware reads and SIGPIPE-free socket writes.
#include "lambda/runner/posix_io.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace ebs::lambda {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

int UniqueFd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

bool set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

ReadStatus read_some(int fd, std::string& out, size_t max) {
  char buffer[64 * 1024];
  size_t want = max < sizeof(buffer) ? max : sizeof(buffer);
  for (;;) {
    ssize_t n = ::read(fd, buffer, want);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
      return ReadStatus::kData;
    }
    if (n == 0) return ReadStatus::kEof;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return ReadStatus::kWouldBlock;
    return ReadStatus::kError;
  }
}

long send_some(int socket_fd, std::string_view data) {
  for (;;) {
    ssize_t n = ::send(socket_fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) return static_cast<long>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    return -1;
  }
}

}  // namespace ebs::lambda
