#include "experiment/trace.h"

#include <cstdio>
#include <map>
#include <utility>

#include "experiment/event_stream.h"
#include "experiment/strategy.h"

namespace plab {

namespace {

// Microseconds with nanosecond digits, '.' as decimal point whatever the locale.
std::string micros(double seconds) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.3f", seconds * 1e6);
    return buf;
}

void metadata(std::ostream& out, bool& first, const char* what, int pid, int tid,
              const std::string& arg_name, const std::string& arg_value) {
    out << (first ? "\n" : ",\n") << R"({"ph":"M","name":")" << what << R"(","pid":)" << pid;
    if (tid >= 0) out << R"(,"tid":)" << tid;
    out << R"(,"args":{")" << arg_name << R"(":)" << arg_value << "}}";
    first = false;
}

}  // namespace

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') {
            out += "\\\"";
        } else if (events::append_escaped(c, out)) {
            continue;  // tab, line feed, carriage return, backslash
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

std::string trace_title(int number, const ExperimentSpec& spec, int chunksize, int repeat) {
    std::string title = "Run " + std::to_string(number) + " · ";
    title += strategy_label(spec.strategy);
    if (spec.strategy != Strategy::Serial) {
        title +=
            " · " + std::to_string(spec.workers) + (spec.workers == 1 ? " worker" : " workers");
        if (chunksize > 0) title += " · chunksize " + std::to_string(chunksize);
    }
    if (repeat > 1) title += " · repeat " + std::to_string(repeat);
    return title;
}

void write_trace_json(std::ostream& out, const std::vector<TraceRun>& runs) {
    out << R"({"displayTimeUnit":"ms","traceEvents":[)";
    bool first = true;
    for (const TraceRun& run : runs) {
        metadata(out, first, "process_name", run.number, -1, "name", json_string(run.title));
        metadata(out, first, "process_sort_index", run.number, -1, "sort_index",
                 std::to_string(run.number));
        // One thread track per worker process, numbered in order of first appearance.
        std::map<std::pair<int, int>, int> tids;
        for (const TraceTask& t : run.tasks) {
            if (t.worker < 0 || t.end_s < t.start_s) continue;
            const auto [it, fresh] =
                tids.emplace(std::make_pair(t.worker, t.pid), static_cast<int>(tids.size()) + 1);
            if (fresh) {
                const std::string name =
                    "worker " + std::to_string(t.worker) + " · pid " + std::to_string(t.pid);
                metadata(out, first, "thread_name", run.number, it->second, "name",
                         json_string(name));
                metadata(out, first, "thread_sort_index", run.number, it->second, "sort_index",
                         std::to_string(t.worker * 1000 + it->second));
            }
            out << ",\n"
                << R"({"ph":"X","cat":"task","name":"task )" << t.task << R"(","pid":)"
                << run.number << R"(,"tid":)" << it->second << R"(,"ts":)" << micros(t.start_s)
                << R"(,"dur":)" << micros(t.end_s - t.start_s) << R"(,"args":{"task":)" << t.task
                << R"(,"ok":)" << (t.ok ? "true" : "false") << ",\"" << (t.ok ? "result" : "error")
                << "\":" << json_string(t.text) << "}}";
        }
    }
    out << "\n]}\n";
}

std::vector<TraceRun> trace_runs(const std::vector<SweepRow>& rows) {
    std::vector<TraceRun> runs;
    runs.reserve(rows.size());
    for (const SweepRow& row : rows) {
        const RunResult& r = row.run;
        TraceRun run;
        run.number = r.id.run;
        run.title = trace_title(r.id.run, r.spec, r.chunksize, r.id.repeat);
        run.tasks.reserve(r.tasks.size());
        for (const TaskRecord& t : r.tasks) {
            run.tasks.push_back(TraceTask{t.task, t.worker, t.pid, t.start_s, t.end_s, t.ok,
                                          t.ok ? t.result.repr() : t.error});
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace plab
