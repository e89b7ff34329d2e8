// Serial in ParallelLab's core: the same loop, no pool.
#include "experiment/runner.h"

// defaults: the article's experiment
plab::ExperimentSpec spec;
spec.strategy = plab::Strategy::Serial;
// x = 0 .. tasks-1
spec.tasks = {{tasks}};
spec.delay_ns = {{delay_ns}};              // per task
spec.exponent = {{exponent}};

plab::RunResult run = plab::run_experiment(spec);
// run.results holds pow(x, y) in input order; run.elapsed_s ~ tasks x delay
std::cout << plab::repr_list(run.results) << "\nElapsed: " << run.elapsed_s << " s\n";

// Inside, the runner calls the task in a plain loop:
//   plab::SerialPool().map_settled(power, xs, cancel_flag);
