// How far an experiment has got and how long it still needs, for the progress bar.
#pragma once

#include "sweep_data.h"

namespace plab::ui {

struct Progress {
    long long done_tasks = 0;   ///< finished, failed, or accounted for by an ended run
    long long total_tasks = 0;  ///< over every planned run of every leg
    double seconds_left = -1;   ///< < 0 while there is nothing to estimate from
};

/// Estimates progress at window time now_s for an experiment that started at started_s.
/// Time left follows the ideal times of the runs still to come, scaled by how far the
/// finished runs were from their ideal; for runs with next to no ideal time (tiny tasks) it
/// follows the task rate so far.
Progress estimate_progress(const SweepData& data, double now_s, double started_s);

}  // namespace plab::ui
