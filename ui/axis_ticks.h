// Tick marks for a time axis: round steps (1, 2, 5 x 10^k seconds) and short labels.
#pragma once

#include <string>
#include <vector>

namespace plab::ui {

/// The smallest round step (1, 2 or 5 times a power of ten) such that [start, end] holds at
/// most max_ticks ticks. Returns 1 when the range is empty or max_ticks < 1.
double tick_step(double start, double end, int max_ticks);

/// Like tick_step for a range of seconds, but from one minute up the steps are round on a
/// clock (1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12, 24 h; then whole days), so labels read
/// "10 min", "1 h 30 min" instead of "600 s".
double time_tick_step(double start, double end, int max_ticks);

/// The multiples of step within [start, end], ascending. Empty for step <= 0; at most 1000.
std::vector<double> ticks(double start, double end, double step);

/// A short label for a time on an axis whose step is step: "2 s", "1.5 s", "250 ms", "40 µs";
/// for steps of a minute or more "10 min", "1 h 30 min", "2 d 6 h".
std::string tick_label(double seconds, double step);

/// A duration for people: "2.013 s", "12.4 ms", "850 µs"; from a minute on in clock units,
/// never in exponent form: "1 min 40 s", "3 h 10 min", "12 d 4 h". NaN prints "nan".
std::string format_duration(double seconds);

/// A rounded duration for estimates, in at most two units: "12 s", "4 min 10 s",
/// "3 h 10 min", "115 d 18 h". Below a second: "under a second". Negative or NaN: "".
std::string format_rough_duration(double seconds);

}  // namespace plab::ui
