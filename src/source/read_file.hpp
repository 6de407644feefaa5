// Reading an input file whole, within a limit: the library's load_plan and
// the command line read plans and scenarios through it.
#pragma once

#include <mandate/diagnostic.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::detail {

/// The operating system's words for an errno value (EIO for 0).
[[nodiscard]] std::string reason(int error);

/// A file descriptor closed when it goes out of scope (errors of an
/// explicit close() are the caller's to check).
class Descriptor {
 public:
  explicit Descriptor(int fd) noexcept : fd_(fd) {}
  ~Descriptor();
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  [[nodiscard]] int get() const noexcept { return fd_; }
  int close() noexcept;

 private:
  int fd_;
};

struct FileRead {
  std::optional<std::string> text;
  /// When there is no text: "cannot read the file: No such file or
  /// directory", and its code (M0020, or M0003 over the limit).
  std::string message;
  Code code = Code::io;
};

/// Reads a whole file of at most `limit` bytes. The size comes from the
/// file system before anything is read, so a file over the limit costs
/// nothing; a directory is refused by name. `what` names the input in the
/// message about the limit ("plans").
[[nodiscard]] FileRead read_whole_file(const std::string& path, std::uint64_t limit,
                                       std::string_view what);

}  // namespace mandate::detail
