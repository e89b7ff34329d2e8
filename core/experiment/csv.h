// The two CSV files a sweep exports. RFC 4180: comma-separated, CRLF line ends, fields with a
// comma, quote or line break quoted; '.' as decimal point whatever the locale; seconds with six
// decimals.
//
// runs CSV, one row per run:
//   run,repeat,strategy,workers,tasks,delay_s,workload,exponent,chunksize,elapsed_s,serial_s,
//   ideal_s,speedup,efficiency,karp_flatt,ok_tasks,failed_tasks,cancelled,refusal,
//   serial_fraction,scaling,speedup_bound,estimated_serial_fraction,durations,seed,
//   start_method,payload_bytes
// tasks CSV, one row per task of every run, in completion order:
//   run,repeat,strategy,workers,task,worker,pid,start_s,end_s,duration_s,ok,result,error,part
// (speedup_bound is Amdahl's 1/(F+(1-F)/n) under strong scaling, Gustafson's n-F(n-1) under
// weak; estimated_serial_fraction is Karp-Flatt's under strong, (n-S)/(n-1) under weak, empty
// where undefined. part is "parallel" for a task; a run with a serial part has one row before
// its tasks with part "serial", empty task and worker, and the parent's pid.)
// (start_s and end_s count from the run's start; worker -1 marks a task that never reached a
// worker, such as one cancelled while queued; karp_flatt is empty where undefined.)
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "experiment/sweep.h"

namespace plab {

/// A field quoted as RFC 4180 requires (only when needed).
std::string csv_field(std::string_view text);

void write_runs_csv(std::ostream& out, const std::vector<SweepRow>& rows);
void write_tasks_csv(std::ostream& out, const std::vector<SweepRow>& rows);

}  // namespace plab
