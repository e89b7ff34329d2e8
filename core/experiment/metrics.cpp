#include "experiment/metrics.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "experiment/durations.h"

namespace plab {

int machine_cores() {
    const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<int>(n) : 1;
}

double ideal_seconds(const ExperimentSpec& spec, int cores) {
    const std::int64_t delay_ns = parallel_delay_ns(spec);
    const double delay = static_cast<double>(delay_ns) / 1e9;
    const double alone = static_cast<double>(serial_part_ns(spec)) / 1e9;  // the serial part
    const bool serial = spec.strategy == Strategy::Serial || spec.strategy == Strategy::PySerial;
    int parallel = serial ? 1 : std::max(spec.workers, 1);
    if (spec.workload == Workload::Cpu) parallel = std::min(parallel, std::max(cores, 1));
    if (spec.durations.shape == DurationShape::Fixed || spec.tasks > kMaxPlannedIdealTasks) {
        if (serial) return alone + spec.tasks * delay;
        const int rounds = (spec.tasks + parallel - 1) / parallel;
        return alone + rounds * delay;
    }
    // Uneven tasks: perfect workers taking the next task as soon as they are free.
    std::vector<std::int64_t> plan(static_cast<std::size_t>(std::max(spec.tasks, 0)));
    for (std::size_t i = 0; i < plan.size(); ++i) {
        plan[i] =
            planned_delay_ns(spec.durations, spec.seed, delay_ns, spec.tasks, static_cast<int>(i));
    }
    return alone + static_cast<double>(makespan_ns(plan, parallel, 1)) / 1e9;
}

double speedup(double serial_s, double elapsed_s) {
    if (serial_s <= 0 || elapsed_s <= 0) return 0;
    return serial_s / elapsed_s;
}

double efficiency(double speedup_value, int workers) {
    if (workers < 1) return 0;
    return speedup_value / workers;
}

double karp_flatt(double speedup_value, int workers) {
    if (workers <= 1 || speedup_value <= 0) return std::numeric_limits<double>::quiet_NaN();
    const double p = workers;
    return (1.0 / speedup_value - 1.0 / p) / (1.0 - 1.0 / p);
}

}  // namespace plab
