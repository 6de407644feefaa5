// Reading an input file whole, within a limit (read_file.hpp).
#include "source/read_file.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace mandate::detail {

std::string reason(int error) { return std::strerror(error != 0 ? error : EIO); }

Descriptor::~Descriptor() {
  if (fd_ >= 0) ::close(fd_);
}

int Descriptor::close() noexcept { return ::close(std::exchange(fd_, -1)); }

FileRead read_whole_file(const std::string& path, std::uint64_t limit, std::string_view what) {
  FileRead result;
  const auto fail = [&](std::string message, Code code = Code::io) {
    result.message = std::move(message);
    result.code = code;
    return std::move(result);
  };
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fail(fmt::format("cannot read the file: {}", reason(errno)));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0)
    return fail(fmt::format("cannot read the file: {}", reason(errno)));
  if (S_ISDIR(info.st_mode)) return fail("cannot read the file: it is a directory");
  const bool regular = S_ISREG(info.st_mode);
  if (regular && static_cast<std::uint64_t>(info.st_size) > limit)
    return fail(fmt::format("the file is {} bytes; {} are limited to {} bytes "
                            "(docs/reliability.md)",
                            info.st_size, what, limit),
                Code::input_limit);
  std::string text;
  if (regular) text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail(fmt::format("cannot read the file: {}", reason(errno)));
    if (got == 0) break;
    // A pipe or a device has no size to check first: stop at the limit.
    if (text.size() + static_cast<std::size_t>(got) > limit)
      return fail(fmt::format("the input is over the limit of {} bytes for {} "
                              "(docs/reliability.md)",
                              limit, what),
                  Code::input_limit);
    text.append(buffer, static_cast<std::size_t>(got));
  }
  result.text = std::move(text);
  return result;
}

}  // namespace mandate::detail
