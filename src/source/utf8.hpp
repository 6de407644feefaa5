// UTF-8 helpers: validation, decoding, name characters. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::detail {

inline constexpr std::size_t not_found = static_cast<std::size_t>(-1);

/// Byte offset of the first invalid UTF-8 sequence at or after `from`, or
/// not_found. Rejects overlong forms, surrogates and code points past
/// U+10FFFF; skips ASCII eight bytes at a time (facts and plans are mostly
/// ASCII punctuation and digits around short Chinese names).
[[nodiscard]] std::size_t find_invalid_utf8_from(std::string_view text, std::size_t from) noexcept;

/// The same from the start, or nullopt when the text is valid.
[[nodiscard]] std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept;

/// `text` with each byte of an invalid sequence, and each control character
/// but the tab, replaced by '?', so that it can be shown under a caret; byte
/// offsets are unchanged.
[[nodiscard]] std::string printable_utf8(std::string_view text);

/// `text` as a message may quote it: control characters escaped (a NUL as
/// \0, a tab as \t, a line break as \n, others as \xNN) and so is each byte
/// of an invalid UTF-8 sequence (\xC9), so that a message never carries a
/// raw NUL, a terminal escape or invalid UTF-8. Valid characters are kept.
[[nodiscard]] std::string escape_for_message(std::string_view text);

/// The likely encoding of a text that is not UTF-8 (it has an invalid
/// sequence or a NUL): "UTF-16" (a byte order mark, or a NUL in many
/// places), "GBK" (its non-ASCII bytes pair as GBK's lead and trail bytes,
/// as in a file saved by a Chinese Windows), or nothing when it looks like
/// neither. Reads the first 64 KiB.
[[nodiscard]] std::optional<std::string_view> guess_encoding(std::string_view text) noexcept;

/// The message for a file in `encoding`: "the file is not UTF-8: it looks
/// like GBK; convert it: iconv -f GBK -t UTF-8 'a.csv' > 'a.utf8.csv'".
[[nodiscard]] std::string convert_hint(std::string_view encoding, std::string_view path);

/// Decodes the code point at `it` (valid UTF-8 assumed) and advances `it`.
[[nodiscard]] char32_t decode_utf8(const char*& it, const char* end) noexcept;

/// Number of code points in valid UTF-8 text.
[[nodiscard]] std::size_t count_code_points(std::string_view text) noexcept;

/// East Asian wide characters take two terminal cells: a caret or a line
/// width must count them twice.
[[nodiscard]] bool is_wide(char32_t c) noexcept;
/// Terminal cells `text` (valid UTF-8) takes.
[[nodiscard]] std::size_t display_width(std::string_view text) noexcept;

/// Names start with an ASCII letter, '_' or a non-ASCII character that is not
/// a separator (ideographic space, full-width comma/colon/semicolon, 。, —).
[[nodiscard]] bool is_name_start(char32_t c) noexcept;
[[nodiscard]] bool is_name_continue(char32_t c) noexcept;

/// End of the word that starts at `first` (== first when none starts there).
[[nodiscard]] const char* scan_word(const char* first, const char* last) noexcept;
/// End of the run of name-continue characters at `first`.
[[nodiscard]] const char* scan_word_continue(const char* first, const char* last) noexcept;

}  // namespace mandate::detail
