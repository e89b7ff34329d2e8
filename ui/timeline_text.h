// What the timeline writes: lane labels, run headers and a bar's hover text, worded alike so
// a lane labelled "thread 1" is never called "Worker 1" in its tooltip.
#pragma once

#include <QString>

#include "sweep_data.h"

namespace plab::ui {

/// "worker 1 · pid 4242", "thread 2 · pid 4242", "serial loop · pid 4242", and for an MPI
/// rank "node7 · rank 2" ("host 1 · rank 2" before its host is named): what the lane's label
/// and its bars' tooltips say.
QString lane_label(const RunRecord& run, const Lane& lane);

/// The run's header: its title, what went wrong ("1 crashed", "4 cancelled"), utilisation.
QString block_title(const RunRecord& run, double live_s);

/// The hover text of bar (an index into run.bars, not checked) of a run that has reached
/// live_s: task, lane (as its label says), start, duration, and its result or what ended it.
QString bar_tooltip(const RunRecord& run, int bar, double live_s);

}  // namespace plab::ui
