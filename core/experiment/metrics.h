// Derived figures: ideal time, speedup, efficiency, Karp-Flatt serial fraction.
#pragma once

#include "experiment/spec.h"

namespace plab {

/// The processors this machine has online (at least 1).
int machine_cores();

/// The best a run can do: ceil(tasks / workers) x delay for sleep; for cpu the workers that
/// really run at once are at most the machine's cores. serial is tasks x delay. With a serial
/// part (experiment/serial_part.h) its length is added and each task takes (1 - F) x delay.
double ideal_seconds(const ExperimentSpec& spec, int cores = machine_cores());

/// serial_s / elapsed_s; 0 when either is not positive.
double speedup(double serial_s, double elapsed_s);

/// speedup / workers; 0 when workers < 1.
double efficiency(double speedup_value, int workers);

/// Karp-Flatt experimentally determined serial fraction: (1/S - 1/p) / (1 - 1/p).
/// NaN for p <= 1 or S <= 0, where it is not defined.
double karp_flatt(double speedup_value, int workers);

}  // namespace plab
