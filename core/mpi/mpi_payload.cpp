#include "mpi/mpi_payload.h"

#include <cstdlib>

#include "experiment/payload.h"
#include "mpi/mpi_args.h"
#include "mpi/mpi_protocol.h"

namespace plab::mpi {

void append_payloads(std::string& out, std::int64_t first, std::int64_t count, std::int64_t bytes) {
    if (count < 0) throw std::length_error("a negative count of payloads");
    out.reserve(out.size() + static_cast<std::size_t>(count * bytes));
    for (std::int64_t task = first; task < first + count; ++task)
        out += make_payload(task, bytes);
}

void corrupt_for_test(std::string& payloads, std::int64_t first, std::int64_t count,
                      std::int64_t bytes, std::int64_t corrupt_task) {
    if (bytes <= 0 || corrupt_task < first || corrupt_task >= first + count) return;
    const auto at = static_cast<std::size_t>((corrupt_task - first) * bytes + bytes / 2);
    if (at < payloads.size()) payloads[at] = static_cast<char>(payloads[at] ^ 0x5a);
}

std::int64_t corrupt_task_from_env() {
    const char* v = std::getenv(std::string(kEnvCorruptTask).c_str());
    return v == nullptr ? -1 : whole_integer<std::int64_t>(v).value_or(-1);
}

std::string payload_problem(std::int64_t task, std::string_view data, std::int64_t payload_bytes,
                            PayloadWay way) {
    const std::string which =
        std::string("the payload ") + (way == PayloadWay::Arrived ? "arrived " : "came back ");
    if (static_cast<std::int64_t>(data.size()) != payload_bytes) {
        return which + "with " + std::to_string(data.size()) + " bytes, not " +
               std::to_string(payload_bytes);
    }
    if (!payload_matches(task, data)) {
        return which + "altered (" + format_size(payload_bytes) +
               ", its bytes differ from the task's)";
    }
    return {};
}

}  // namespace plab::mpi
