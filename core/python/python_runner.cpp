#include "python/python_runner.h"

#include <poll.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "experiment/durations.h"
#include "experiment/number_format.h"
#include "experiment/serial_part.h"
#include "pool/clock.h"
#include "python/python_child.h"
#include "python/python_line.h"
#include "python/python_setup.h"

namespace plab::python {

namespace {

/// The largest PLAB_EXPERIMENT the environment carries (Linux allows 128 KiB per string).
constexpr std::size_t kMaxSettings = 120'000;
/// How often the reader looks at cancel, dead workers and timeouts.
constexpr int kTickMs = 50;
/// The script's first line must come within this many seconds of the interpreter's start.
constexpr std::int64_t kStartLimitS = 60;
/// How long the pipes may stay open once the interpreter has exited (its last lines in flight).
constexpr std::int64_t kExitGraceMs = 500;
/// The longest line of the script's output the lab keeps (as the pool caps a message), but for
/// the room a run's results list needs (max_line_bytes).
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

/// The experiment as plab.py reads it (JSON). Per-task delays only when durations are shaped.
std::string settings_json(const ExperimentSpec& spec) {
    ExperimentSpec s = spec;  // the tasks' delays: what the serial part leaves them
    s.delay_ns = parallel_delay_ns(spec);
    std::string j = "{\"workers\":" + std::to_string(s.workers) +
                    ",\"tasks\":" + std::to_string(s.tasks) +
                    ",\"exponent\":" + std::to_string(s.exponent) +
                    ",\"chunksize\":" + std::to_string(effective_chunksize(s)) +
                    ",\"delay_ns\":" + std::to_string(s.delay_ns) + ",\"workload\":\"" +
                    std::string(workload_name(s.workload)) +
                    "\",\"crash_task\":" + std::to_string(s.crash_task) + ",\"start_method\":\"" +
                    std::string(start_method_name(s.start_method)) +
                    "\",\"payload_bytes\":" + std::to_string(s.payload_bytes) +
                    ",\"serial_ns\":" + std::to_string(serial_part_ns(spec));
    if (s.durations.shape != DurationShape::Fixed) {
        j += ",\"delays_ns\":[";
        for (int i = 0; i < s.tasks && j.size() <= kMaxSettings; ++i)
            j += (i == 0 ? "" : ",") + std::to_string(planned_delay_ns(s, i));
        j += "]";
    }
    return j + "}";
}

/// Why the py_ strategies cannot run spec, or "".
std::string unsupported(const ExperimentSpec& s) {
    if (settings_json(s).size() > kMaxSettings) {
        return "the py_ strategies take shaped durations for a few thousand tasks at most, got " +
               std::to_string(s.tasks);
    }
    return "";
}

/// True when process pid is gone or a zombie (dead, not yet reaped by Python's pool).
bool process_dead(int pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) return true;
    const auto paren = text.rfind(')');
    return paren == std::string::npos || paren + 2 >= text.size() || text[paren + 2] == 'Z' ||
           text[paren + 2] == 'X';
}

/// One run's reading of a script's output: its task events become TaskRecords.
class ScriptReader {
  public:
    ScriptReader(const ExperimentSpec& spec, RunId id, RunObserver* observer)
        : spec_(spec),
          id_(id),
          observer_(observer),
          results_(static_cast<std::size_t>(spec.tasks)) {}

    /// Takes one line of standard output; a line it cannot read stops the run (failure()).
    void line(const std::string& text) {
        std::string why;
        const auto l = parse_script_line(text, spec_.tasks, &why);
        if (!l || (l->kind != ScriptLine::Kind::Begin && begin_ns_ < 0)) {
            if (why.empty()) why = "an event before the script's begin";
            fail("the Python script wrote a line the lab cannot read (" + why + "): '" +
                 text.substr(0, 120) + "'");
            return;
        }
        switch (l->kind) {
            case ScriptLine::Kind::Begin:
                begin_ns_ = l->start_ns;
                break;
            case ScriptLine::Kind::Start:
                started(*l);
                break;
            case ScriptLine::Kind::End:
                ended(*l);
                break;
            case ScriptLine::Kind::List:
                printed_list_ = l->text;
                break;
            case ScriptLine::Kind::Elapsed:
                elapsed_s_ = l->elapsed_s;
                break;
            case ScriptLine::Kind::SerialStart:
            case ScriptLine::Kind::SerialEnd:
                serial(*l);
                break;
            case ScriptLine::Kind::Payload:
                if (ended_.count(l->task) == 0) {
                    fail("the Python script found the payload of task " + std::to_string(l->task) +
                         " altered before it ended");
                } else {
                    payload_failures_.emplace(l->task, l->text);
                }
                break;
        }
    }

