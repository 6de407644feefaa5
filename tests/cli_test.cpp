// The command line's files and option values (docs/cli.md,
// docs/reliability.md "Fault model"): a failed write leaves the old file
// and no temporary file; a killed writer leaves the old file; inputs over a
// limit are refused before they are read; option values are checked.
#include "cli/common.hpp"
#include "cli/io.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using mandate::cli::IoError;
using mandate::cli::write_file;
using mandate::cli::WriteCalls;

namespace {

/// A fresh folder for one test case, removed afterwards.
struct Folder {
  fs::path path;
  explicit Folder(const std::string& name)
      : path(fs::temp_directory_path() /
             ("mandate-cli-test-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  [[nodiscard]] std::string file(const std::string& name) const { return (path / name).string(); }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void put(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// A write() that fails with `error` once `allowed` bytes are written: a
/// disk that fills up in the middle of the file.
WriteCalls failing_after(std::size_t allowed, int error) {
  auto written = std::make_shared<std::size_t>(0);
  WriteCalls calls;
  calls.write = [=](int fd, const void* data, std::size_t size) -> ssize_t {
    if (*written >= allowed) {
      errno = error;
      return -1;
    }
    const std::size_t now = std::min(size, allowed - *written);
    const ssize_t done = ::write(fd, data, now);
    if (done > 0) *written += static_cast<std::size_t>(done);
    return done;
  };
  return calls;
}

}  // namespace

TEST_CASE("cli files: a write replaces the file whole, with its permissions") {
  Folder folder("replace");
  const std::string target = folder.file("plan.plan");
  put(target, "old\n");
  ::chmod(target.c_str(), 0640);
  REQUIRE_FALSE(write_file(target, "new text\n"));
  CHECK(read(target) == "new text\n");
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  CHECK(folder.entries() == 1);  // no temporary file left
  // A new file gets the permissions a new file gets.
  REQUIRE_FALSE(write_file(folder.file("report.json"), "{}"));
  CHECK(read(folder.file("report.json")) == "{}");
}

TEST_CASE("cli files: a full disk in the middle leaves the old file and no temporary file") {
  Folder folder("full");
  const std::string target = folder.file("plan.plan");
  const std::string old_text = "plan 旧 { }\n";
  put(target, old_text);
  const std::string new_text(100'000, 'x');
  const auto error = write_file(target, new_text, failing_after(4096, ENOSPC));
  REQUIRE(error);
  CHECK(error->path == target);
  CHECK(error->code == mandate::Code::io);
  CHECK(error->message == "cannot write the file: No space left on device (the file is unchanged)");
  CHECK(mandate::cli::render(*error).ends_with(
      ": error[M0020]: cannot write the file: No space left on device (the file is unchanged)\n"));
  CHECK(read(target) == old_text);
  CHECK(folder.entries() == 1);
}

TEST_CASE("cli files: a failed flush or rename leaves the old file") {
  Folder folder("flush");
  const std::string target = folder.file("report.json");
  put(target, "old");
  WriteCalls failing_fsync;
  failing_fsync.fsync = [](int) {
    errno = EIO;
    return -1;
  };
  auto error = write_file(target, "new", failing_fsync);
  REQUIRE(error);
  CHECK(error->message.starts_with("cannot write the file: Input/output error"));
  CHECK(read(target) == "old");
  CHECK(folder.entries() == 1);

  // A read-only file system refuses the rename.
  WriteCalls read_only;
  read_only.rename = [](const char*, const char*) {
    errno = EROFS;
    return -1;
  };
  error = write_file(target, "new", read_only);
  REQUIRE(error);
  CHECK(error->message.starts_with("cannot write the file: Read-only file system"));
  CHECK(read(target) == "old");
  CHECK(folder.entries() == 1);
}

TEST_CASE("cli files: a writer killed before the rename leaves the old file") {
  Folder folder("killed");
  const std::string target = folder.file("plan.plan");
  put(target, "old\n");
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The process dies after writing, before the file is renamed over the
    // target: what a kill -9 or a power cut at the worst moment does.
    WriteCalls killed;
    killed.fsync = [](int) {
      ::raise(SIGKILL);
      return 0;
    };
    (void)write_file(target, std::string(1 << 20, 'y'), killed);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK(read(target) == "old\n");
  // The temporary file stays (docs/reliability.md): ".plan.plan.XXXXXX".
  std::size_t temporary = 0;
  for (const auto& entry : fs::directory_iterator(folder.path))
    temporary += entry.path().filename().string().starts_with(".plan.plan.");
  CHECK(temporary == 1);
}

TEST_CASE("cli files: targets that are not regular files, folders, missing folders") {
  Folder folder("targets");
  auto error = write_file("/dev/full", "text");
  REQUIRE(error);
  CHECK(error->message == "cannot write the file: No space left on device");
  error = write_file(folder.path.string(), "text");
  REQUIRE(error);
  CHECK(error->message == "cannot write the file: it is a directory");
  error = write_file(folder.file("no-such/report.json"), "text");
  REQUIRE(error);
  CHECK(error->message == "cannot write the file: No such file or directory");
  // A symbolic link: the file it names is replaced, the link stays.
  put(folder.file("real.json"), "old");
  fs::create_symlink("real.json", folder.path / "link.json");
  REQUIRE_FALSE(write_file(folder.file("link.json"), "new"));
  CHECK(fs::is_symlink(folder.path / "link.json"));
  CHECK(read(folder.file("real.json")) == "new");
}

TEST_CASE("cli files: inputs over the limit are refused from their size, unread") {
  Folder folder("limits");
  const std::string small = folder.file("small.plan");
  put(small, "0123456789");
  auto read_result = mandate::cli::read_file(small, 10, "plans");
  REQUIRE(read_result.text);
  CHECK(*read_result.text == "0123456789");
  read_result = mandate::cli::read_file(small, 9, "plans");
  REQUIRE_FALSE(read_result.text);
  CHECK(read_result.error.code == mandate::Code::input_limit);
  CHECK(read_result.error.message ==
        "the file is 10 bytes; plans are limited to 9 bytes (docs/reliability.md)");
  // 5 GiB that take no disk: refused at once, nothing allocated.
  const std::string huge = folder.file("huge.plan");
  put(huge, "");
  fs::resize_file(huge, 5ull << 30);
  read_result = mandate::cli::read_file(huge, 256ull << 20, "plans");
  REQUIRE_FALSE(read_result.text);
  CHECK(read_result.error.code == mandate::Code::input_limit);
  read_result = mandate::cli::read_file(folder.path.string(), 100, "plans");
  REQUIRE_FALSE(read_result.text);
  CHECK(read_result.error.message == "cannot read the file: it is a directory");
  read_result = mandate::cli::read_file(folder.file("none.plan"), 100, "plans");
  REQUIRE_FALSE(read_result.text);
  CHECK(read_result.error.message == "cannot read the file: No such file or directory");
}

TEST_CASE("cli options: years, dates and thread counts") {
  const auto check = [](CLI::Validator validator, std::string text) { return validator(text); };
  CHECK(check(mandate::cli::year_value(), "2018").empty());
  CHECK(check(mandate::cli::year_value(), "2018abc") ==
        "'2018abc' is not a year: four digits (2018) are expected");
  CHECK_FALSE(check(mandate::cli::year_value(), "18").empty());
  CHECK_FALSE(check(mandate::cli::year_value(), "-2018").empty());
  CHECK(check(mandate::cli::date_value(), "2019-03-31").empty());
  CHECK(check(mandate::cli::date_value(), "2019-02-30") ==
        "'2019-02-30' does not exist: 2019-02 has 28 days");
  CHECK(check(mandate::cli::date_value(), "2019-3-31") ==
        "'2019-3-31' is not a date: YYYY-MM-DD is expected");
  for (const char* good : {"1", "2", "256"})
    CHECK(check(mandate::cli::threads_value(), good).empty());
  for (const char* bad : {"0", "-1", "abc", "4294967297", "99999999999", "100000", "257", "", " 4",
                          "4 ", "+4", "0x10", "1e3"})
    CHECK_MESSAGE(
        check(mandate::cli::threads_value(), bad).find("from 1 to 256") != std::string::npos, bad);
  // Control characters in a value are escaped in the message.
  CHECK(check(mandate::cli::year_value(), std::string("20\x1b[1m18")) ==
        "'20\\x1B[1m18' is not a year: four digits (2018) are expected");
}
