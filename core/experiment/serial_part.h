// The serial part of an experiment (Amdahl's and Gustafson's laws): how long the parent works
// alone before the parallel part, how long each task then takes, how a weak-scaling problem
// grows with the workers, and the bounds and estimates the lesson compares with.
//
// The model, so that Amdahl's law holds exactly: the serial work is W = tasks x delay (the
// mean task duration is the delay). With serial fraction F, the parent first works F x W alone
// (the spec's workload: sleep or cpu), then each task takes (1 - F) x its delay. The serial
// strategy's total stays W, and a perfect pool of n workers takes F x W + (1 - F) x W / n:
// speedup 1 / (F + (1 - F) / n), Amdahl's bound.
//
// Weak scaling (Gustafson): a run with n workers runs n times the tasks while the serial part
// stays F x W of the one-worker problem, so a perfect pool always takes W and the serial run of
// the same grown problem takes F x W + n (1 - F) x W: scaled speedup n - F (n - 1).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plab {

struct ExperimentSpec;
struct TaskRecord;
struct SweepSpec;

/// How the problem grows with the workers: Strong keeps the task count (Amdahl); Weak runs
/// tasks x workers tasks, the problem of one worker per worker (Gustafson).
enum class Scaling { Strong, Weak };

std::string_view scaling_name(Scaling s);
/// "strong" or "weak"; nullopt for anything else.
std::optional<Scaling> parse_scaling(std::string_view name);

/// Amdahl's bound on speedup with serial fraction f and n workers: 1 / (f + (1 - f) / n).
/// n < 1 is treated as 1.
double amdahl_bound(double f, int n);

/// Gustafson's scaled speedup with serial fraction f and n workers: n - f (n - 1). n < 1 is
/// treated as 1.
double gustafson_bound(double f, int n);

/// Karp-Flatt's experimentally determined serial fraction (1/S - 1/n) / (1 - 1/n); nullopt
/// where it is not defined (n <= 1, S <= 0). Wraps metrics.h's karp_flatt (NaN there).
std::optional<double> karp_flatt_estimate(double speedup, int n);

/// The serial fraction Gustafson's law implies from a scaled speedup: (n - S) / (n - 1);
/// nullopt where it is not defined (n <= 1, S <= 0).
std::optional<double> gustafson_estimate(double speedup, int n);

/// The bound for the spec's scaling with its worker count (1 for the serial strategy).
double speedup_bound(const ExperimentSpec& spec);

/// The serial fraction estimated from a run's speedup for the spec's scaling: Karp-Flatt for
/// strong, Gustafson's inverse for weak; nullopt where undefined (one worker, no speedup).
std::optional<double> estimated_serial_fraction(const ExperimentSpec& spec, double speedup);

/// The spec as it runs with its workers: under weak scaling, tasks x workers tasks (the spec's
/// tasks are then the one-worker problem); under strong scaling, the spec unchanged. Apply it
/// once: a grown spec grown again would grow twice. Does not check kMaxTasks (validate does).
ExperimentSpec grown_for_workers(const ExperimentSpec& spec);

/// Nanoseconds the parent works alone before the parallel part: F x W, W = the one-worker
/// problem's tasks x delay (for a weak spec as run: tasks / workers x delay). 0 when F is 0.
std::int64_t serial_part_ns(const ExperimentSpec& spec);

/// Each task's delay in the parallel part: (1 - F) x delay.
std::int64_t parallel_delay_ns(const ExperimentSpec& spec);

/// Empty when the spec's serial fraction is within 0 <= F < 1 (NaN is not), else one line
/// saying what is allowed and what was given.
std::string serial_fraction_problem(const ExperimentSpec& spec);

/// Empty when a weak-scaling problem grown for `workers` stays within kMaxTasks, else one line.
/// Strong scaling never grows.
std::string weak_scaling_problem(const ExperimentSpec& spec, int workers);

/// The worker counts whose problems a sweep's serial baseline runs: {1} under strong scaling
/// (one serial run serves every count), the sweep's worker counts under weak scaling (the
/// serial run of each grown problem; its spec's workers names the problem, serial ignores it).
std::vector<int> serial_baseline_workers(const SweepSpec& sweep);

/// The key of the serial baseline a run compares with: its workers under weak scaling, else 1.
int baseline_key(const ExperimentSpec& run);

/// Does the spec's serial part here, in the calling (parent) thread, the workload's way, and
/// returns its record: task -1, worker -1, this process's pid, seconds since t0_ns (a
/// monotonic_ns reading). on_start (may be empty) is called first with the started record.
/// When cancel (may be null) becomes true it stops within about 10 ms: not ok, error
/// "cancelled". Never throws except std::bad_alloc.
TaskRecord run_serial_part(const ExperimentSpec& spec, std::int64_t t0_ns,
                           const std::atomic<bool>* cancel,
                           const std::function<void(const TaskRecord&)>& on_start);

}  // namespace plab
