// libFuzzer target: the command line's value parsers (durations, worker lists, strategy lists,
// chunk sizes) and the event-stream line parser never throw or crash, what they accept is
// within the documented limits, a refusal says why, and the event stream's text escape
// round-trips.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cli/args.h"
#include "experiment/event_stream.h"
#include "experiment/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (const auto d = plab::cli::parse_duration(text, &error)) {
        if (*d < 0 || *d > plab::kMaxDelayNs) std::abort();
    } else if (error.empty()) {
        std::abort();  // a refusal must say why
    }
    if (const auto w = plab::cli::parse_worker_list(text, &error)) {
        for (int n : *w) {
            if (n < 1 || n > plab::kMaxWorkers) std::abort();
        }
    }
    (void)plab::cli::parse_strategy_list(text, &error);
    if (const auto c = plab::cli::parse_chunksize(text, 100, &error)) {
        if (*c < 0 || *c > 100) std::abort();
    }
    error.clear();
    if (!plab::events::parse(text, &error) && error.empty()) std::abort();  // says why
    // The escape that puts result texts into event lines round-trips every byte string.
    if (plab::events::unescape(plab::events::escape(text)) != text) std::abort();
    error.clear();
    if (const auto f = plab::cli::parse_serial_fraction(text, &error)) {
        if (!(*f >= 0 && *f < 1)) std::abort();  // --serial-fraction: 0 <= F < 1, never NaN
    } else if (error.empty()) {
        std::abort();
    }
    return 0;
}
