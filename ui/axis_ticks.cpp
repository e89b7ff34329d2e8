#include "axis_ticks.h"

#include <cmath>
#include <cstdio>

namespace plab::ui {

double tick_step(double start, double end, int max_ticks) {
    const double span = end - start;
    if (!(span > 0) || max_ticks < 1) return 1;
    const double raw = span / max_ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw) return m * magnitude;
    }
    return 10 * magnitude;
}

std::vector<double> ticks(double start, double end, double step) {
    std::vector<double> out;
    if (!(step > 0)) return out;
    for (double k = std::ceil(start / step); k * step <= end + step * 1e-9; k += 1) {
        out.push_back(k * step);
        if (out.size() >= 1000) break;
    }
    return out;
}

namespace {

// Prints value with just enough decimals for step (both in the same unit).
std::string with_unit(double value, double step, const char* unit) {
    int decimals = 0;
    while (decimals < 6 && std::fabs(step * std::pow(10.0, decimals) -
                                     std::round(step * std::pow(10.0, decimals))) > 1e-6) {
        ++decimals;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f %s", decimals, value, unit);
    return buf;
}

}  // namespace

std::string tick_label(double seconds, double step) {
    if (step >= 0.1) return with_unit(seconds, step, "s");
    if (step >= 1e-4) return with_unit(seconds * 1e3, step * 1e3, "ms");
    return with_unit(seconds * 1e6, step * 1e6, "µs");
}

std::string format_duration(double seconds) {
    char buf[64];
    const double a = std::fabs(seconds);
    if (a >= 1) {
        std::snprintf(buf, sizeof buf, "%.3f s", seconds);
    } else if (a >= 1e-3) {
        std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f µs", seconds * 1e6);
    }
    return buf;
}

}  // namespace plab::ui
