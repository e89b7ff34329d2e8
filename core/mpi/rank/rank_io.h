// What every part of a rank shares: its clock, quiet waits on MPI, and rank 0's line writer.
// Only the rank module (parallel-lab-mpi.so) includes this: it needs <mpi.h>.
#pragma once

#include <mpi.h>

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "mpi/mpi_args.h"

namespace plab::mpi::rank {

/// This rank's CLOCK_MONOTONIC plus PLAB_MPI_CLOCK_SKEW_NS (a test hook; 0 when unset or not
/// an integer). Read the variable once, before the first call (read_clock_skew does).
std::int64_t local_ns();
/// Reads PLAB_MPI_CLOCK_SKEW_NS for local_ns; call once at start, before any thread exists.
void read_clock_skew();

/// Waits until done() is true without burning a core. Until quiet_until_ns (local_ns; 0: no
/// such time), when the caller expects nothing, it sleeps in slices of 50 ms; then it calls
/// done() back to back for 50 us (a message about to come is seen at once), then sleeps
/// between calls, 50 us doubling to 1 ms; after 50 ms of that on to 10 ms, after 1 s to 50 ms
/// (a long wait costs 20 wake-ups a second). done() must call an MPI test function (MPI_Test,
/// MPI_Iprobe...): Open MPI makes progress only inside MPI calls, so each call both drives and
/// checks the transfer.
/// max_pause_ns (0: none) caps every sleep: a wait for data on the move (a payload) passes
/// kDataPauseNs, since without a single-copy path (CMA) or over TCP a large message moves only
/// a few fragments per MPI call, and long sleeps between calls would stretch 16 MiB to seconds.
/// Invariant: nothing else in the rank waits; every blocking MPI call would busy-poll instead.
template <class Done>
void wait_quietly(Done done, std::int64_t quiet_until_ns = 0, std::int64_t max_pause_ns = 0);

/// The sleep cap of a wait for payload bytes: 100 us (10,000 MPI calls a second at most).
inline constexpr std::int64_t kDataPauseNs = 100'000;

/// Completes req through wait_quietly; aborts the job on an MPI error (MPI_ERRORS_ARE_FATAL
/// already does). status may be MPI_STATUS_IGNORE. data: the request moves payload bytes
/// (sleeps capped at kDataPauseNs).
void wait_request(MPI_Request& req, MPI_Status* status = MPI_STATUS_IGNORE, bool data = false);

/// MPI_Isend of size bytes then wait_request: a send of any size that never spins.
void send_quietly(const void* data, int size, MPI_Datatype type, int to, int tag,
                  bool moves_data = false);

/// Waits quietly for the next message from source (MPI_ANY_SOURCE: any) with any tag and
/// returns its status (MPI_SOURCE, MPI_TAG; MPI_Get_count gives its size). The message stays
/// queued: receive it with MPI_Recv, which then completes at once. quiet_until_ns as in
/// wait_quietly.
MPI_Status probe_quietly(int source, std::int64_t quiet_until_ns = 0);

/// Rank 0's standard output: lines kLinePrefix<TAB>kind<TAB>fields..., gathered in memory and
/// written by flush() with as few write(2) calls as possible. A failed write (the engine is
/// gone) aborts the job: nobody would read the results.
class LineWriter {
  public:
    /// Starts a line of this kind; add fields, then end().
    LineWriter& line(std::string_view kind);
    LineWriter& field(std::string_view text);  ///< as it is (numbers, names we made)
    LineWriter& text(std::string_view text);   ///< escaped (host names, repr, errors)
    LineWriter& field(std::int64_t n);
    void end() { buffer_.push_back('\n'); }
    /// Writes what is gathered; call before every wait, so the engine sees events live.
    void flush();
    /// Lines have waited 1 ms or more, or fill 64 KiB: write them even if no wait comes.
    bool overdue() const;

  private:
    std::string buffer_;
    std::int64_t since_ns_ = 0;  ///< when the oldest unwritten line began
};

/// Ends the whole job from any rank: one line on stderr ("parallel-lab rank N: why"), then
/// MPI_Abort with status 1. Never returns.
[[noreturn]] void abort_job(const std::string& why);

/// What a rank knows about its run: its place in the job and its clock's offset.
struct Rank {
    int rank = 0;
    int size = 1;
    RankArgs args;
    /// This rank's host clock minus rank 0's (clock sync); now() subtracts it.
    std::int64_t offset_ns = 0;
    /// A time on rank 0's clock.
    std::int64_t now() const { return local_ns() - offset_ns; }
};

template <class Done>
void wait_quietly(Done done, std::int64_t quiet_until_ns, std::int64_t max_pause_ns) {
    for (std::int64_t now = local_ns(); now < quiet_until_ns; now = local_ns()) {
        if (done()) return;
        const std::int64_t pause = std::min<std::int64_t>(quiet_until_ns - now, 50'000'000);
        timespec ts{0, static_cast<long>(pause)};
        ::nanosleep(&ts, nullptr);
    }
    const std::int64_t start = local_ns();
    while (local_ns() < start + 50'000) {
        if (done()) return;
    }
    long pause_ns = 50'000;
    while (!done()) {
        timespec ts{0, pause_ns};
        ::nanosleep(&ts, nullptr);
        const std::int64_t waited = local_ns() - start;
        const long cap = waited < 50'000'000      ? 1'000'000
                         : waited < 1'000'000'000 ? 10'000'000
                                                  : 50'000'000;
        pause_ns =
            std::min(pause_ns * 2, max_pause_ns > 0 ? std::min<long>(cap, max_pause_ns) : cap);
    }
}

}  // namespace plab::mpi::rank
