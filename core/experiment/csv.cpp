#include "experiment/csv.h"

#include <cmath>

#include "experiment/number_format.h"

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

/// Writes one CSV record: fields joined by commas, then CRLF.
class Record {
  public:
    explicit Record(std::ostream& out) : out_(out) {}
    ~Record() { out_ << "\r\n"; }
    Record(const Record&) = delete;
    Record& operator=(const Record&) = delete;
    Record& operator<<(std::string_view text) {
        sep();
        out_ << csv_field(text);
        return *this;
    }
    Record& operator<<(long long v) {
        sep();
        out_ << std::to_string(v);  // not out_ << v: a global C++ locale would group digits
        return *this;
    }
    Record& operator<<(double v) {
        sep();
        if (!std::isnan(v)) out_ << format_fixed6(v);
        return *this;
    }

  private:
    void sep() {
        if (!first_) out_ << ',';
        first_ = false;
    }
    std::ostream& out_;
    bool first_ = true;
};

}  // namespace

void write_runs_csv(std::ostream& out, const std::vector<SweepRow>& rows) {
    out << "run,repeat,strategy,workers,tasks,delay_s,workload,exponent,chunksize,elapsed_s,"
           "serial_s,ideal_s,speedup,efficiency,karp_flatt,ok_tasks,failed_tasks,cancelled,"
           "refusal\r\n";
    for (const SweepRow& row : rows) {
        const RunResult& r = row.run;
        const auto failed = static_cast<long long>(r.refusal.empty() ? r.failed() : r.spec.tasks);
        const auto ok = static_cast<long long>(r.tasks.size()) - (r.refusal.empty() ? failed : 0);
        Record(out) << static_cast<long long>(r.id.run) << static_cast<long long>(r.id.repeat)
                    << strategy_name(r.spec.strategy) << static_cast<long long>(r.spec.workers)
                    << static_cast<long long>(r.spec.tasks)
                    << static_cast<double>(r.spec.delay_ns) / 1e9 << workload_name(r.spec.workload)
                    << static_cast<long long>(r.spec.exponent)
                    << static_cast<long long>(r.chunksize) << r.elapsed_s << row.serial_s
                    << row.ideal_s << row.speedup << row.efficiency << row.karp_flatt << ok
                    << failed << static_cast<long long>(r.cancelled ? 1 : 0)
                    << std::string_view(r.refusal);
    }
}

void write_tasks_csv(std::ostream& out, const std::vector<SweepRow>& rows) {
    out << "run,repeat,strategy,workers,task,worker,pid,start_s,end_s,duration_s,ok,result,"
           "error\r\n";
    for (const SweepRow& row : rows) {
        const RunResult& r = row.run;
        for (const TaskRecord& t : r.tasks) {
            Record(out) << static_cast<long long>(r.id.run) << static_cast<long long>(r.id.repeat)
                        << strategy_name(r.spec.strategy) << static_cast<long long>(r.spec.workers)
                        << static_cast<long long>(t.task) << static_cast<long long>(t.worker)
                        << static_cast<long long>(t.pid) << t.start_s << t.end_s
                        << t.end_s - t.start_s << static_cast<long long>(t.ok ? 1 : 0)
                        << std::string_view(t.ok ? t.result.repr() : std::string())
                        << std::string_view(t.error);
        }
    }
}

}  // namespace plab
