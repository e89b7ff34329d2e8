#include "utilisation.h"

#include <algorithm>
#include <cmath>

namespace plab::ui {

namespace {

double bar_end(const TaskBar& bar, double live_s) {
    return bar.finished ? bar.end_s : std::max(bar.start_s, live_s);
}

}  // namespace

int run_workers(const RunRecord& run) {
    if (own_counterpart(run.spec.strategy) == Strategy::Serial) return 1;
    return std::max(1, run.spec.workers);
}

double busy_seconds(const RunRecord& run, double until_s) {
    double busy = 0;
    for (const TaskBar& bar : run.bars) {
        if (bar.task < 0) continue;  // the parent's serial part: no worker is busy
        const double end = std::min(bar_end(bar, until_s), until_s);
        if (end > bar.start_s) busy += end - bar.start_s;
    }
    return busy;
}

double utilisation(const RunRecord& run, double elapsed_s) {
    if (!(elapsed_s > 0)) return 0;
    return std::clamp(busy_seconds(run, elapsed_s) / (run_workers(run) * elapsed_s), 0.0, 1.0);
}

std::vector<double> busy_profile(const RunRecord& run, double t0_s, double t1_s, int columns,
                                 double live_s) {
    if (columns < 1 || !(t1_s > t0_s)) return {};
    std::vector<double> busy(static_cast<std::size_t>(columns), 0.0);
    const double slice = (t1_s - t0_s) / columns;
    for (const TaskBar& bar : run.bars) {
        if (bar.task < 0) continue;  // the parent's serial part: no worker is busy
        const double a = std::max(bar.start_s, t0_s);
        const double b = std::min(bar_end(bar, live_s), t1_s);
        if (!(b > a)) continue;
        const auto first = static_cast<int>(std::floor((a - t0_s) / slice));
        const auto last = std::min(columns - 1, static_cast<int>(std::floor((b - t0_s) / slice)));
        for (int c = std::max(first, 0); c <= last; ++c) {
            const double c0 = t0_s + c * slice;
            const double overlap = std::min(b, c0 + slice) - std::max(a, c0);
            if (overlap > 0) busy[static_cast<std::size_t>(c)] += overlap / slice;
        }
    }
    return busy;
}

}  // namespace plab::ui
