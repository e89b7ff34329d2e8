// libFuzzer target: the frames a worker or the parent reads (Tasks, Results and Batch payloads) are
// decoded with bounds checks only; any input ends in a value or a DecodeError. The times a
// decoded frame carries go through what the parent computes from them (elapsed_ns, and the
// pool's moving average), so that UBSan sees any overflow a garbled frame could cause.
#include <cstdint>
#include <string_view>

#include "pool/wire.h"

namespace {

// The pool's moving average of task times (ProcessPool::Impl::handle_frame, handle_batch).
std::int64_t g_average = 1'000'000'000;

void record(std::int64_t start_ns, std::int64_t end_ns, std::size_t count) {
    const std::int64_t per_task =
        plab::wire::elapsed_ns(start_ns, end_ns) / static_cast<std::int64_t>(count);
    g_average = (7 * g_average + per_task) / 8;
}

}  // namespace

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
                for (const plab::wire::ResultRecord& rec : plab::wire::read_results(r))
                    record(rec.start_ns, rec.end_ns, 1);
                break;
            default: {
                const plab::wire::BatchRecord b = plab::wire::read_batch(r);
                record(b.start_ns, b.end_ns, b.values.size());
                break;
            }
        }
    } catch (const plab::DecodeError&) {
    }
    return 0;
}
