#include "mpi/mpi_runner.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <climits>

#include "mpi/mpi_args.h"
#include "mpi/mpi_death.h"
#include "mpi/mpi_job.h"
#include "mpi/mpi_launch.h"
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

/// Reads mpirun's output until it ends, is cancelled, or the reader stops the run (a protocol
/// error, a task past the timeout).
Reading read_job(python::PythonChild& child, MpiReader& reader, const CancelToken* cancel) {
    Reading out;
    std::string text;
    while (child.out_fd() >= 0 || child.err_fd() >= 0) {
        if (cancel != nullptr && cancel->cancelled()) {
            out.cancelled = true;
            break;
        }
        if (!reader.failure().empty() || reader.check_timeout(monotonic_ns())) break;
        pollfd fds[2] = {{child.out_fd(), POLLIN, 0}, {child.err_fd(), POLLIN, 0}};
        if (::poll(fds, 2, kTickMs) <= 0) continue;
        if (fds[0].revents != 0) child.read_some(child.out_fd(), text);
        if (fds[1].revents != 0) child.read_some(child.err_fd(), out.err);
        if (out.err.size() > 65536) out.err.erase(0, out.err.size() - 32768);
        const std::int64_t now = monotonic_ns();
        for (const std::string& l : python::take_lines(text))
            reader.line(l, now);
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
    python::PythonChild child(launch.argv, {});
    const Reading read = read_job(child, reader, cancel);
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
