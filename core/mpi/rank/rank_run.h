// The two strategies' master/worker protocols (docs/plans/issue-13-mpi.md, section 5) and what
// both share on rank 0.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "mpi/rank/rank_io.h"
#include "mpi/rank/rank_task.h"

namespace plab::mpi::rank {

/// mpi_map: rank 0 hands out Pool.map's chunks to worker ranks as they ask (a result asks for
/// more) and writes give/start/end lines, then list and elapsed; a worker runs chunks until
/// STOP. out is rank 0's writer (nullptr on the others).
void run_map(const Rank& self, LineWriter* out);

/// mpi_scatter: MPI_Iscatterv of the inputs in blocks (rank 0 gets none), each worker runs its
/// block reporting every task, MPI_Igatherv of the values and ok flags; rank 0 writes the
/// lines as run_map does.
void run_scatter(const Rank& self, LineWriter* out);

/// Rank 0's guess, from the planned durations, of when each worker next sends something, so
/// that rank 0 sleeps until shortly before then instead of polling all along (rank 0's clock
/// is its local clock: its offset is 0). A guess only: a message that comes earlier is seen
/// within 50 ms, one that comes later at the usual pace (wait_quietly).
class Expected {
  public:
    Expected(const RankArgs& args, int ranks);
    /// Worker w sends next at about t_ns.
    void at(int w, std::int64_t t_ns);
    /// Worker w sends next when task x, started at start_ns, ends.
    void after(int w, std::int64_t x, std::int64_t start_ns);
    /// Worker w, given tasks first..first+count-1 at t_ns, sends next: at once when the run
    /// reports starts, else when they all ended.
    void given(int w, std::int64_t first, std::int64_t count, std::int64_t t_ns);
    /// Worker w sends nothing more.
    void never(int w);
    /// 1 ms before the earliest guess: what probe_quietly takes.
    std::int64_t quiet_until() const;

  private:
    std::int64_t planned(std::int64_t x) const;
    const ExperimentSpec& spec_;
    bool starts_;
    std::vector<std::int64_t> due_;  ///< by rank; INT64_MAX: nothing expected
};

/// Rank 0: the next message from any worker (probed, not received). Writes the lines gathered
/// so far only when none is waiting already or they are overdue (1 ms, 64 KiB): the engine sees
/// every event before rank 0 waits and within about 1 ms, and a burst of tiny tasks costs one
/// write for many lines.
MPI_Status next_message(LineWriter& out, const Expected& expected);

/// Rank 0: the end line of one record from rank `from`; checks the task is 0..tasks-1
/// (else aborts the job) and keeps its value (None when it failed) in values.
void write_end(LineWriter& out, int from, const TaskRecord& r, std::vector<Value>& values);

/// Rank 0: the start line of a START message just probed from `from` (receives it); returns
/// its task and time.
std::array<std::int64_t, 2> relay_start(LineWriter& out, int from, int tasks);

/// Rank 0: the list and elapsed lines, elapsed being end_ns - begin_ns.
void write_results(LineWriter& out, const std::vector<Value>& values, std::int64_t begin_ns,
                   std::int64_t end_ns);

/// Rank 0, right after begin: the serial part (args.serial_ns of the spec's workload) alone,
/// between a serial_start and a serial_end line, before any task is given out. Nothing when
/// serial_ns is 0. The workers meanwhile wait quietly for their first message.
void serial_part(const Rank& self, LineWriter& out);

/// A worker: the START message of task x at t_ns, when the run reports starts.
void send_start(const Rank& self, std::int64_t x, std::int64_t t_ns);

/// Rank 0: ends the job over a message whose tag it did not expect. Never returns.
[[noreturn]] void unexpected(const MPI_Status& status);

/// Receives the message probed as status (MPI_BYTE) into bytes; aborts above 2 GiB.
void receive_bytes(const MPI_Status& status, std::string& bytes);

}  // namespace plab::mpi::rank
