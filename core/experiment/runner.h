// Runs one experiment with its strategy: ExperimentSpec -> RunResult.
#pragma once

#include "experiment/cancel_token.h"
#include "experiment/run_result.h"

namespace plab {

/// Runs spec once and measures it as the article does: from asking for the pool to having
/// torn it down. Task failures, the map_closure refusal, cancellation and the run's own failure
/// (thread_map's threads could not be made, recording events failed: RunResult::error) are
/// reported in the result, never thrown. Throws std::invalid_argument when validate(spec) is
/// not empty, and std::system_error when the machine cannot start worker processes.
/// observer and cancel may be null.
RunResult run_experiment(const ExperimentSpec& spec, RunId id = {}, RunObserver* observer = nullptr,
                         CancelToken* cancel = nullptr);

}  // namespace plab
