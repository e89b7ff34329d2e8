#include "mpi/mpi_death.h"

#include <string.h>

#include <charconv>
#include <regex>

namespace plab::mpi {

namespace {

/// err with every run of white space (line breaks included) made one space: mpirun wraps its
/// messages at different places in different versions.
std::string one_line(std::string_view err) {
    std::string out;
    out.reserve(err.size());
    for (const char c : err) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

template <class T>
T number(const std::ssub_match& m, T fallback) {
    const std::string s = m.str();
    T v = fallback;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && ec == std::errc() && p == s.data() + s.size() ? v : fallback;
}

/// The last line of err that says something: not blank, not a rule of dashes.
std::string last_meaningful_line(std::string_view err) {
    std::string best;
    std::size_t at = 0;
    while (at < err.size()) {
        std::size_t nl = err.find('\n', at);
        if (nl == std::string_view::npos) nl = err.size();
        std::string line = one_line(err.substr(at, nl - at));
        at = nl + 1;
        if (!line.empty() && line.find_first_not_of('-') != std::string::npos) best = line;
    }
    return best.substr(0, 300);
}

}  // namespace

std::optional<RankDeath> parse_rank_death(std::string_view err) {
    if (err.size() > 65536) err = err.substr(err.size() - 65536);  // the end says it
    const std::string text = one_line(err);
    RankDeath d;
    static const std::regex signalled(
        R"(noticed that process rank (\d+) with PID (\d+) on node (\S+) exited on signal (\d+)(?: \(([^)]*)\))?)");
    static const std::regex exited(
        R"(has exited due to process rank (\d+) with PID (\d+) on node (\S+) (exiting improperly|calling "abort"))");
    static const std::regex nonzero(R"(Process name: \[\[\d+,\d+\],(\d+)\] Exit code: (\d+))");
    std::smatch m;
    if (std::regex_search(text, m, signalled)) {
        d.rank = number(m[1], -1);
        d.pid = number(m[2], 0L);
        d.host = m[3].str();
        d.signal = number(m[4], 0);
        d.signal_name = m[5].str();
        return d;
    }
    if (std::regex_search(text, m, exited)) {
        d.rank = number(m[1], -1);
        d.pid = number(m[2], 0L);
        d.host = m[3].str();
        d.improper = m[4].str() == "exiting improperly";
        d.aborted = !d.improper;
        return d;
    }
    if (std::regex_search(text, m, nonzero)) {
        d.rank = number(m[1], -1);
        d.exit_code = number(m[2], -1);
        return d;
    }
    d.text = last_meaningful_line(err);
    if (d.text.empty()) return std::nullopt;
    return d;
}

std::string describe(const RankDeath& d) {
    if (d.rank < 0 && d.signal == 0 && d.exit_code < 0 && !d.improper && !d.aborted)
        return d.text.empty() ? "a rank ended the job" : "mpirun said: " + d.text;
    std::string out = d.rank >= 0 ? "rank " + std::to_string(d.rank) : "a rank";
    if (!d.host.empty()) out += " on host " + d.host;
    if (d.pid > 0) out += " (pid " + std::to_string(d.pid) + ")";
    if (d.signal > 0) {
        out += " was killed by signal " + std::to_string(d.signal);
        // As our pool names it ("(SIGKILL)"), which the window reads; else mpirun's name.
        const char* abbrev = ::sigabbrev_np(d.signal);
        if (abbrev != nullptr) {
            out += std::string(" (SIG") + abbrev + ")";
        } else if (!d.signal_name.empty()) {
            out += " (" + d.signal_name + ")";
        }
    } else if (d.exit_code >= 0) {
        out += " exited with status " + std::to_string(d.exit_code);
    } else if (d.aborted) {
        out += " called MPI_Abort";
    } else {
        out += " ended without MPI_Finalize";
    }
    return out;
}

}  // namespace plab::mpi
