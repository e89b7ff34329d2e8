// A small sweep written as the engine would stream it: serial, map and map_closure on 2
// workers, 4 tasks of 1 s, squares. Shared by the model tests.
#pragma once

#include "ui_test_support.h"

namespace plab::ui::testing {

/// The leg the lines below belong to.
inline SweepSpec small_leg() {
    SweepSpec leg;
    leg.strategies = {Strategy::Serial, Strategy::Map, Strategy::MapClosure};
    leg.workers = {2};
    leg.base.tasks = 4;
    return leg;
}

/// Run 1 (serial) complete; run 2 (map) announced at window time 10 with two tasks done and
/// two running.
inline void feed_first_half(SweepData& d) {
    d.begin_leg(small_leg());
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "serial", "1", "4", "1.000000", "sleep", "2", "1", "-1"}),
             line({"start", "1", "0", "0", "100", "0.000010"}),
             line({"task", "1", "0", "0", "100", "0.000010", "1.000100", "1", "0"}),
             line({"start", "1", "1", "0", "100", "1.000200"}),
             line({"task", "1", "1", "0", "100", "1.000200", "2.000300", "1", "1"}),
             line({"start", "1", "2", "0", "100", "2.000400"}),
             line({"task", "1", "2", "0", "100", "2.000400", "3.000500", "1", "4"}),
             line({"start", "1", "3", "0", "100", "3.000600"}),
             line({"task", "1", "3", "0", "100", "3.000600", "4.000700", "1", "9"}),
             line({"end", "1", "4.001000", "4.001000", "4.000000", "1.000000", "1.000000", "nan",
                   "0", "0", ""})});
    feed(d,
         {line({"run", "2", "1", "map", "2", "4", "1.000000", "sleep", "2", "1", "-1"}),
          line({"start", "2", "0", "0", "201", "0.005000"}),
          line({"start", "2", "1", "1", "202", "0.006000"}),
          line({"task", "2", "1", "1", "202", "0.006000", "1.006000", "1", "1"}),
          line({"task", "2", "0", "0", "201", "0.005000", "1.005000", "1", "0"}),
          line({"start", "2", "2", "0", "201", "1.006000"}),
          line({"start", "2", "3", "1", "202", "1.007000"})},
         10.0);
}

/// The rest: run 2 ends, run 3 (map_closure) is refused, the engine says done 1.
inline void feed_second_half(SweepData& d) {
    feed(d,
         {line({"task", "2", "3", "1", "202", "1.007000", "2.007000", "1", "9"}),
          line({"task", "2", "2", "0", "201", "1.006000", "2.006000", "1", "4"}),
          line({"end", "2", "2.010000", "4.001000", "2.000000", "1.990547", "0.995274", "0.004750",
                "0", "0", ""}),
          line({"run", "3", "1", "map_closure", "2", "4", "1.000000", "sleep", "2", "1", "-1"}),
          line({"end", "3", "0.003000", "4.001000", "2.000000", "0.000000", "0.000000", "nan", "4",
                "0", "cannot send a function made at run time to a worker process"}),
          line({"done", "1"})},
         13.0);
}

/// The article's contrast in small: run 1 serial, 5 tasks of 2 s (10 s); run 2 Pool.map on
/// 5 workers (pids 301..305), one task each (2.002 s). Both ended.
inline void feed_serial_and_pool(SweepData& d) {
    SweepSpec leg;
    leg.strategies = {Strategy::Serial, Strategy::Map};
    leg.workers = {5};
    leg.base.tasks = 5;
    leg.base.delay_ns = 2'000'000'000;
    d.begin_leg(leg);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "serial", "5", "5", "2.000000", "sleep", "2", "1", "-1"})});
    for (int t = 0; t < 5; ++t) {
        const std::string task = std::to_string(t), start = std::to_string(2.0 * t),
                          end = std::to_string(2.0 * t + 2.0);
        feed(d, {line({"start", "1", task, "0", "100", start}),
                 line({"task", "1", task, "0", "100", start, end, "1", std::to_string(t * t)})});
    }
    feed(d, {line({"end", "1", "10.000000", "10.000000", "10.000000", "1.000000", "1.000000", "nan",
                   "0", "0", ""}),
             line({"run", "2", "1", "map", "5", "5", "2.000000", "sleep", "2", "1", "-1"})});
    for (int t = 0; t < 5; ++t) {
        const std::string task = std::to_string(t), pid = std::to_string(301 + t);
        feed(d, {line({"task", "2", task, task, pid, "0.001000", "2.001000", "1",
                       std::to_string(t * t)})});
    }
    feed(d, {line({"end", "2", "2.002000", "10.000000", "2.000000", "4.995005", "0.999001",
                   "0.000250", "0", "0", ""}),
             line({"done", "0"})});
}

/// What the engine says when worker 1's process dies running it (Crash task 3).
inline const char* kCrashText =
    "worker 1 (pid 202) was killed by signal 9 (SIGKILL) while running it";

/// Pool.map on 2 workers, 5 tasks of 1 s, task 3 crashes: worker 1 (pid 202) dies at 1.050 s
/// running it; its replacement (pid 203) runs task 4 from 1.060 s. The run ends at 2.061 s.
inline void feed_crash_run(SweepData& d) {
    SweepSpec leg;
    leg.strategies = {Strategy::Map};
    leg.workers = {2};
    leg.base.tasks = 5;
    leg.base.crash_task = 3;
    d.begin_leg(leg);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "map", "2", "5", "1.000000", "sleep", "2", "1", "3"}),
             line({"task", "1", "0", "0", "201", "0.001000", "1.001000", "1", "0"}),
             line({"task", "1", "1", "1", "202", "0.001000", "1.001000", "1", "1"}),
             line({"task", "1", "3", "1", "202", "1.002000", "1.050000", "0", kCrashText}),
             line({"task", "1", "2", "0", "201", "1.002000", "2.002000", "1", "4"}),
             line({"task", "1", "4", "1", "203", "1.060000", "2.060000", "1", "16"}),
             line({"end", "1", "2.061000", "5.000000", "2.500000", "2.426007", "1.213003", "nan",
                   "1", "0", ""}),
             line({"done", "1"})});
}

/// Pool.map on 2 workers, 6 tasks of 1 s, cancelled at 1.5 s: tasks 0 and 1 done, 2 and 3
/// cancelled while running, 4 and 5 cancelled before reaching a worker (worker -1, pid 0).
inline void feed_cancelled_run(SweepData& d) {
    SweepSpec leg;
    leg.strategies = {Strategy::Map};
    leg.workers = {2};
    leg.base.tasks = 6;
    d.begin_leg(leg);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "map", "2", "6", "1.000000", "sleep", "2", "1", "-1"}),
             line({"task", "1", "0", "0", "201", "0.001000", "1.001000", "1", "0"}),
             line({"task", "1", "1", "1", "202", "0.001000", "1.001000", "1", "1"}),
             line({"task", "1", "4", "-1", "0", "1.500000", "1.500000", "0", "cancelled"}),
             line({"task", "1", "5", "-1", "0", "1.500000", "1.500000", "0", "cancelled"}),
             line({"task", "1", "2", "0", "201", "1.002000", "1.501000", "0", "cancelled"}),
             line({"task", "1", "3", "1", "202", "1.002000", "1.502000", "0", "cancelled"}),
             line({"end", "1", "1.503000", "6.000000", "3.000000", "0.000000", "0.000000", "nan",
                   "4", "1", ""}),
             line({"done", "130"})});
}

}  // namespace plab::ui::testing
