#include "experiment/event_stream.h"

#include <charconv>
#include <cmath>
#include <vector>

#include "experiment/number_format.h"

namespace plab::events {

namespace {

void field(std::string& out, std::string_view v) {
    out += '\t';
    out += v;
}
void field(std::string& out, long long v) {
    field(out, std::to_string(v));
}
void seconds_field(std::string& out, double v) {
    field(out, format_fixed6(v));
}
constexpr std::string_view kHostField = "host=";
/// An MPI task's trailing host=<index>; nothing for other runs' tasks.
void host_field(std::string& out, const TaskRecord& t) {
    if (t.host >= 0) field(out, std::string(kHostField) + std::to_string(t.host));
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> parts;
    std::size_t at = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', at);
        parts.push_back(
            line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
        if (tab == std::string_view::npos) break;
        at = tab + 1;
    }
    return parts;
}

template <class T>
bool to_int(std::string_view s, T& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool to_double(std::string_view s, double& out) {
    if (s == "nan") {
        out = std::nan("");
        return true;
    }
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

bool append_escaped(char c, std::string& out) {
    switch (c) {
        case '\t':
            out += "\\t";
            return true;
        case '\n':
            out += "\\n";
            return true;
        case '\r':
            out += "\\r";
            return true;
        case '\\':
            out += "\\\\";
            return true;
        default:
            return false;
    }
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (!append_escaped(c, out)) out += c;
    }
    return out;
}

std::string unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char c = text[++i];
        out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    return out;
}

std::string run_line(const ExperimentSpec& spec, RunId id, int chunksize) {
    std::string out = "run";
    field(out, id.run);
    field(out, id.repeat);
    field(out, strategy_name(spec.strategy));
    field(out, spec.workers);
    field(out, spec.tasks);
    seconds_field(out, static_cast<double>(spec.delay_ns) / 1e9);
    field(out, workload_name(spec.workload));
    field(out, spec.exponent);
    field(out, chunksize);
    field(out, spec.crash_task);
    if (spec.payload_bytes > 0) field(out, "payload=" + std::to_string(spec.payload_bytes));
    return out;
}

std::string start_line(RunId id, const TaskRecord& t) {
    std::string out = "start";
    field(out, id.run);
    field(out, t.task);
    field(out, t.worker);
    field(out, t.pid);
    seconds_field(out, t.start_s);
    host_field(out, t);
    return out;
}

std::string task_line(RunId id, const TaskRecord& t) {
    std::string out = "task";
    field(out, id.run);
    field(out, t.task);
    field(out, t.worker);
    field(out, t.pid);
    seconds_field(out, t.start_s);
    seconds_field(out, t.end_s);
    field(out, t.ok ? 1 : 0);
    field(out, escape(t.ok ? t.result.repr() : t.error));
    host_field(out, t);
    return out;
}

std::string end_line(const SweepRow& row) {
    const RunResult& r = row.run;
    std::string out = "end";
    field(out, r.id.run);
    seconds_field(out, r.elapsed_s);
    seconds_field(out, row.serial_s);
    seconds_field(out, row.ideal_s);
    seconds_field(out, row.speedup);
    seconds_field(out, row.efficiency);
    field(out, std::isnan(row.karp_flatt) ? std::string("nan") : format_fixed6(row.karp_flatt));
    field(out, static_cast<long long>(r.refusal.empty() ? r.failed() : r.spec.tasks));
    field(out, r.cancelled ? 1 : 0);
    field(out, escape(r.refusal));
    return out;
}

std::string done_line(int exit_code) {
    return "done\t" + std::to_string(exit_code);
}

std::string serial_start_line(RunId id, const TaskRecord& part) {
    std::string out = "serial-start";
    field(out, id.run);
    field(out, part.pid);
    seconds_field(out, part.start_s);
    return out;
}

std::string serial_line(RunId id, const TaskRecord& part) {
    std::string out = "serial";
    field(out, id.run);
    field(out, part.pid);
    seconds_field(out, part.start_s);
    seconds_field(out, part.end_s);
    field(out, part.ok ? 1 : 0);
    field(out, escape(part.error));
    return out;
}

std::string host_line(RunId id, int index, const HostClock& host) {
    std::string out = "host";
    field(out, id.run);
    field(out, index);
    field(out, escape(host.name));
    seconds_field(out, static_cast<double>(host.offset_ns) / 1e9);
    seconds_field(out, static_cast<double>(host.uncertainty_ns) / 1e9);
    return out;
}

std::string note_line(RunId id, std::string_view note) {
    std::string out = "note";
    field(out, id.run);
    field(out, escape(note));
    return out;
}

std::optional<Event> parse(std::string_view line, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<Event> {
        if (error != nullptr) *error = why + ": " + std::string(line.substr(0, 80));
        return std::nullopt;
    };
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == kHeader) return Event{};
    std::vector<std::string_view> f = split_tabs(line);
    Event e;
    // An MPI task's start or task line ends with host=<index>: taken off, then parsed as before.
    if (((f[0] == "start" && f.size() == 7) || (f[0] == "task" && f.size() == 10)) &&
        f.back().substr(0, kHostField.size()) == kHostField) {
        if (!to_int(f.back().substr(kHostField.size()), e.task.host) || e.task.host < 0)
            return fail("malformed host field");
        f.pop_back();
    }
    auto want = [&](std::size_t n) { return f.size() == n; };
    constexpr std::string_view kPayload = "payload=";  // a 12th field only when there is one
    const bool payload = f.size() == 12 && f[11].substr(0, kPayload.size()) == kPayload;
    if (f[0] == "run" && (want(11) || payload)) {
        if (payload && (!to_int(f[11].substr(kPayload.size()), e.spec.payload_bytes) ||
                        e.spec.payload_bytes <= 0))
            return fail("malformed run event");
        e.kind = Event::Kind::Run;
        double delay = 0;
        const auto strategy = parse_strategy(f[3]);
        const auto workload = parse_workload(f[7]);
        if (!strategy || !workload || !to_int(f[1], e.id.run) || !to_int(f[2], e.id.repeat) ||
            !to_int(f[4], e.spec.workers) || !to_int(f[5], e.spec.tasks) ||
            !to_double(f[6], delay) || !to_int(f[8], e.spec.exponent) ||
            !to_int(f[9], e.chunksize) || !to_int(f[10], e.spec.crash_task)) {
            return fail("malformed run event");
        }
        e.spec.strategy = *strategy;
        e.spec.workload = *workload;
        e.spec.delay_ns = std::llround(delay * 1e9);
        e.spec.chunksize = e.chunksize;
        return e;
    }
    if ((f[0] == "start" && want(6)) || (f[0] == "task" && want(9))) {
        const bool started = f[0] == "start";
        e.kind = started ? Event::Kind::Start : Event::Kind::Task;
        if (!to_int(f[1], e.id.run) || !to_int(f[2], e.task.task) || !to_int(f[3], e.task.worker) ||
            !to_int(f[4], e.task.pid) || !to_double(f[5], e.task.start_s)) {
            return fail(started ? "malformed start event" : "malformed task event");
        }
        if (started) return e;
        int ok = 0;
        if (!to_double(f[6], e.task.end_s) || !to_int(f[7], ok) || (ok != 0 && ok != 1)) {
            return fail("malformed task event");
        }
        e.task.ok = ok == 1;
        e.text = unescape(f[8]);
        if (!e.task.ok) e.task.error = e.text;
        return e;
    }
    if (f[0] == "end" && want(11)) {
        e.kind = Event::Kind::End;
        int cancelled = 0;
        if (!to_int(f[1], e.id.run) || !to_double(f[2], e.elapsed_s) ||
            !to_double(f[3], e.serial_s) || !to_double(f[4], e.ideal_s) ||
            !to_double(f[5], e.speedup) || !to_double(f[6], e.efficiency) ||
            !to_double(f[7], e.karp_flatt) || !to_int(f[8], e.failed) || !to_int(f[9], cancelled)) {
            return fail("malformed end event");
        }
        e.cancelled = cancelled != 0;
        e.text = unescape(f[10]);
        return e;
    }
    if (f[0] == "done" && want(2)) {
        e.kind = Event::Kind::Done;
        if (!to_int(f[1], e.exit_code)) return fail("malformed done event");
        return e;
    }
    if ((f[0] == "serial-start" && want(4)) || (f[0] == "serial" && want(7))) {
        const bool started = f[0] == "serial-start";
        e.kind = started ? Event::Kind::SerialStart : Event::Kind::Serial;
        e.task.task = -1;
        e.task.worker = -1;
        int ok = 0;
        if (!to_int(f[1], e.id.run) || !to_int(f[2], e.task.pid) ||
            !to_double(f[3], e.task.start_s) ||
            (!started &&
             (!to_double(f[4], e.task.end_s) || !to_int(f[5], ok) || ok < 0 || ok > 1))) {
            return fail("malformed serial part event");
        }
        if (started) return e;
        e.task.ok = ok == 1;
        e.text = unescape(f[6]);
        e.task.error = e.text;
        return e;
    }
    if (f[0] == "host" && want(6)) {
        e.kind = Event::Kind::Host;
        if (!to_int(f[1], e.id.run) || !to_int(f[2], e.host) || e.host < 0 ||
            !to_double(f[4], e.offset_s) || !to_double(f[5], e.uncertainty_s))
            return fail("malformed host event");
        e.text = unescape(f[3]);
        return e;
    }
    if (f[0] == "note" && want(3)) {
        e.kind = Event::Kind::Note;
        if (!to_int(f[1], e.id.run)) return fail("malformed note event");
        e.text = unescape(f[2]);
        return e;
    }
    return fail("unknown event");
}

}  // namespace plab::events
