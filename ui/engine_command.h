// The command line that runs one sweep in the engine process (`parallel-lab sweep ...`).
#pragma once

#include <QString>
#include <QStringList>

#include "experiment/sweep.h"

namespace plab::ui {

/// How long the engine holds a run's task lines (`--pace`): runs shorter than this are timed
/// with no event work at all in the engine or the window; longer ones stream live after it.
inline constexpr int kPaceMs = 250;

/// Arguments for `parallel-lab` to run leg and stream its events on stdout, paced for the
/// window (`--pace kPaceMs`: the engine waits for a line on its stdin after each run), writing
/// the runs and tasks CSV files to the paths given (empty: not written). leg should have passed
/// plab::validate; the engine refuses anything else with exit code 2.
QStringList engine_arguments(const SweepSpec& leg, const QString& runs_csv,
                             const QString& tasks_csv);

}  // namespace plab::ui
