#include "mpi/mpi_runner.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "mpi/mpi_args.h"
#include "mpi/mpi_death.h"
#include "mpi/mpi_guard.h"
#include "mpi/mpi_job.h"
#include "mpi/mpi_launch.h"
#include "mpi/mpi_protocol.h"
#include "mpi/mpi_reader.h"
#include "pool/clock.h"
#include "pool/proc_tree.h"
#include "python/python_child.h"

namespace plab::mpi {

namespace {

/// How often the reader looks at cancel and the task timeout.
constexpr int kTickMs = 50;
/// How long mpirun has to end its job after SIGTERM (it tells every host's daemon) before the
/// engine kills it and the ranks it left here.
constexpr int kTermGraceMs = 300;

std::string self_exe() {
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("parallel-lab");
}

std::string joined(const std::string& a, const std::string& b) {
    return a.empty() ? b : b.empty() ? a : a + "; " + b;
}

/// How mpirun ended, in words, when it did not end well and said nothing we could read.
std::string exit_words(int status) {
    if (WIFSIGNALED(status))
        return "mpirun was killed by signal " + std::to_string(WTERMSIG(status));
    return "mpirun exited with status " + std::to_string(WEXITSTATUS(status));
}

/// What reading the job gave: stderr's text (its last 32 KiB) and whether it was cancelled.
struct Reading {
    std::string err;
    bool cancelled = false;
};

/// A bound in milliseconds: the test hook `name` when it holds a number 1..86400000, else
/// fallback.
std::int64_t bound_ns(std::string_view name, long fallback) {
    const char* text = std::getenv(std::string(name).c_str());
    long ms = fallback;
    if (text != nullptr) {
        char* end = nullptr;
        const long v = std::strtol(text, &end, 10);
        if (end != text && *end == '\0' && v >= 1 && v <= 86400000) ms = v;
    }
    return static_cast<std::int64_t>(ms) * 1000000;
}

std::string seconds_text(std::int64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(ns) / 1e9);
    return buf;
}

/// The last line of text that is not blank nor a row of dashes ("" when none), cut to 300.
std::string last_said(const std::string& text) {
    std::istringstream in(text);
    std::string last;
    for (std::string l; std::getline(in, l);) {
        if (l.find_first_not_of(" -\t\r") != std::string::npos) last = l;
    }
    return last.substr(0, 300);
}

/// Reads mpirun's output until it ends, is cancelled, the reader stops the run (a protocol
/// error, a task past the timeout), mpirun does not start the job within the launch bound
/// (from spawned_ns to rank 0's begin), or does not exit within the exit bound after rank 0's
/// elapsed line; a line longer than kMaxLineBytes stops it too.
Reading read_job(python::PythonChild& child, MpiReader& reader, const CancelToken* cancel,
                 std::int64_t spawned_ns) {
    Reading out;
    std::string text;
    const std::int64_t launch_ns = bound_ns(kEnvLaunchTimeoutMs, kLaunchTimeoutMs);
    const std::int64_t exit_ns = bound_ns(kEnvExitTimeoutMs, kExitTimeoutMs);
    std::int64_t job_end_ns = -1;
    while (child.out_fd() >= 0 || child.err_fd() >= 0) {
        if (cancel != nullptr && cancel->cancelled()) {
            out.cancelled = true;
            break;
        }
        if (!reader.failure().empty() || reader.check_timeout(monotonic_ns())) break;
        const std::int64_t tick = monotonic_ns();
        if (!reader.begun() && tick - spawned_ns > launch_ns) {
            std::string said = last_said(out.err);
            if (said.empty() && !reader.chatter().empty()) said = reader.chatter().back();
            reader.fail("mpirun did not start the job within " + seconds_text(launch_ns) +
                        " (rank 0 never wrote its begin line); the lab ended it" +
                        (said.empty() ? "" : "; mpirun said: " + said));
            break;
        }
        if (reader.elapsed_s() >= 0 && job_end_ns < 0) job_end_ns = tick;
        if (job_end_ns >= 0 && tick - job_end_ns > exit_ns) {
            reader.fail("mpirun did not exit within " + seconds_text(exit_ns) +
                        " after rank 0 printed its results; the lab ended it");
            break;
        }
        pollfd fds[2] = {{child.out_fd(), POLLIN, 0}, {child.err_fd(), POLLIN, 0}};
        if (::poll(fds, 2, kTickMs) <= 0) continue;
        if (fds[0].revents != 0) child.read_some(child.out_fd(), text);
        if (fds[1].revents != 0) child.read_some(child.err_fd(), out.err);
        if (out.err.size() > 65536) out.err.erase(0, out.err.size() - 32768);
        const std::int64_t now = monotonic_ns();
        for (const std::string& l : python::take_lines(text))
            reader.line(l, now);
        if (text.size() > kMaxLineBytes) {
            reader.fail("mpirun wrote a line longer than " + std::to_string(kMaxLineBytes >> 20) +
                        " MiB (the most the lab takes, as the pool caps a message): '" +
                        text.substr(0, 60) + "...'");
            text.clear();
            break;
        }
    }
    if (!text.empty() && reader.failure().empty() && !out.cancelled)
        reader.line(text, monotonic_ns());
    return out;
}

}  // namespace

