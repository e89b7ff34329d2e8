#include "python/python_line.h"

#include <cmath>
#include <vector>

namespace plab::python {

namespace {

std::optional<ScriptLine> fail(std::string* error, std::string why) {
    if (error != nullptr) *error = std::move(why);
    return std::nullopt;
}

}  // namespace

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', at);
        out.push_back(line.substr(at, tab == std::string_view::npos ? tab : tab - at));
        if (tab == std::string_view::npos) return out;
        at = tab + 1;
    }
}

Value result_value(const std::string& repr) {
    std::int64_t v = 0;
    if (number(repr, v, INT64_MIN)) return v;
    return Value(repr);  // not a 64-bit integer (a huge pow): kept as Python wrote it
}

std::optional<ScriptLine> parse_script_line(std::string_view line, int tasks, std::string* error) {
    ScriptLine out;
    if (line.rfind("Elapsed: ", 0) == 0) {
        out.kind = ScriptLine::Kind::Elapsed;
        const std::string_view v = line.substr(9);
        const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out.elapsed_s);
        if (v.empty() || ec != std::errc() || p != v.data() + v.size() ||
            !std::isfinite(out.elapsed_s) || out.elapsed_s < 0) {
            return fail(error, "a bad elapsed time");
        }
        return out;
    }
    if (!line.empty() && line.front() == '[' && line.back() == ']') {
        out.kind = ScriptLine::Kind::List;
        out.text = std::string(line);
        return out;
    }
    const std::vector<std::string_view> f = split_tabs(line);
    if (f.size() < 3 || f[0] != "@plab") return fail(error, "not a line the lab knows");
    if (f[1] == "begin") {
        out.kind = ScriptLine::Kind::Begin;
        if (f.size() != 3 || !number(f[2], out.start_ns, std::int64_t{0}))
            return fail(error, "a bad begin line");
        return out;
    }
    if (f[1] == "payload") {  // the parent found a task's bytes altered on their way back
        out.kind = ScriptLine::Kind::Payload;
        if (f.size() != 4 || !number(f[2], out.task, 0) || out.task >= tasks || f[3].empty())
            return fail(error, "a bad payload line");
        out.text = std::string(f[3]);
        return out;
    }
    if (f[1] == "serial") {  // the parent's serial part: its start, then its start and end
        out.kind = f.size() == 4 ? ScriptLine::Kind::SerialStart : ScriptLine::Kind::SerialEnd;
        if ((f.size() != 4 && f.size() != 5) || !number(f[2], out.pid, 1) ||
            !number(f[3], out.start_ns, std::int64_t{0}) ||
            (f.size() == 5 && !number(f[4], out.end_ns, out.start_ns)))
            return fail(error, "a bad serial part line");
        return out;
    }
    const bool start = f[1] == "start";
    if (!start && f[1] != "end") return fail(error, "an unknown event");
    if (f.size() != (start ? 6U : 9U) || !number(f[2], out.task, 0) || out.task >= tasks ||
        !number(f[3], out.pid, 1) || !number(f[4], out.tid, 1) ||
        !number(f[5], out.start_ns, std::int64_t{0})) {
        return fail(error, start ? "a bad task start" : "a bad task end");
    }
    if (start) {
        out.kind = ScriptLine::Kind::Start;
        return out;
    }
    out.kind = ScriptLine::Kind::End;
    if (!number(f[6], out.end_ns, out.start_ns) || (f[7] != "ok" && f[7] != "error"))
        return fail(error, "a bad task end");
    out.ok = f[7] == "ok";
    out.text = std::string(f[8]);
    return out;
}

}  // namespace plab::python
