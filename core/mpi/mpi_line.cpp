#include "mpi/mpi_line.h"

#include <cmath>
#include <vector>

#include "experiment/event_stream.h"
#include "mpi/mpi_protocol.h"
#include "python/python_line.h"

namespace plab::mpi {

namespace {

using python::number;

std::optional<MpiLine> fail(std::string* error, std::string why) {
    if (error != nullptr) *error = std::move(why);
    return std::nullopt;
}

bool host_name(std::string_view text, std::string& out) {
    if (text.empty() || text.size() > 255) return false;
    out = std::string(text);
    return true;
}

}  // namespace

std::optional<MpiLine> parse_mpi_line(std::string_view line, int tasks, int np,
                                      std::string* error) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::vector<std::string_view> f = python::split_tabs(line);
    if (f.size() < 3 || f[0] != kLinePrefix) return fail(error, "not a line the lab knows");
    MpiLine out;
    const std::string_view kind = f[1];
    auto fields = [&](std::size_t n) { return f.size() == n + 2; };
    auto rank = [&](std::string_view text, int& r) { return number(text, r, 0) && r < np; };
    auto task = [&](std::string_view text, int& t) { return number(text, t, 0) && t < tasks; };
    if (kind == kLineHello) {
        out.kind = MpiLine::Kind::Hello;
        if (!fields(3) || !number(f[2], out.np, 1) || out.np != np || !number(f[3], out.pid, 1) ||
            !host_name(f[4], out.host))
            return fail(error, "a bad hello line");
        return out;
    }
    if (kind == kLineRank) {
        out.kind = MpiLine::Kind::Rank;
        if (!fields(3) || !rank(f[2], out.rank) || !host_name(f[3], out.host) ||
            !number(f[4], out.pid, 1))
            return fail(error, "a bad rank line");
        return out;
    }
    if (kind == kLineClock) {
        out.kind = MpiLine::Kind::Clock;
        if (!fields(5) || !host_name(f[2], out.host) || !rank(f[3], out.rank) ||
            !number(f[4], out.offset_ns, INT64_MIN) || !number(f[5], out.delay_ns, int64_t{0}) ||
            !number(f[6], out.samples, 0))
            return fail(error, "a bad clock line");
        return out;
    }
    if (kind == kLineBegin) {
        out.kind = MpiLine::Kind::Begin;
        if (!fields(1) || !number(f[2], out.t_ns, int64_t{0}))
            return fail(error, "a bad begin line");
        return out;
    }
    if (kind == kLineGive) {
        out.kind = MpiLine::Kind::Give;
        if (!fields(3) || !rank(f[2], out.rank) || !number(f[3], out.first, 0) ||
            !number(f[4], out.count, 0) || out.first > tasks || out.count > tasks - out.first)
            return fail(error, "a bad give line");
        return out;
    }
    if (kind == kLineStart) {
        out.kind = MpiLine::Kind::Start;
        if (!fields(3) || !task(f[2], out.task) || !rank(f[3], out.rank) ||
            !number(f[4], out.t_ns, int64_t{0}))
            return fail(error, "a bad task start");
        return out;
    }
    if (kind == kLineEnd) {
        out.kind = MpiLine::Kind::End;
        if (!fields(6) || !task(f[2], out.task) || !rank(f[3], out.rank) ||
            !number(f[4], out.t_ns, int64_t{0}) || !number(f[5], out.end_ns, out.t_ns) ||
            out.end_ns - out.t_ns > kMaxSpanNs || (f[6] != kEndOk && f[6] != kEndError))
            return fail(error, "a bad task end");
        out.ok = f[6] == kEndOk;
        out.text = events::unescape(f[7]);
        return out;
    }
    if (kind == kLineList) {
        out.kind = MpiLine::Kind::List;
        if (!fields(1) || f[2].size() < 2 || f[2].front() != '[' || f[2].back() != ']')
            return fail(error, "a bad list line");
        out.text = std::string(f[2]);
        return out;
    }
    if (kind == kLineElapsed) {
        out.kind = MpiLine::Kind::Elapsed;
        const std::string_view v = fields(1) ? f[2] : std::string_view();
        const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out.elapsed_s);
        if (v.empty() || ec != std::errc() || p != v.data() + v.size() ||
            !std::isfinite(out.elapsed_s) || out.elapsed_s < 0 ||
            out.elapsed_s > static_cast<double>(kMaxSpanNs) / 1e9)
            return fail(error, "a bad elapsed line");
        return out;
    }
    if (kind == kLineSerialStart) {
        out.kind = MpiLine::Kind::SerialStart;
        if (!fields(1) || !number(f[2], out.t_ns, int64_t{0}))
            return fail(error, "a bad serial_start line");
        return out;
    }
    if (kind == kLineSerialEnd) {
        out.kind = MpiLine::Kind::SerialEnd;
        if (!fields(2) || !number(f[2], out.t_ns, int64_t{0}) ||
            !number(f[3], out.end_ns, out.t_ns) || out.end_ns - out.t_ns > kMaxSpanNs)
            return fail(error, "a bad serial_end line");
        return out;
    }
    if (kind == kLineLost) {
        out.kind = MpiLine::Kind::Lost;
        if (!fields(2) || !task(f[2], out.task) || f[3].empty())
            return fail(error, "a bad lost line");
        out.text = events::unescape(f[3]);
        return out;
    }
    return fail(error, "an unknown kind of line");
}

}  // namespace plab::mpi
