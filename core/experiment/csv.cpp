#include "experiment/csv.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "experiment/durations.h"
#include "experiment/number_format.h"
#include "experiment/serial_part.h"

namespace plab {

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

namespace {

/// One CSV record: fields joined by commas; line() ends it with CRLF. Built as a string and
/// written at once, so nothing writes to the stream from a destructor while a write that failed
/// (a cancel, a full disk) is unwinding.
class Record {
  public:
    Record& operator<<(std::string_view text) {
        sep();
        text_ += csv_field(text);
        return *this;
    }
    Record& operator<<(long long v) {
        sep();
        text_ += std::to_string(v);  // not a stream's <<: a global C++ locale would group digits
        return *this;
    }
    Record& operator<<(double v) {
        sep();
        if (!std::isnan(v)) text_ += format_fixed6(v);
        return *this;
    }
    const std::string& line() {
        text_ += "\r\n";
        return text_;
    }

  private:
    void sep() {
        if (!first_) text_ += ',';
        first_ = false;
    }
    std::string text_;
    bool first_ = true;
};

// The MPI columns (at the end of each row): empty for the other engines.
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

double mpi_launch_s(const RunResult& r) {
    return runs_mpi(r.spec.strategy) && r.refusal.empty() ? r.launch_s : kNone;
}
/// The run's host names, ';' between them.
std::string mpi_hosts(const RunResult& r) {
    std::string out;
    for (const HostClock& h : r.hosts)
        out += (out.empty() ? "" : ";") + h.name;
    return out;
}
/// The largest clock uncertainty of the run's hosts (0 on one machine).
double mpi_clock_uncertainty_s(const RunResult& r) {
    if (r.hosts.empty()) return kNone;
    std::int64_t most = 0;
    for (const HostClock& h : r.hosts)
        most = std::max(most, h.uncertainty_ns);
    return static_cast<double>(most) / 1e9;
}
std::string host_name(const RunResult& r, const TaskRecord& t) {
    return t.host >= 0 && static_cast<std::size_t>(t.host) < r.hosts.size()
               ? r.hosts[static_cast<std::size_t>(t.host)].name
               : std::string();
}
/// The MPI rank that ran the task (its worker), or an empty field.
std::string mpi_rank(const RunResult& r, const TaskRecord& t) {
    return runs_mpi(r.spec.strategy) ? std::to_string(t.worker) : std::string();
}

}  // namespace

void write_runs_csv(std::ostream& out, const std::vector<SweepRow>& rows) {
    out << "run,repeat,strategy,workers,tasks,delay_s,workload,exponent,chunksize,elapsed_s,"
           "serial_s,ideal_s,speedup,efficiency,karp_flatt,ok_tasks,failed_tasks,cancelled,"
           "refusal,serial_fraction,scaling,speedup_bound,estimated_serial_fraction,durations,"
           "seed,start_method,payload_bytes,launch_s,hosts,clock_uncertainty_s\r\n";
    for (const SweepRow& row : rows) {
        const RunResult& r = row.run;
        const auto failed = static_cast<long long>(r.refusal.empty() ? r.failed() : r.spec.tasks);
        const auto ok = static_cast<long long>(r.refusal.empty() ? r.ok() : 0);
        out << (Record() << static_cast<long long>(r.id.run) << static_cast<long long>(r.id.repeat)
                         << strategy_name(r.spec.strategy) << static_cast<long long>(r.spec.workers)
                         << static_cast<long long>(r.spec.tasks)
                         << static_cast<double>(r.spec.delay_ns) / 1e9
                         << workload_name(r.spec.workload)
                         << static_cast<long long>(r.spec.exponent)
                         << static_cast<long long>(r.chunksize) << r.elapsed_s << row.serial_s
                         << row.ideal_s << row.speedup << row.efficiency << row.karp_flatt << ok
                         << failed << static_cast<long long>(r.cancelled ? 1 : 0)
                         << std::string_view(r.refusal) << r.spec.serial_fraction
                         << scaling_name(r.spec.scaling) << speedup_bound(r.spec)
                         << estimated_serial_fraction(r.spec, row.speedup)
                                .value_or(std::numeric_limits<double>::quiet_NaN())
                         << std::string_view(format_durations(r.spec.durations))
                         << static_cast<long long>(r.spec.seed)
                         << start_method_name(r.spec.start_method)
                         << static_cast<long long>(r.spec.payload_bytes) << mpi_launch_s(r)
                         << std::string_view(mpi_hosts(r)) << mpi_clock_uncertainty_s(r))
                   .line();
    }
}

void write_tasks_csv(std::ostream& out, const std::vector<SweepRow>& rows) {
    out << "run,repeat,strategy,workers,task,worker,pid,start_s,end_s,duration_s,ok,result,"
           "error,part,planned_duration_s,host,rank\r\n";
    for (const SweepRow& row : rows) {
        const RunResult& r = row.run;
        // Each task's plan is shaped around the delay left to it after the serial part.
        ExperimentSpec parallel = r.spec;
        parallel.delay_ns = parallel_delay_ns(r.spec);
        if (const auto& p = r.serial_part) {  // the parent's serial part: no task, no worker
            out << (Record() << static_cast<long long>(r.id.run)
                             << static_cast<long long>(r.id.repeat)
                             << strategy_name(r.spec.strategy)
                             << static_cast<long long>(r.spec.workers) << std::string_view()
                             << std::string_view() << static_cast<long long>(p->pid) << p->start_s
                             << p->end_s << p->end_s - p->start_s
                             << static_cast<long long>(p->ok ? 1 : 0) << std::string_view()
                             << std::string_view(p->error) << std::string_view("serial")
                             << static_cast<double>(serial_part_ns(r.spec)) / 1e9
                             << std::string_view() << std::string_view())
                       .line();
        }
        for (const TaskRecord& t : r.tasks) {
            out << (Record() << static_cast<long long>(r.id.run)
                             << static_cast<long long>(r.id.repeat)
                             << strategy_name(r.spec.strategy)
                             << static_cast<long long>(r.spec.workers)
                             << static_cast<long long>(t.task) << static_cast<long long>(t.worker)
                             << static_cast<long long>(t.pid) << t.start_s << t.end_s
                             << t.end_s - t.start_s << static_cast<long long>(t.ok ? 1 : 0)
                             << std::string_view(t.ok ? t.result.repr() : std::string())
                             << std::string_view(t.error) << std::string_view("parallel")
                             << static_cast<double>(planned_delay_ns(parallel, t.task)) / 1e9
                             << std::string_view(host_name(r, t)) << mpi_rank(r, t))
                       .line();
        }
    }
}

}  // namespace plab
