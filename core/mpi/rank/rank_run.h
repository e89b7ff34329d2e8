// The two strategies' master/worker protocols (docs/plans/issue-13-mpi.md, section 5) and what
// both share on rank 0.
#pragma once

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

/// Rank 0: the end line of one record from rank `from`; checks the task is 0..tasks-1
/// (else aborts the job) and keeps its value (None when it failed) in values.
void write_end(LineWriter& out, int from, const TaskRecord& r, std::vector<Value>& values);

/// Rank 0: the start line of a START message just probed from `from` (receives it).
void relay_start(LineWriter& out, int from, int tasks);

/// Rank 0: the list and elapsed lines, elapsed being end_ns - begin_ns.
void write_results(LineWriter& out, const std::vector<Value>& values, std::int64_t begin_ns,
                   std::int64_t end_ns);

/// A worker: the START message of task x at t_ns, when the run reports starts.
void send_start(const Rank& self, std::int64_t x, std::int64_t t_ns);

/// Receives the message probed as status (MPI_BYTE) into bytes; aborts above 2 GiB.
void receive_bytes(const MPI_Status& status, std::string& bytes);

}  // namespace plab::mpi::rank
