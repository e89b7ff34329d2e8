#include "axis_ticks.h"

#include <algorithm>
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

double time_tick_step(double start, double end, int max_ticks) {
    const double span = end - start;
    if (!(span > 0) || max_ticks < 1) return 1;
    const double raw = span / max_ticks;
    if (raw <= 60) {
        const double step = tick_step(start, end, max_ticks);
        if (step < 60 || raw <= 30) return std::min(step, 60.0);
        return 60;
    }
    static constexpr double kClockSteps[] = {60,   120,  300,   600,   900,   1800,
                                             3600, 7200, 10800, 21600, 43200, 86400};
    for (double s : kClockSteps) {
        if (s >= raw) return s;
    }
    return std::ceil(raw / 86400) * 86400;
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

namespace {

// Two clock units, the second dropped when zero: "1 h 30 min", "2 min", "3 d".
std::string clock_units(long long total_seconds) {
    const long long d = total_seconds / 86400, h = total_seconds % 86400 / 3600,
                    m = total_seconds % 3600 / 60, s = total_seconds % 60;
    char buf[64];
    if (d > 0) {
        std::snprintf(buf, sizeof buf, h > 0 ? "%lld d %lld h" : "%lld d", d, h);
    } else if (h > 0) {
        std::snprintf(buf, sizeof buf, m > 0 ? "%lld h %lld min" : "%lld h", h, m);
    } else if (m > 0) {
        std::snprintf(buf, sizeof buf, s > 0 ? "%lld min %lld s" : "%lld min", m, s);
    } else {
        std::snprintf(buf, sizeof buf, "%lld s", s);
    }
    return buf;
}

// Whole seconds for clock_units, held below what a long long holds.
long long whole_seconds(double seconds) {
    return static_cast<long long>(std::llround(std::min(std::fabs(seconds), 1e15)));
}

}  // namespace

std::string tick_label(double seconds, double step) {
    if (step >= 60) return (seconds < 0 ? "-" : "") + clock_units(whole_seconds(seconds));
    if (step >= 0.1) return with_unit(seconds, step, "s");
    if (step >= 1e-4) return with_unit(seconds * 1e3, step * 1e3, "ms");
    return with_unit(seconds * 1e6, step * 1e6, "µs");
}

std::string format_duration(double seconds) {
    char buf[64];
    const double a = std::fabs(seconds);
    if (std::isnan(seconds)) return "nan";
    if (a >= 59.9995) {
        return (seconds < 0 ? "-" : "") + clock_units(whole_seconds(seconds));
    }
    if (a >= 1) {
        std::snprintf(buf, sizeof buf, "%.3f s", seconds);
    } else if (a >= 1e-3) {
        std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f µs", seconds * 1e6);
    }
    return buf;
}

std::string format_rough_duration(double seconds) {
    if (!(seconds >= 0)) return {};
    if (seconds < 1) return "under a second";
    if (seconds < 60) return clock_units(whole_seconds(seconds));
    // Round to the smaller of the two units shown, so "3 h 9 min 59 s" reads "3 h 10 min".
    const double unit = seconds >= 86400 ? 3600 : seconds >= 3600 ? 60 : 1;
    return clock_units(whole_seconds(std::round(seconds / unit) * unit));
}

}  // namespace plab::ui
