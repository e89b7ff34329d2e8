// Runs an mpi_ strategy: mpirun starts this program's rank mode on spec.workers + 1 ranks, and
// rank 0's lines become the same RunResult our pool makes (docs/plans/issue-13-mpi.md).
#pragma once

#include "experiment/cancel_token.h"
#include "experiment/run_result.h"

namespace plab::mpi {

/// run_experiment for spec.strategy an mpi_ strategy (runs_mpi). Refuses (RunResult::refusal,
/// one line) what the ranks cannot do yet (a payload, a serial part), a machine without Open
/// MPI or its launcher, and bad hosts. Elapsed is rank 0's (from the first work handed out to
/// the last result); launch_s the engine's time from spawning mpirun to rank 0's begin; note
/// says when the ranks were oversubscribed. A dead rank ends the whole job (Open MPI's rule):
/// RunResult::error names the rank, its host, pid and signal; its unended tasks fail. A task
/// past spec.task_timeout_ns, or a cancel, ends the whole job within about half a second.
/// Nothing this run started is left running, or unreaped, on this machine when it returns.
/// Throws std::system_error when mpirun cannot be started.
RunResult run_mpi_experiment(const ExperimentSpec& spec, RunId id, RunObserver* observer,
                             CancelToken* cancel);

}  // namespace plab::mpi