    /// Tasks started and not ended whose worker process is gone, or that ran past the timeout:
    /// the first becomes the run's failure. pid: the interpreter's (its tasks end with it).
    void check_running(int interpreter_pid, const std::set<int>& ended_since) {
        const std::int64_t now = monotonic_ns();
        for (const auto& [task, rec] : running_) {
            if (ended_since.count(task) != 0) continue;
            if (rec.pid != interpreter_pid && process_dead(rec.pid)) {
                fail("task " + std::to_string(task) + ": its worker process " +
                     std::to_string(rec.pid) + " died; " + kPoolWouldWait);
                return;
            }
            if (spec_.task_timeout_ns > 0 && now - start_ns_.at(task) > spec_.task_timeout_ns) {
                fail("task " + std::to_string(task) + " ran longer than the task timeout; " +
                     "Python's Pool has no task timeout and would wait for it: the lab ended the "
                     "run");
                return;
            }
        }
    }
    /// The tasks running now.
    std::set<int> running() const {
        std::set<int> out;
        for (const auto& [task, rec] : running_)
            out.insert(task);
        return out;
    }

    void fail(std::string why) {
        if (failure_.empty()) failure_ = std::move(why);
    }
    const std::string& failure() const { return failure_; }
    std::int64_t begin_ns() const { return begin_ns_; }
    double elapsed_s() const { return elapsed_s_; }
    const std::string& printed_list() const { return printed_list_; }
    std::vector<TaskRecord>& tasks() { return tasks_; }
    std::vector<Value>& results() { return results_; }
    const std::map<int, std::string>& errors() const { return errors_; }

    /// The parent's serial part as the script reported it (task -1, worker -1), if it began.
    /// One that never ended is told to the observer now, as our runner tells a cut-short one:
    /// not ok, with why (cancelled, or the run's failure), ending at ended_ns.
    std::optional<TaskRecord> serial_part(const std::string& why_unfinished,
                                          std::int64_t ended_ns) const {
        if (!serial_part_ || serial_ended_) return serial_part_;
        TaskRecord r = *serial_part_;
        r.error = why_unfinished;
        r.end_s = std::max(r.start_s, seconds(ended_ns));
        if (observer_ != nullptr) observer_->serial_part_finished(id_, r);
        return r;
    }

    /// After the printed list was compared: each task whose bytes the parent found altered
    /// fails with its reason, as our pool's settle_payloads fails it (its result None).
    void settle_payloads() {
        for (const auto& [task, why] : payload_failures_) {
            results_[static_cast<std::size_t>(task)] = Value();
            errors_[task] = why;
            for (TaskRecord& t : tasks_) {
                if (t.task != task) continue;
                t.ok = false;
                t.error = why;
                t.result = Value();
            }
        }
    }

  private:
    int slot(int tid) {
        const auto [it, added] = slots_.emplace(tid, static_cast<int>(slots_.size()));
        return it->second;
    }
    double seconds(std::int64_t ns) const { return static_cast<double>(ns - begin_ns_) / 1e9; }

    void serial(const ScriptLine& l) {
        const bool start = l.kind == ScriptLine::Kind::SerialStart;
        if (start == serial_part_.has_value() || serial_ended_ || !running_.empty() ||
            !ended_.empty() || (!start && l.start_ns != start_ns_of_serial_)) {
            fail("the Python script reported its serial part out of order");
            return;
        }
        if (start) {
            TaskRecord r;
            r.task = -1;
            r.worker = -1;
            r.pid = l.pid;
            r.start_s = seconds(l.start_ns);
            start_ns_of_serial_ = l.start_ns;
            serial_part_ = r;
            if (observer_ != nullptr) observer_->serial_part_started(id_, r);
            return;
        }
        serial_part_->end_s = seconds(l.end_ns);
        serial_part_->ok = true;
        serial_ended_ = true;
        if (observer_ != nullptr) observer_->serial_part_finished(id_, *serial_part_);
    }

