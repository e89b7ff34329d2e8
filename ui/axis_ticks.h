// Tick marks for a time axis: round steps (1, 2, 5 x 10^k seconds) and short labels.
#pragma once

#include <string>
#include <vector>

namespace plab::ui {

/// The smallest round step (1, 2 or 5 times a power of ten) such that [start, end] holds at
/// most max_ticks ticks. Returns 1 when the range is empty or max_ticks < 1.
double tick_step(double start, double end, int max_ticks);

/// The multiples of step within [start, end], ascending. Empty for step <= 0; at most 1000.
std::vector<double> ticks(double start, double end, double step);

/// A short label for a time on an axis whose step is step: "2 s", "1.5 s", "250 ms", "40 µs".
std::string tick_label(double seconds, double step);

/// A duration for people: "2.013 s", "12.4 ms", "850 µs".
std::string format_duration(double seconds);

}  // namespace plab::ui
