#include "pool/codec.h"

#include <algorithm>
#include <cstring>

namespace plab {

void ByteWriter::str(std::string_view s) {
    if (s.size() > UINT32_MAX) throw std::length_error("string longer than 4 GiB");
    // Room for the data and what usually follows it (more fields, the next value), growing
    // geometrically: appending 16 MiB left the buffer full, and the next byte copied it all.
    constexpr std::size_t kSlack = 4096;
    const std::size_t need = out_.size() + 4 + s.size() + kSlack;
    if (s.size() >= kSlack && out_.capacity() < need)
        out_.reserve(std::max(need, 2 * out_.capacity()));
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s.data(), s.size());
}

void ByteReader::truncated(std::size_t needed) const {
    throw DecodeError("truncated input: needed " + std::to_string(needed) + " bytes, " +
                      std::to_string(remaining()) + " left");
}

std::uint32_t ByteReader::length_of_str() {
    const std::uint32_t n = u32();
    if (remaining() < n) {
        throw DecodeError("string claims " + std::to_string(n) + " bytes, " +
                          std::to_string(remaining()) + " left");
    }
    return n;
}

std::string ByteReader::str() {
    const std::uint32_t n = length_of_str();
    std::string s(p_, n);
    p_ += n;
    return s;
}

Value ByteReader::bytes() {
    const std::uint32_t n = length_of_str();
    const std::string_view data(p_, n);
    p_ += n;
    if (owner_ && n >= kShareBytes) return Value::bytes_in(owner_, data);
    return Value::bytes(std::string(data));
}

void encode_value(const Value& v, ByteWriter& w) {
    w.u8(static_cast<std::uint8_t>(v.kind()));
    switch (v.kind()) {
        case Value::Kind::None:
            return;
        case Value::Kind::Int:
            w.i64(v.as_int());
            return;
        case Value::Kind::Float:
            w.f64(v.as_double());
            return;
        case Value::Kind::Str:
            w.str(v.as_str());
            return;
        case Value::Kind::Bytes:  // a length and one copy of the data: no work per byte
            w.str(v.as_bytes());
            return;
        case Value::Kind::List:
        case Value::Kind::Tuple:
            w.u32(static_cast<std::uint32_t>(v.items().size()));
            for (const Value& item : v.items())
                encode_value(item, w);
            return;
    }
}

namespace {

Value decode_at(ByteReader& r, int depth) {
    const std::uint8_t kind = r.u8();
    switch (static_cast<Value::Kind>(kind)) {
        case Value::Kind::None:
            return {};
        case Value::Kind::Int:
            return Value(r.i64());
        case Value::Kind::Float:
            return Value(r.f64());
        case Value::Kind::Str:
            return Value(r.str());
        case Value::Kind::Bytes:
            return r.bytes();  // in place when big and the reader's memory allows it
        case Value::Kind::List:
        case Value::Kind::Tuple: {
            if (depth >= kMaxValueDepth) {
                throw DecodeError("values nested deeper than " + std::to_string(kMaxValueDepth));
            }
            const std::uint32_t n = r.u32();
            // Every item takes at least one byte: a count above what is left is a lie.
            if (n > r.remaining()) {
                throw DecodeError("sequence claims " + std::to_string(n) + " items, " +
                                  std::to_string(r.remaining()) + " bytes left");
            }
            std::vector<Value> items;
            items.reserve(n);
            for (std::uint32_t i = 0; i < n; ++i)
                items.push_back(decode_at(r, depth + 1));
            if (static_cast<Value::Kind>(kind) == Value::Kind::List)
                return Value(List{std::move(items)});
            return Value(Tuple{std::move(items)});
        }
    }
    throw DecodeError("unknown value kind " + std::to_string(kind));
}

}  // namespace

Value decode_value(ByteReader& r) {
    return decode_at(r, 0);
}

std::string encode(const Value& v) {
    std::string out;
    ByteWriter w(out);
    encode_value(v, w);
    return out;
}

Value decode(std::string_view bytes) {
    ByteReader r(bytes);
    Value v = decode_value(r);
    if (!r.done()) throw DecodeError(std::to_string(r.remaining()) + " bytes after the value");
    return v;
}

}  // namespace plab
