// What a run and an experiment came to, in words for the log and the status bar, told apart
// into what the experiment is built to show (a closure refused, a crash that was asked for)
// and what went wrong unexpectedly.
#pragma once

#include <QString>
#include <vector>

#include "sweep_data.h"
#include "window_palette.h"

namespace plab::ui {

/// One line of text and the tone to show it in.
struct Outcome {
    QString text;
    Tone tone = Tone::Plain;
};

/// True when the experiment is built to show this refusal: the standard pool given a closure
/// (map_closure) is refused as Python refuses it. Any other refusal is unexpected.
bool refusal_expected(const RunRecord& run);

/// How many of the run's failed tasks were asked for (the form's crash task: at most one per
/// run; in an MPI run, every failed task, since the crash ends the whole job); the rest of
/// end->failed are unexpected. 0 for a run that has not ended.
int expected_failures(const RunRecord& run);

/// The lines the log shows for an ended run: its figures (or its refusal, or how far it got
/// when cancelled: never a speedup then), then up to max_errors failed tasks and "and N more".
/// Empty for a run that has not ended.
std::vector<Outcome> run_lines(const RunRecord& run, int max_errors);

/// The experiment's last word for the status bar and the log: "Done in 3.02 s: 6 runs, 1
/// refused as the article shows" (Lesson), "Cancelled after 1.2 s: 2 of 6 runs done" (Plain),
/// or what went wrong (Error: a task failed without a crash asked for, the engine failed).
/// exit_code is the controller's worst exit code (0 ok, 1 tasks or refusals, >= 2 the engine).
Outcome experiment_outcome(const SweepData& data, int exit_code, bool cancelled, double took_s);

}  // namespace plab::ui
