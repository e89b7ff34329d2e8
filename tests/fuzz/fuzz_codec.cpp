// libFuzzer target: the value decoder must reject any byte string cleanly (DecodeError), and
// whatever it accepts must encode back to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pool/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const plab::Value v = plab::decode(bytes);
        if (plab::encode(v) != bytes) std::abort();
        (void)v.repr();
    } catch (const plab::DecodeError&) {
    }
    return 0;
}
