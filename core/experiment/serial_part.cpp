#include "experiment/serial_part.h"

#include <algorithm>
#include <cmath>

#include <unistd.h>

#include "experiment/metrics.h"
#include "experiment/number_format.h"
#include "experiment/run_result.h"
#include "experiment/spec.h"
#include "experiment/sweep.h"
#include "experiment/workload.h"
#include "pool/clock.h"

namespace plab {

std::string_view scaling_name(Scaling s) {
    return s == Scaling::Weak ? "weak" : "strong";
}

std::optional<Scaling> parse_scaling(std::string_view name) {
    if (name == "strong") return Scaling::Strong;
    if (name == "weak") return Scaling::Weak;
    return std::nullopt;
}

double amdahl_bound(double f, int n) {
    const double workers = std::max(n, 1);
    return 1.0 / (f + (1.0 - f) / workers);
}

double gustafson_bound(double f, int n) {
    const double workers = std::max(n, 1);
    return workers - f * (workers - 1.0);
}

std::optional<double> karp_flatt_estimate(double speedup, int n) {
    const double e = karp_flatt(speedup, n);
    if (std::isnan(e)) return std::nullopt;
    return e;
}

std::optional<double> gustafson_estimate(double speedup, int n) {
    if (n <= 1 || speedup <= 0) return std::nullopt;
    return (n - speedup) / (n - 1.0);
}

namespace {
/// The workers a perfect pool would use: the serial strategy uses one whatever the spec says.
int parallel_workers(const ExperimentSpec& spec) {
    return spec.strategy == Strategy::Serial ? 1 : std::max(spec.workers, 1);
}
}  // namespace

double speedup_bound(const ExperimentSpec& spec) {
    const int n = parallel_workers(spec);
    return spec.scaling == Scaling::Weak ? gustafson_bound(spec.serial_fraction, n)
                                         : amdahl_bound(spec.serial_fraction, n);
}

std::optional<double> estimated_serial_fraction(const ExperimentSpec& spec, double speedup) {
    const int n = parallel_workers(spec);
    return spec.scaling == Scaling::Weak ? gustafson_estimate(speedup, n)
                                         : karp_flatt_estimate(speedup, n);
}

ExperimentSpec grown_for_workers(const ExperimentSpec& spec) {
    ExperimentSpec out = spec;
    if (spec.scaling == Scaling::Weak) {
        const long long grown = static_cast<long long>(spec.tasks) * std::max(spec.workers, 1);
        out.tasks = static_cast<int>(std::min<long long>(grown, kMaxTasks + 1LL));
    }
    return out;
}

std::int64_t serial_part_ns(const ExperimentSpec& spec) {
    if (!(spec.serial_fraction > 0)) return 0;
    double tasks = spec.tasks;
    if (spec.scaling == Scaling::Weak) tasks /= std::max(spec.workers, 1);
    const double ns = spec.serial_fraction * tasks * static_cast<double>(spec.delay_ns);
    return std::llround(std::min(ns, 9.0e18));
}

std::int64_t parallel_delay_ns(const ExperimentSpec& spec) {
    if (!(spec.serial_fraction > 0)) return spec.delay_ns;
    return std::llround((1.0 - spec.serial_fraction) * static_cast<double>(spec.delay_ns));
}

std::string serial_fraction_problem(const ExperimentSpec& spec) {
    if (spec.serial_fraction >= 0 && spec.serial_fraction < 1) return {};
    return "serial fraction must be at least 0 and below 1 (0.2: a fifth of the work is serial), "
           "got " +
           format_fixed6(spec.serial_fraction);
}

std::string weak_scaling_problem(const ExperimentSpec& spec, int workers) {
    if (spec.scaling != Scaling::Weak) return {};
    const long long grown = static_cast<long long>(spec.tasks) * std::max(workers, 1);
    if (grown <= kMaxTasks) return {};
    return "weak scaling runs tasks x workers tasks: " + std::to_string(spec.tasks) + " x " +
           std::to_string(workers) + " = " + std::to_string(grown) + " is more than " +
           std::to_string(kMaxTasks);
}

std::vector<int> serial_baseline_workers(const SweepSpec& sweep) {
    if (sweep.base.scaling == Scaling::Weak) return sweep.workers;
    return {1};
}

int baseline_key(const ExperimentSpec& run) {
    return run.scaling == Scaling::Weak ? run.workers : 1;
}

TaskRecord run_serial_part(const ExperimentSpec& spec, std::int64_t t0_ns,
                           const std::atomic<bool>* cancel,
                           const std::function<void(const TaskRecord&)>& on_start) {
    auto seconds = [t0_ns](std::int64_t ns) { return static_cast<double>(ns - t0_ns) / 1e9; };
    TaskRecord r;
    r.task = -1;
    r.worker = -1;
    r.pid = static_cast<int>(::getpid());
    r.start_s = seconds(monotonic_ns());
    if (on_start) on_start(r);
    try {
        spend(serial_part_ns(spec), spec.workload, cancel);
        r.ok = true;
    } catch (const std::runtime_error& e) {  // spend's only error: cancelled
        r.error = e.what();
    }
    r.end_s = seconds(monotonic_ns());
    return r;
}

}  // namespace plab