    void started(const ScriptLine& l) {
        TaskRecord r;
        r.task = l.task;
        r.worker = slot(l.tid);
        r.pid = l.pid;
        r.start_s = seconds(l.start_ns);
        if (!running_.emplace(l.task, r).second || ended_.count(l.task) != 0) {
            fail("the Python script started task " + std::to_string(l.task) + " twice");
            return;
        }
        start_ns_[l.task] = l.start_ns;
        if (observer_ != nullptr) observer_->task_started(id_, r);
    }

    void ended(const ScriptLine& l) {
        const auto it = running_.find(l.task);
        if (it == running_.end() || !ended_.insert(l.task).second) {
            fail("the Python script ended task " + std::to_string(l.task) +
                 " that was not running");
            return;
        }
        TaskRecord r = it->second;
        running_.erase(it);
        r.end_s = seconds(l.end_ns);
        r.ok = l.ok;
        if (l.ok) {
            r.result = result_value(l.text);
            results_[static_cast<std::size_t>(l.task)] = r.result;
        } else {
            r.error = l.text;
            errors_[l.task] = l.text;
        }
        if (observer_ != nullptr) observer_->task_finished(id_, r);
        tasks_.push_back(std::move(r));
    }

    const ExperimentSpec& spec_;
    RunId id_;
    RunObserver* observer_;
    std::int64_t begin_ns_ = -1;
    double elapsed_s_ = -1;
    std::string printed_list_;
    std::string failure_;
    std::map<int, int> slots_;  ///< thread id -> worker row, in order of first task
    std::map<int, TaskRecord> running_;
    std::map<int, std::int64_t> start_ns_;
    std::set<int> ended_;
    std::vector<TaskRecord> tasks_;
    std::vector<Value> results_;
    std::map<int, std::string> errors_;
    std::map<int, std::string> payload_failures_;  ///< task -> why its bytes came back altered
    std::optional<TaskRecord> serial_part_;        ///< the parent's serial part, once begun
    std::int64_t start_ns_of_serial_ = 0;
    bool serial_ended_ = false;
};

/// The last line of what the script wrote on standard error: Python's exception, as it says it.
std::string last_line(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    const auto nl = text.rfind('\n');
    return nl == std::string::npos ? text : text.substr(nl + 1);
}

/// True when Python's printed list is ours; unordered: the same items in any order (Python's
/// imap_unordered prints them as they came).
bool same_list(const std::string& printed, const std::string& ours, bool unordered) {
    if (!unordered) return printed == ours;
    auto items = [](const std::string& list) {
        std::vector<std::string> out;
        const std::string inner = list.size() >= 2 ? list.substr(1, list.size() - 2) : "";
        for (std::size_t at = 0; at <= inner.size();) {
            const std::size_t comma = inner.find(", ", at);
            out.push_back(inner.substr(at, comma == std::string::npos ? comma : comma - at));
            if (comma == std::string::npos) break;
            at = comma + 2;
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    return items(printed) == items(ours);
}

/// How the interpreter ended, in words, when it did not end well.
std::string exit_problem(int status, const std::string& python_error) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
    std::string out = WIFSIGNALED(status)
                          ? "python was killed by signal " + std::to_string(WTERMSIG(status))
                          : "python exited with status " + std::to_string(WEXITSTATUS(status));
    return python_error.empty() ? out : out + ": " + python_error;
}

/// How long the script has from the interpreter's start to its first line: generous, for a
/// cold interpreter on a loaded machine (a pyenv shim alone takes seconds). PLAB_PYTHON_START_MS
/// (1..60000) sets a shorter bound, for tests.
std::int64_t start_limit_ns() {
    const char* text = std::getenv("PLAB_PYTHON_START_MS");
    int ms = 0;
    if (text != nullptr && number(std::string_view(text), ms, 1) && ms <= 60'000)
        return std::int64_t{ms} * 1'000'000;
    return kStartLimitS * 1'000'000'000LL;
}

/// The longest line the script may write: kMaxLineBytes, plus room for its results list, which
/// holds pow(x, exponent) for every task (10,000,000 squares print about 170 MB; the engine
/// keeps those values anyway).
std::size_t max_line_bytes(const ExperimentSpec& spec) {
    std::size_t digits = 1;  // of the largest input, tasks - 1
    for (int x = spec.tasks - 1; x >= 10; x /= 10)
        ++digits;
    const std::size_t per_result =
        std::max<std::size_t>(6, static_cast<std::size_t>(spec.exponent) * digits + 1) + 2;
    return kMaxLineBytes + static_cast<std::size_t>(spec.tasks) * per_result;
}

/// ", said: LAST" when what the interpreter wrote on standard error ends with a line.
std::string said(const std::string& err) {
    const std::string last = last_line(err);
    return last.empty() ? "" : "; python said: " + last.substr(0, 200);
}

/// Reads what is left in the child's pipes for at most about 100 ms (after its group was
/// killed: a process outside the group may hold them for ever).
void drain_briefly(PythonChild& child, std::string& out, std::string& err) {
    for (int i = 0; i < 20 && (child.out_fd() >= 0 || child.err_fd() >= 0); ++i) {
        pollfd fds[2] = {{child.out_fd(), POLLIN, 0}, {child.err_fd(), POLLIN, 0}};
        if (::poll(fds, 2, 5) <= 0) continue;
        if (fds[0].revents != 0) child.read_some(child.out_fd(), out);
        if (fds[1].revents != 0) child.read_some(child.err_fd(), err);
    }
}

/// Reads the script's output until it ends, is cancelled, or the reader stops the run; the
/// script must write its first line within start_limit_ns() of spawned_ns, and once the
/// interpreter has exited its pipes get kExitGraceMs to close before its group is killed; a line
/// past max_line bytes stops the run. Returns standard error's text (its last 16 KiB).
std::string read_until_done(PythonChild& child, ScriptReader& reader, const CancelToken* cancel,
                            std::int64_t spawned_ns, std::size_t max_line, bool& cancelled) {
    std::string out;
    std::string err;
    auto drain_out = [&] {
        for (const std::string& l : take_lines(out))
            reader.line(l);
    };
    const std::int64_t start_limit = start_limit_ns();
    std::int64_t exited_ns = -1;
    while (child.out_fd() >= 0 || child.err_fd() >= 0) {
        if (cancel != nullptr && cancel->cancelled()) {
            cancelled = true;
            break;
        }
        if (!reader.failure().empty()) break;
        const std::int64_t now = monotonic_ns();
        if (reader.begin_ns() < 0 && now - spawned_ns > start_limit) {
            const std::int64_t ms = start_limit / 1'000'000;
            reader.fail(
                "python did not start the script within " +
                (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms") +
                " (no line from it)" + said(err));
            child.kill_group();
            break;
        }
        if (exited_ns < 0 && child.poll_exit()) exited_ns = now;
        if (exited_ns >= 0 && now - exited_ns > kExitGraceMs * 1'000'000LL) {
            // It exited, but something it started holds its output: end them, as cancel does.
            child.kill_group();
            drain_briefly(child, out, err);
            drain_out();
            break;
        }
        pollfd fds[2] = {{child.out_fd(), POLLIN, 0}, {child.err_fd(), POLLIN, 0}};
        if (::poll(fds, 2, kTickMs) > 0) {
            const std::size_t before = out.size();
            if (fds[0].revents != 0) child.read_some(child.out_fd(), out);
            if (fds[1].revents != 0) child.read_some(child.err_fd(), err);
            if (err.size() > 32768) err.erase(0, err.size() - 16384);
            if (out.find('\n', before) != std::string::npos) drain_out();  // else: no new line
            if (out.size() > max_line) {
                reader.fail("the Python script wrote a line longer than " +
                            std::to_string(max_line >> 20) +
                            " MiB, the most the lab keeps of one line in this run");
                out.clear();
                out.shrink_to_fit();
                child.kill_group();
                break;
            }
        }
        // A worker that wrote its task's end and then left: read what is there before judging.
        const std::set<int> suspects = reader.running();
        if (suspects.empty()) continue;
        pollfd again{child.out_fd(), POLLIN, 0};
        if (child.out_fd() >= 0 && ::poll(&again, 1, 0) > 0) {
            child.read_some(child.out_fd(), out);
            drain_out();
        }
        const std::set<int> still = reader.running();
        std::set<int> ended;
        for (const int t : suspects) {
            if (still.count(t) == 0) ended.insert(t);
        }
        reader.check_running(child.pid(), ended);
    }
    if (!out.empty() && reader.failure().empty() && !cancelled) reader.line(out);
    return err;
}

}  // namespace

RunResult run_python_experiment(const ExperimentSpec& spec, RunId id, RunObserver* observer,
                                CancelToken* cancel) {
    RunResult result;
    result.spec = spec;
    result.id = id;
    result.chunksize = effective_chunksize(spec);
    if (observer != nullptr) observer->run_started(spec, id, result.chunksize);
    result.refusal = unsupported(spec);
    if (!result.refusal.empty()) {
        result.results.resize(static_cast<std::size_t>(spec.tasks));
        if (observer != nullptr) observer->run_finished(result);
        return result;
    }
    ScriptReader reader(spec, id, observer);
    const std::int64_t spawned = monotonic_ns();
    PythonChild child({spec.python, script_path(spec.strategy, spec)},
                      {{"PLAB_EXPERIMENT", settings_json(spec)},
                       {"PLAB_WATCH_STDIN", "1"},
                       {"PLAB_MAIN_PID", ""},
                       {"PYTHONDONTWRITEBYTECODE", "1"},
                       {"PYTHONUNBUFFERED", ""}});
    bool cancelled = false;
    const std::string err =
        read_until_done(child, reader, cancel, spawned, max_line_bytes(spec), cancelled);
    const std::int64_t ended = monotonic_ns();
    const int status = child.reap();

    result.cancelled = cancelled;
    const std::string python_error = last_line(err);
    std::string problem = reader.failure();
    if (problem.empty() && !cancelled) problem = exit_problem(status, python_error);
    if (!problem.empty() && reader.failure().empty() && !cancelled) {
        // Python refused before any task ran: its own words are the lesson.
        if (spec.strategy == Strategy::PyMapClosure && reader.tasks().empty()) {
            result.refusal = python_error.empty() ? problem : python_error;
        } else if (spec.strategy == Strategy::PyPathosMap &&
                   python_error.find("No module named 'multiprocess'") != std::string::npos) {
            result.refusal =
                "py_pathos_map needs the python3-multiprocess package (" + python_error + ")";
        }
    }
    if (problem.empty() && !cancelled && reader.printed_list().empty()) {
        // Every lesson script prints its results: an interpreter that ended well without them
        // did not run the script (an empty one, a wrapper that exits 0).
        problem = std::string("python exited with status 0 without printing its results") +
                  (reader.begin_ns() < 0 ? " (it wrote no line)" : "") + said(err);
    }
    if (result.refusal.empty()) result.error = cancelled ? "" : problem;
    for (const auto& [task, error] : reader.errors()) {
        if (reader.failure().empty() && error == python_error) {  // said once, by its task
            // Threads run every task (the results show them); a serial loop stops at it.
            result.error = "python stopped at task " + std::to_string(task) +
                           "'s error: Python raises the first error a task raises, and " +
                           (spec.strategy == Strategy::PySerial
                                ? "the tasks after it never ran"
                                : "the other tasks' results are lost to Python (they ran: "
                                  "the lab shows them)");
            break;
        }
    }
    if (result.error.empty() && result.refusal.empty() && !cancelled &&
        !reader.printed_list().empty() &&
        !same_list(reader.printed_list(), repr_list(reader.results()),
                   spec.strategy == Strategy::PyImapUnordered)) {
        result.error = "Python printed " + reader.printed_list().substr(0, 200) +
                       " but its tasks reported " + repr_list(reader.results()).substr(0, 200);
    }
    reader.settle_payloads();
    result.serial_part =
        reader.serial_part(cancelled ? "cancelled" : "the run ended in its serial part", ended);
    const std::int64_t from = reader.begin_ns() >= 0 ? reader.begin_ns() : spawned;
    result.elapsed_s = reader.elapsed_s() >= 0 && result.error.empty() && !cancelled
                           ? reader.elapsed_s()
                           : static_cast<double>(ended - from) / 1e9;
    result.tasks = std::move(reader.tasks());
    result.results = std::move(reader.results());
    if (!result.error.empty()) result.errors.push_back(result.error);
    if (result.refusal.empty()) {
        for (const auto& [task, error] : reader.errors())
            result.errors.push_back("task " + std::to_string(task) + ": " + error);
    }
    if (observer != nullptr) observer->run_finished(result);
    return result;
}

}  // namespace plab::python
