// A sweep's tasks as a trace for Perfetto (ui.perfetto.dev) and chrome://tracing: the Chrome
// trace event format (JSON). Each run is a process track ("Run 2 · Pool.map · 5 workers"), each
// worker process of a run a thread track ("worker 1 · pid 4242"; a replacement gets its own),
// each task a complete event from its start to its end with its result or error. Times are
// microseconds from the run's start, so the runs line up one above the other.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "experiment/sweep.h"

namespace plab {

/// One task of a trace. A task that never reached a worker (worker < 0) or never ended
/// (end_s < start_s) is left out of the trace.
struct TraceTask {
    int task = 0;
    int worker = 0;
    int pid = 0;
    double start_s = 0;
    double end_s = 0;
    bool ok = false;
    std::string text;  ///< the result's repr when ok, else the error
};

/// One run: its number (the trace's process id, from 1), its title, its tasks in any order.
struct TraceRun {
    int number = 1;
    std::string title;
    std::vector<TraceTask> tasks;
    /// The parent's serial part, when the run had one: its own track, "serial part (parent)",
    /// above the workers' (task and worker are not used).
    std::optional<TraceTask> serial_part;
};

/// Writes the whole trace: one JSON object {"traceEvents": [...], "displayTimeUnit": "ms"}, its
/// numbers with '.' whatever the C or C++ locale.
void write_trace_json(std::ostream& out, const std::vector<TraceRun>& runs);

/// The runs of a sweep, titled as the window titles them; run numbers as the engine gave them.
std::vector<TraceRun> trace_runs(const std::vector<SweepRow>& rows);

/// A run's title: "Run 2 · Pool.map · 5 workers · chunksize 1" (repeat and chunk size only where
/// they say something; "4 threads" for thread_map, no count for serial). The window's titles
/// (timeline, run list) start with it too.
std::string trace_title(int number, const ExperimentSpec& spec, int chunksize, int repeat);

/// text as a JSON string literal, valid UTF-8 whatever text holds: quoted, with quotes,
/// backslashes and control characters escaped, well-formed UTF-8 passed through, and every byte
/// that is not part of well-formed UTF-8 written as U+FFFD (the replacement character).
std::string json_string(std::string_view text);

}  // namespace plab
