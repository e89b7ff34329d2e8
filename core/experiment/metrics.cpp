#include "experiment/metrics.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace plab {

int machine_cores() {
    const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<int>(n) : 1;
}

double ideal_seconds(const ExperimentSpec& spec, int cores) {
    const double delay = static_cast<double>(parallel_delay_ns(spec)) / 1e9;
    const double alone = static_cast<double>(serial_part_ns(spec)) / 1e9;  // the serial part
    if (spec.strategy == Strategy::Serial || spec.strategy == Strategy::PySerial)
        return alone + spec.tasks * delay;
    int parallel = std::max(spec.workers, 1);
    if (spec.workload == Workload::Cpu) parallel = std::min(parallel, std::max(cores, 1));
    const int rounds = (spec.tasks + parallel - 1) / parallel;
    return alone + rounds * delay;
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
