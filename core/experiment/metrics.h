// Derived figures: ideal time, speedup, efficiency, Karp-Flatt serial fraction.
#pragma once

#include "experiment/spec.h"

namespace plab {

/// The processors this machine has online (at least 1).
int machine_cores();

/// Above this many tasks, ideal_seconds treats uneven durations as their mean (drawing each
/// task's duration would cost more than the figure is worth).
inline constexpr int kMaxPlannedIdealTasks = 1'000'000;

/// The best a run can do: ceil(tasks / workers) x delay for sleep; for cpu the workers that
/// really run at once are at most the machine's cores. serial is tasks x delay. With a serial
/// part (experiment/serial_part.h) its length is added and each task takes (1 - F) x delay.
/// Uneven durations (spec.durations not fixed): the workers take the next task in input order
/// as soon as they are free, each task its planned duration (durations.h's makespan_ns with
/// chunk 1); the serial run is their sum.
double ideal_seconds(const ExperimentSpec& spec, int cores = machine_cores());

/// serial_s / elapsed_s; 0 when either is not positive.
double speedup(double serial_s, double elapsed_s);

/// speedup / workers; 0 when workers < 1.
double efficiency(double speedup_value, int workers);

/// Karp-Flatt experimentally determined serial fraction: (1/S - 1/p) / (1 - 1/p).
/// NaN for p <= 1 or S <= 0, where it is not defined.
double karp_flatt(double speedup_value, int workers);

}  // namespace plab
