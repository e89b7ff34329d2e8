// libFuzzer target: the value decoder must reject any byte string cleanly (DecodeError), and
// whatever it accepts must encode back to the same bytes, also when big bytes are decoded in place
// (a reader with an owner, as the pool's frame reader is).
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "pool/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const plab::Value v = plab::decode(bytes);
        if (plab::encode(v) != bytes) std::abort();
        (void)v.repr();
        const auto owner = std::make_shared<int>(0);  // the data outlives the values here
        plab::ByteReader r(bytes, owner);
        const plab::Value in_place = plab::decode_value(r);
        if (!r.done() || plab::encode(in_place) != bytes) std::abort();  // not ==: nan != nan
    } catch (const plab::DecodeError&) {
    }
    return 0;
}
