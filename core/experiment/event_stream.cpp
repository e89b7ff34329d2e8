#include "experiment/event_stream.h"

#include <algorithm>
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

/// The shortest text that reads back to v exactly, in every locale.
std::string shortest(double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : format_fixed6(v);
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

/// Reads one optional key=value field of a run line into spec; false when the key is unknown,
/// given twice (seen holds the keys so far) or its value is out of range.
bool run_option(std::string_view f, ExperimentSpec& spec, std::vector<std::string_view>& seen) {
    const std::size_t eq = f.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string_view key = f.substr(0, eq), value = f.substr(eq + 1);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) return false;
    seen.push_back(key);
    if (key == "payload") return to_int(value, spec.payload_bytes) && spec.payload_bytes > 0;
    if (key == "seed") return to_int(value, spec.seed) && spec.seed >= 0;
    if (key == "serial_fraction") {
        return to_double(value, spec.serial_fraction) && spec.serial_fraction > 0 &&
               spec.serial_fraction < 1;
    }
    std::optional<bool> known;
    if (key == "durations") {
        const auto d = parse_durations(value);
        if (d) spec.durations = *d;
        known = d.has_value();
    } else if (key == "scaling") {
        const auto sc = parse_scaling(value);
        if (sc) spec.scaling = *sc;
        known = sc.has_value();
    } else if (key == "start") {
        const auto m = parse_start_method(value);
        if (m) spec.start_method = *m;
        known = m.has_value();
    }
    return known.value_or(false);
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
    // The lessons' settings, each only when it differs from the article's experiment.
    if (spec.payload_bytes > 0) field(out, "payload=" + std::to_string(spec.payload_bytes));
    if (spec.durations.shape != DurationShape::Fixed) {
        field(out, "durations=" + format_durations(spec.durations));
        field(out, "seed=" + std::to_string(spec.seed));
    }
    if (spec.serial_fraction > 0) field(out, "serial_fraction=" + shortest(spec.serial_fraction));
    if (spec.scaling != Scaling::Strong)
        field(out, "scaling=" + std::string(scaling_name(spec.scaling)));
    if (spec.start_method != StartMethod::Fork)
        field(out, "start=" + std::string(start_method_name(spec.start_method)));
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
    if (f[0] == "run" && f.size() >= 11) {
        std::vector<std::string_view> seen;
        for (std::size_t i = 11; i < f.size(); ++i) {
            if (!run_option(f[i], e.spec, seen)) return fail("malformed run event");
        }
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
