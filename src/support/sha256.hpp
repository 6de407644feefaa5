// SHA-256 (FIPS 180-4), for the digests of plans and facts in reports: a
// report names what it was made of, and `sha256sum plan` gives the same.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mandate::detail {

class Sha256 {
 public:
  Sha256() noexcept;
  void update(std::string_view bytes) noexcept;
  /// The digest as 64 lowercase hex digits; the object is spent after it.
  [[nodiscard]] std::string hex() noexcept;

 private:
  void block(const unsigned char* p) noexcept;
  std::array<std::uint32_t, 8> state_{};
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes
};

}  // namespace mandate::detail
