// How far an experiment has got and how long it still needs, for the progress bar.
#pragma once

#include <QString>
#include <vector>

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

/// What an experiment of these legs should take at best: the ideal time of every planned run
/// (ceil(tasks / workers) x delay; serial's tasks x delay; nothing for a refused closure),
/// summed over the legs, repeats included. 0 for no legs.
double planned_seconds(const std::vector<SweepSpec>& legs, int cores);

/// Above this many planned seconds the window asks before it runs (ten minutes).
inline constexpr double kAskAboveSeconds = 600;

/// The progress line under the bar: "1,234 / 20,000 tasks · about 3 h 10 min left" while
/// running (nothing about time while cancelling or with nothing to estimate from), and a
/// final word once it is over: "… · done", "… · cancelled".
enum class ProgressStage { Running, Cancelling, Done, Cancelled };
QString progress_text(const Progress& progress, ProgressStage stage);

}  // namespace plab::ui
