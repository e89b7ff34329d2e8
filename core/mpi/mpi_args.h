// The rank mode's command line (mpi_protocol.h): an ExperimentSpec as key=value arguments after
// "--plab-mpi-rank <version>", and back. The engine writes them into mpirun's argv; every rank
// reads them.
#pragma once

#include <charconv>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "experiment/spec.h"

namespace plab::mpi {

/// What a rank runs: the experiment, and whether workers report each task's start.
struct RankArgs {
    ExperimentSpec spec;
    bool starts = true;  ///< workers send a start message per task (the live timeline)
    /// Nanoseconds rank 0 works alone (the spec's workload) before it gives out any task: the
    /// serial part (experiment/serial_part.h); spec.delay_ns is then already the parallel part's.
    std::int64_t serial_ns = 0;

    bool operator==(const RankArgs&) const = default;
};

/// text read whole as an integer T: nullopt when empty, not a number, out of T's range, or
/// followed by anything.
template <class T>
std::optional<T> whole_integer(std::string_view text) {
    T v{};
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
    return v;
}

/// kRankFlag, the protocol version, then one key=value per key of mpi_protocol.h, for
/// spec's fields that ranks use (the others keep their defaults on the rank's side).
std::vector<std::string> rank_command(const RankArgs& args);

/// Reads what rank_command wrote (argv without the program's name): the flag, the version,
/// each key exactly once in any order. nullopt with one line in *error for another version,
/// a missing, repeated or unknown key, a value that is not a number or name, or a spec that
/// validate() refuses or that is not an mpi_ strategy. Never throws but on allocation.
std::optional<RankArgs> parse_rank_command(std::span<const std::string_view> argv,
                                           std::string* error = nullptr);

}  // namespace plab::mpi