RunResult run_mpi_experiment(const ExperimentSpec& spec, RunId id, RunObserver* observer,
                             CancelToken* cancel) {
    RunResult result;
    result.spec = spec;
    result.id = id;
    result.chunksize = effective_chunksize(spec);
    if (observer != nullptr) observer->run_started(spec, id, result.chunksize);
    std::string note;
    std::string why;
    result.refusal = availability_problem(spec);
    const auto slots = result.refusal.empty() ? job_slots(spec, &why, &note) : std::nullopt;
    if (result.refusal.empty() && !slots) result.refusal = why;
    if (!result.refusal.empty()) {
        result.results.resize(static_cast<std::size_t>(spec.tasks));
        if (observer != nullptr) observer->run_finished(result);
        return result;
    }
    Facts facts;
    facts.euid = ::geteuid();
    facts.slots = *slots;
    facts.mpirun = find_on_path(spec.mpirun);
    facts.exe = self_exe();
    RankArgs rank_args{spec, true};
    rank_args.spec.delay_ns = parallel_delay_ns(spec);  // rank 0 does the serial part alone
    rank_args.serial_ns = serial_part_ns(spec);
    facts.rank_args = rank_command(rank_args);
    const Launch launch = mpirun_argv(spec, facts);
    result.note = joined(launch.note, note);

    MpiReader reader(spec, id, observer, result.note);
    const std::int64_t spawned = monotonic_ns();
    // Under the guard mode: mpirun gets SIGTERM when this engine dies in any way.
    python::PythonChild child(guarded_argv(facts.exe, launch.argv), {});
    const Reading read = read_job(child, reader, cancel, spawned);
    const bool stopped = read.cancelled || !reader.failure().empty();
    // The ranks on this machine are mpirun's children, each in a group of its own: noted now,
    // ended after mpirun (which ends the job everywhere when it can).
    const std::vector<int> ranks = process_descendants(child.pid());
    if (stopped && !child.terminate(kTermGraceMs)) child.kill_group();
    const int status = child.reap();
    end_strays(ranks);
    const std::int64_t ended = monotonic_ns();

    result.cancelled = read.cancelled;
    const bool finished = WIFEXITED(status) && WEXITSTATUS(status) == 0 && reader.elapsed_s() >= 0;
    if (!stopped && !finished) {
        const auto death = parse_rank_death(read.err);
        if (death && (death->rank >= 0 || reader.begun())) {
            reader.rank_died(*death, ended);
        } else {
            std::string said = death ? describe(*death) : "";
            if (said.empty() && !reader.chatter().empty())
                said = "mpirun said: " + reader.chatter().back();
            reader.fail(joined(exit_words(status), said));
        }
    }
    if (!read.cancelled) result.error = reader.failure();
    if (result.error.empty() && !read.cancelled && !reader.printed_list().empty() &&
        reader.printed_list() != repr_list(reader.results())) {
        result.error = "rank 0 printed " + reader.printed_list().substr(0, 200) +
                       " but its tasks reported " + repr_list(reader.results()).substr(0, 200);
    }
    result.launch_s = reader.launch_s(spawned);
    const std::int64_t from = reader.begun() ? reader.begin_engine_ns() : spawned;
    result.elapsed_s = reader.elapsed_s() >= 0 && result.error.empty() && !read.cancelled
                           ? reader.elapsed_s()
                           : static_cast<double>(ended - from) / 1e9;
    result.hosts = std::move(reader.hosts());
    result.serial_part = std::move(reader.serial_part());
    if (result.serial_part && !result.serial_part->ok) {  // the job ended inside it
        result.serial_part->end_s =
            std::max(result.serial_part->start_s, static_cast<double>(ended - from) / 1e9);
        result.serial_part->error = read.cancelled ? "cancelled" : "the job ended";
    }
    result.tasks = std::move(reader.tasks());
    result.results = std::move(reader.results());
    if (!result.error.empty()) result.errors.push_back(result.error);
    for (const auto& [task, error] : reader.errors())
        result.errors.push_back("task " + std::to_string(task) + ": " + error);
    if (observer != nullptr) observer->run_finished(result);
    return result;
}

}  // namespace plab::mpi
