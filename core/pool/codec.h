// The binary codec that carries arguments and results between the parent and its workers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pool/value.h"

namespace plab {

/// Thrown by ByteReader and decode_value on input that is truncated, malformed, too deep or
/// claims more bytes than it holds. The decoder never allocates more than the input's size.
class DecodeError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Appends fixed-width little-endian fields to a byte string. Never fails but on allocation.
class ByteWriter {
  public:
    explicit ByteWriter(std::string& out) : out_(out) {}
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) { raw(&v, sizeof v); }
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void i64(std::int64_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    /// A u32 length followed by the bytes; throws std::length_error above 4 GiB.
    void str(std::string_view s);
    std::string& buffer() { return out_; }

  private:
    void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
    std::string& out_;
};

/// Bytes values at least this long are decoded in place (Value::bytes_in) when the reader has
/// an owner; shorter ones are copied (a copy is cheaper than keeping a whole frame alive).
inline constexpr std::size_t kShareBytes = std::size_t{64} << 10;

/// Reads what ByteWriter wrote; every read checks the bounds and throws DecodeError past them.
class ByteReader {
  public:
    ByteReader(const char* data, std::size_t size) : p_(data), end_(data + size) {}
    explicit ByteReader(std::string_view s) : ByteReader(s.data(), s.size()) {}
    /// Reads s, which lies in memory that owner keeps alive and that nobody changes while a
    /// Value made by bytes() shares it (see Value::bytes_in).
    ByteReader(std::string_view s, std::shared_ptr<const void> owner)
        : p_(s.data()), end_(s.data() + s.size()), owner_(std::move(owner)) {}
    std::uint8_t u8() { return fixed<std::uint8_t>(); }
    std::uint32_t u32() { return fixed<std::uint32_t>(); }
    std::uint64_t u64() { return fixed<std::uint64_t>(); }
    std::int64_t i64() { return fixed<std::int64_t>(); }
    double f64() { return fixed<double>(); }
    std::string str();
    /// What str() reads, as a bytes Value: shared in place when kShareBytes or more and the
    /// reader has an owner, a copy otherwise.
    Value bytes();
    std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }
    bool done() const { return p_ == end_; }

  private:
    template <class T>
    T fixed() {
        T v{};
        raw(&v, sizeof v);
        return v;
    }
    void raw(void* out, std::size_t n) {
        if (remaining() < n) truncated(n);
        std::memcpy(out, p_, n);
        p_ += n;
    }
    [[noreturn]] void truncated(std::size_t needed) const;
    std::uint32_t length_of_str();
    const char* p_;
    const char* end_;
    std::shared_ptr<const void> owner_;
};

/// The deepest nesting of lists and tuples that decode_value accepts.
inline constexpr int kMaxValueDepth = 64;

/// Appends v's encoding: a kind byte, then the payload.
void encode_value(const Value& v, ByteWriter& w);
/// Reads one value; throws DecodeError on bad input (unknown kind, truncation, depth > 64).
Value decode_value(ByteReader& r);

/// Convenience: the whole encoding of one value, and back (trailing bytes are an error).
std::string encode(const Value& v);
Value decode(std::string_view bytes);

}  // namespace plab
