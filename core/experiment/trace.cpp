#include "experiment/trace.h"

#include <charconv>
#include <cstdio>
#include <map>
#include <utility>

#include "experiment/event_stream.h"
#include "experiment/strategy.h"
#include "pool/utf8.h"

namespace plab {

namespace {

// Microseconds with nanosecond digits, '.' as decimal point whatever the locale (std::to_chars
// never looks at it; printf's %f follows LC_NUMERIC, which the window sets from the environment).
std::string micros(double seconds) {
    char buf[64];
    const auto [end, ec] =
        std::to_chars(buf, buf + sizeof buf, seconds * 1e6, std::chars_format::fixed, 3);
    return ec == std::errc() ? std::string(buf, end) : std::string("0.000");
}

void metadata(std::ostream& out, bool& first, const char* what, int pid, int tid,
              const std::string& arg_name, const std::string& arg_value) {
    out << (first ? "\n" : ",\n") << R"({"ph":"M","name":")" << what << R"(","pid":)"
        << std::to_string(pid);
    if (tid >= 0) out << R"(,"tid":)" << std::to_string(tid);
    out << R"(,"args":{")" << arg_name << R"(":)" << arg_value << "}}";
    first = false;
}

}  // namespace

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t at = 0; at < text.size();) {
        char32_t cp = 0;
        const std::size_t len = utf8::next(text, at, &cp);
        const char c = text[at];
        if (len == 0) {
            out += "\\ufffd";  // not UTF-8: the replacement character, as decoders show it
        } else if (c == '"') {
            out += "\\\"";
        } else if (events::append_escaped(c, out)) {
            // tab, line feed, carriage return, backslash
        } else if (cp < 0x20 || cp == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(text.substr(at, len));
        }
        at += len == 0 ? 1 : len;
    }
    out += '"';
    return out;
}

std::string trace_title(int number, const ExperimentSpec& spec, int chunksize, int repeat) {
    std::string title = "Run " + std::to_string(number) + " · ";
    title += strategy_label(spec.strategy);
    if (own_counterpart(spec.strategy) != Strategy::Serial) {
        // Threads of this process for thread_map: no worker process runs there.
        const char* unit = uses_processes(spec.strategy) ? " worker" : " thread";
        title += " · " + std::to_string(spec.workers) + unit + (spec.workers == 1 ? "" : "s");
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
        if (const auto& p = run.serial_part; p && p->end_s >= p->start_s) {
            // tid 0: the workers' tracks count from 1; sorted above them.
            metadata(out, first, "thread_name", run.number, 0, "name",
                     json_string("serial part (parent) · pid " + std::to_string(p->pid)));
            metadata(out, first, "thread_sort_index", run.number, 0, "sort_index", "-1");
            out << ",\n"
                << R"({"ph":"X","cat":"serial","name":"serial part","pid":)"
                << std::to_string(run.number) << R"(,"tid":0,"ts":)" << micros(p->start_s)
                << R"(,"dur":)" << micros(p->end_s - p->start_s) << R"(,"args":{"ok":)"
                << (p->ok ? "true" : "false") << R"(,"error":)" << json_string(p->text) << "}}";
        }
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
                << R"({"ph":"X","cat":"task","name":"task )" << std::to_string(t.task)
                << R"(","pid":)" << std::to_string(run.number) << R"(,"tid":)"
                << std::to_string(it->second) << R"(,"ts":)" << micros(t.start_s) << R"(,"dur":)"
                << micros(t.end_s - t.start_s) << R"(,"args":{"task":)" << std::to_string(t.task)
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
        if (const auto& p = r.serial_part) {
            run.serial_part = TraceTask{-1, -1, p->pid, p->start_s, p->end_s, p->ok, p->error};
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace plab
