// Reading UTF-8 one character at a time, strictly (as Python's decoder does): shared by the
// value printer (repr) and the JSON writer, which must never pass an invalid byte through.
#pragma once

#include <cstddef>
#include <string_view>

namespace plab::utf8 {

/// One step of decoding text at byte at. Returns the number of bytes of the
/// well-formed character starting there (1..4) and sets *code_point; returns 0 when the byte at
/// `at` does not start a well-formed character (a stray continuation byte, an overlong form, a
/// surrogate, a code point above U+10FFFF or a truncated sequence): the caller then treats that
/// one byte on its own and goes on at at + 1, which is how a strict decoder with a per-byte error
/// handler (Python's surrogateescape) reads it too. Returns 0 as well when at is past the end.
inline std::size_t next(std::string_view text, std::size_t at, char32_t* code_point) {
    if (at >= text.size()) return 0;
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char b0 = byte(at);
    if (b0 < 0x80) {
        *code_point = b0;
        return 1;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        lo = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        hi = b0 == 0xED ? 0x9F : 0xBF;  // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        lo = b0 == 0xF0 ? 0x90 : 0x80;  // no overlong forms
        hi = b0 == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (text.size() - at < len) return 0;
    const unsigned char b1 = byte(at + 1);
    if (b1 < lo || b1 > hi) return 0;
    char32_t cp = b0 & (0x7F >> len);
    for (std::size_t i = 1; i < len; ++i) {
        const unsigned char b = byte(at + i);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    *code_point = cp;
    return len;
}

}  // namespace plab::utf8
