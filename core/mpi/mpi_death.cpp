#include "mpi/mpi_death.h"

#include <string.h>

#include <algorithm>
#include <charconv>
#include <regex>
#include <vector>

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

/// What mpirun said in err when it named no rank: the last line outside its dashed boxes (an
/// ssh error, say) and the first line of its last box (the box's headline), "; " between.
std::string what_mpirun_said(std::string_view err) {
    std::string outside;
    std::string headline;
    bool in_box = false;
    bool box_started = false;
    std::size_t at = 0;
    while (at < err.size()) {
        std::size_t nl = err.find('\n', at);
        if (nl == std::string_view::npos) nl = err.size();
        const std::string line = one_line(err.substr(at, nl - at));
        at = nl + 1;
        if (line.empty()) continue;
        if (line.find_first_not_of('-') == std::string::npos) {  // a rule opens or closes a box
            in_box = !in_box;
            box_started = in_box;
            continue;
        }
        if (!in_box) {
            outside = line;
        } else if (box_started) {
            headline = line;
            box_started = false;
        }
    }
    std::string out = outside;
    if (!headline.empty() && headline != outside) out += (out.empty() ? "" : "; ") + headline;
    return out.substr(0, 300);
}

/// Whether a line of mpirun's stderr explains a failure in Open MPI's own words (a resource
/// limit, an error of its runtime) rather than being its boilerplate.
bool explains(const std::string& line) {
    for (const char* word : {"ERROR", "OUT-OF-RESOURCE", "limit", "exceeded", "resource",
                             "Resource", "No space", "Too many open files", "Cannot allocate"}) {
        if (line.find(word) != std::string::npos) return true;
    }
    return false;
}

/// The last 3 distinct lines of err that explain (see explains), " | " between.
std::string causes(std::string_view err) {
    std::vector<std::string> found;
    std::size_t at = 0;
    while (at < err.size()) {
        std::size_t nl = err.find('\n', at);
        if (nl == std::string_view::npos) nl = err.size();
        std::string line = one_line(err.substr(at, nl - at));
        at = nl + 1;
        if (line.find("noticed that process rank") != std::string::npos || !explains(line))
            continue;
        line.resize(std::min<std::size_t>(line.size(), 200));
        std::erase(found, line);
        found.push_back(std::move(line));
        if (found.size() > 3) found.erase(found.begin());
    }
    std::string out;
    for (const std::string& l : found)
        out += (out.empty() ? "" : " | ") + l;
    return out;
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
    d.cause = causes(err);
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
    d.cause.clear();  // no rank's death: what mpirun said is in text
    d.text = what_mpirun_said(err);
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
