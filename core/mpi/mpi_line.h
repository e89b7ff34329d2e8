// The lines rank 0 writes on its standard output (mpirun forwards them to the engine): strict,
// tab-separated, marked "@plab-mpi", times in integer nanoseconds on rank 0's clock
// (docs/plans/issue-13-mpi.md section 6; the names in mpi/mpi_protocol.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plab::mpi {

/// One line of rank 0's output, parsed. Which fields mean something depends on kind.
struct MpiLine {
    enum class Kind {
        Hello,
        Rank,
        Clock,
        Begin,
        Give,
        Start,
        End,
        List,
        Elapsed,
        Lost,
        SerialStart,
        SerialEnd
    };
    Kind kind = Kind::Hello;
    int np = 0;                  ///< Hello: ranks in the job
    int rank = 0;                ///< Rank, Give, Start, End; Clock: the host's representative
    int pid = 0;                 ///< Hello (rank 0's), Rank
    std::string host;            ///< Hello, Rank, Clock
    std::int64_t offset_ns = 0;  ///< Clock
    std::int64_t delay_ns = 0;   ///< Clock: the smallest round trip
    int samples = 0;             ///< Clock
    int task = 0;                ///< Start, End, Lost
    int first = 0;               ///< Give: the first task of the chunk or block
    int count = 0;               ///< Give: how many tasks (0 for an empty block)
    std::int64_t t_ns = 0;       ///< Begin, Start, SerialStart; End, SerialEnd: the start
    std::int64_t end_ns = 0;     ///< End, SerialEnd
    bool ok = false;             ///< End: a value (text is its repr) or an error (text says it)
    std::string text;            ///< End, Lost (unescaped); List: the list as Python prints it
    double elapsed_s = 0;        ///< Elapsed
};

/// The line parsed (a trailing '\r' is dropped), or nullopt with *error saying what is wrong.
/// Strict: the prefix, a known kind, every field present and in range, nothing more: ranks
/// 0..np-1, hello np equal to np, tasks 0..tasks-1, a chunk inside the tasks, host names
/// non-empty, times >= 0 and an end not before its start, no end more than kMaxSpanNs after
/// its start, an elapsed of at most kMaxSpanNs. Never throws.
/// The longest time a rank 0 line may span (about 11.6 days, as the pool's kMaxElapsedNs):
/// longer is a protocol error, so no later sum or conversion overflows.
inline constexpr std::int64_t kMaxSpanNs = std::int64_t{1'000'000'000'000'000};

std::optional<MpiLine> parse_mpi_line(std::string_view line, int tasks, int np, std::string* error);

}  // namespace plab::mpi
