// libFuzzer target: the frames a worker or the parent reads (Tasks, Results and Batch payloads) are
// decoded with bounds checks only; any input ends in a value or a DecodeError.
#include <cstdint>
#include <string_view>

#include "pool/wire.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view payload(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        plab::ByteReader r(payload);
        switch (data[0] % 3) {
            case 0:
                (void)plab::wire::read_tasks(r);
                break;
            case 1:
                (void)plab::wire::read_results(r);
                break;
            default:
                (void)plab::wire::read_batch(r);
                break;
        }
    } catch (const plab::DecodeError&) {
    }
    return 0;
}
