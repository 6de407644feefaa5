// Files in and out of the command line (docs/reliability.md, "Fault
// model"): inputs are measured before they are read, outputs are written
// to a temporary file beside the target and renamed over it only when
// complete and flushed, and every failure takes one form: the path, what
// failed, the operating system's reason, code M0020, exit code 2.
#pragma once

#include <mandate/diagnostic.hpp>

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::cli {

struct IoError {
  std::string path;
  std::string message;  // "cannot read the file: No such file or directory"
  Code code = Code::io;
};

/// "PATH: error[M0020]: MESSAGE\n", with control characters and invalid
/// UTF-8 in the path escaped.
[[nodiscard]] std::string render(const IoError& error);

struct ReadResult {
  std::optional<std::string> text;
  IoError error;  // when there is no text
};

/// Reads a whole file of at most `limit` bytes. The size comes from the
/// file system before anything is read, so a file over the limit costs
/// nothing; a directory is refused by name. `what` names the input in the
/// message about the limit ("plans").
[[nodiscard]] ReadResult read_file(const std::string& path, std::uint64_t limit,
                                   std::string_view what);

/// The system calls that write_file makes, replaceable by tests to inject a
/// full disk, a failing rename, … Each returns what the system call returns
/// and sets errno as it does.
struct WriteCalls {
  std::function<ssize_t(int fd, const void* data, std::size_t size)> write;
  std::function<int(int fd)> fsync;
  std::function<int(const char* from, const char* to)> rename;
};

/// Writes `bytes` to `path`: into a temporary file in the same directory
/// (".NAME.XXXXXX"), flushed to disk, then renamed over `path`, so that
/// `path` holds either its old contents or the new ones, never a part. On
/// failure the temporary file is removed and `path` is untouched. A target
/// that is not a regular file (/dev/stdout, a pipe) is written in place;
/// a symbolic link is followed, and the file it names is replaced.
[[nodiscard]] std::optional<IoError> write_file(const std::string& path, std::string_view bytes,
                                                const WriteCalls& calls = {});

/// Flushes standard output; an error if anything written to it was lost
/// (a full disk, a closed pipe): "<stdout>: error[M0020]: …".
[[nodiscard]] std::optional<IoError> flush_stdout();

}  // namespace mandate::cli
