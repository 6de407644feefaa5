#include "cli/io.hpp"

#include "source/read_file.hpp"
#include "source/utf8.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

namespace mandate::cli {
namespace {

namespace fs = std::filesystem;

using detail::Descriptor;
using detail::reason;

/// Writes all of `bytes`, resuming after a partial write or a signal.
bool write_all(int fd, std::string_view bytes, const WriteCalls& calls) {
  while (!bytes.empty()) {
    const ssize_t written = calls.write ? calls.write(fd, bytes.data(), bytes.size())
                                        : ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      if (written == 0) errno = EIO;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

IoError write_error(const std::string& path, int error, std::string_view what) {
  return IoError{path, fmt::format("cannot write the file: {}{}", reason(error), what)};
}

/// The permissions a new file would get: 0666 less the umask, which can be
/// read only by setting it (the command line has one thread here).
mode_t default_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

std::string render(const IoError& error) {
  return fmt::format("{}: error[{}]: {}\n", detail::escape_for_message(error.path),
                     code_name(error.code), error.message);
}

ReadResult read_file(const std::string& path, std::uint64_t limit, std::string_view what) {
  detail::FileRead read = detail::read_whole_file(path, limit, what);
  ReadResult result;
  result.text = std::move(read.text);
  if (!result.text) result.error = IoError{path, std::move(read.message), read.code};
  return result;
}

std::optional<IoError> write_file(const std::string& path, std::string_view bytes,
                                  const WriteCalls& calls) {
  std::error_code ignored;
  fs::path target(path);
  if (fs::is_symlink(target, ignored)) {
    std::error_code error;
    target = fs::weakly_canonical(target, error);
    if (error) return write_error(path, error.value(), "");
  }
  struct stat info {};
  const bool exists = ::stat(target.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode))
    return IoError{path, "cannot write the file: it is a directory"};
  if (exists && !S_ISREG(info.st_mode)) {
    // A device or a pipe cannot be replaced: it is written as it is.
    Descriptor fd(::open(target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (fd.get() < 0 || !write_all(fd.get(), bytes, calls) || fd.close() != 0)
      return write_error(path, errno, "");
    return std::nullopt;
  }
  // A read-only file stays read-only, though its directory would let a
  // rename replace it.
  if (exists && ::access(target.c_str(), W_OK) != 0) return write_error(path, errno, "");

  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temporary = (folder / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  Descriptor fd(::mkstemp(temporary.data()));
  if (fd.get() < 0) return write_error(path, errno, "");
  const auto give_up = [&](int error) {
    ::unlink(temporary.c_str());
    return write_error(path, error, exists ? " (the file is unchanged)" : "");
  };
  if (::fchmod(fd.get(), exists ? info.st_mode & 07777 : default_mode()) != 0)
    return give_up(errno);
  if (!write_all(fd.get(), bytes, calls)) return give_up(errno);
  if ((calls.fsync ? calls.fsync(fd.get()) : ::fsync(fd.get())) != 0) return give_up(errno);
  if (fd.close() != 0) return give_up(errno);
  if ((calls.rename ? calls.rename(temporary.c_str(), target.c_str())
                    : ::rename(temporary.c_str(), target.c_str())) != 0)
    return give_up(errno);
  // The rename itself reaches the disk with the directory: best effort.
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return std::nullopt;
}

std::optional<IoError> flush_stdout() {
  // errno is not cleared first: when an earlier write of the buffer failed,
  // the reason is the one it left (the writes that failed since give the
  // same); 0 is reported as EIO.
  std::fflush(stdout);
  const int error = errno;
  if (std::ferror(stdout) == 0) return std::nullopt;
  return IoError{"<stdout>", fmt::format("cannot write to standard output: {}", reason(error))};
}

}  // namespace mandate::cli
