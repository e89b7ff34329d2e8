// How busy a run's workers were: the run's utilisation and its busy workers over time (GHC
// ThreadScope's activity graph). Plain C++, tested by feeding SweepData.
#pragma once

#include <vector>

#include "sweep_data.h"

namespace plab::ui {

/// The workers a run had at a time: 1 for the serial loop, spec.workers otherwise (a
/// replacement for a dead worker takes its slot, it does not add one).
int run_workers(const RunRecord& run);

/// Seconds the run's tasks were running, summed over its bars, each cut at until_s (running
/// tasks count up to until_s). 0 when the run's bars were dropped.
double busy_seconds(const RunRecord& run, double until_s);

/// busy time / (workers x elapsed), between 0 and 1 (e.g. 0.98 for a pool kept busy). 0 when
/// elapsed_s <= 0 or the run kept no bars.
double utilisation(const RunRecord& run, double elapsed_s);

/// The mean number of busy workers in each of columns equal slices of [t0_s, t1_s], running
/// tasks counted up to live_s. Empty when columns < 1 or t1_s <= t0_s. Costs one pass over
/// the bars plus the columns each bar covers.
std::vector<double> busy_profile(const RunRecord& run, double t0_s, double t1_s, int columns,
                                 double live_s);

}  // namespace plab::ui
