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

}  // namespace plab::ui::testing
