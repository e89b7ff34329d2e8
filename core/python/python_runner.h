// Runs a py_ strategy: the article's script for it in a real python3 process, its task events
// read from the script's standard output into the same RunResult as our pool's.
#pragma once

#include "experiment/cancel_token.h"
#include "experiment/run_result.h"

namespace plab::python {

/// What the lab says when a Python pool lost a worker with a task in it and would wait for the
/// result for ever (Python's Pool does not notice): the run is ended with this in its error.
inline constexpr const char* kPoolWouldWait =
    "Python's Pool would wait forever for its result (it does not notice a dead worker): "
    "the lab ended the run";

/// run_experiment for spec.strategy a py_ strategy (runs_python): spawns spec.python on the
/// strategy's script with the experiment in the environment, and reads its events. Elapsed is
/// what the script prints (measured in Python, as the article does). Python's own error for a
/// refused closure or a missing python3-multiprocess is the refusal; a worker that dies with a
/// task or a task past spec.task_timeout_ns ends the run (RunResult::error); a cancel ends the
/// python process group within 100 ms. Nothing is left running when it returns. Throws
/// std::system_error when the interpreter cannot be started.
RunResult run_python_experiment(const ExperimentSpec& spec, RunId id, RunObserver* observer,
                                CancelToken* cancel);

}  // namespace plab::python
