#include "cli/commands.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "cli/args.h"
#include "cli/event_sink.h"
#include "cli/options.h"
#include "cli/signal_cancel.h"
#include "cli/window_acks.h"
#include "experiment/atomic_file.h"
#include "experiment/csv.h"
#include "experiment/event_stream.h"
#include "experiment/metrics.h"
#include "experiment/number_format.h"
#include "experiment/payload.h"
#include "experiment/runner.h"
#include "experiment/serial_part.h"
#include "experiment/trace.h"
#include "mpi/mpi_launch.h"
#include "python/python_setup.h"

namespace plab::cli {

std::string usage() {
    return general_help();
}

void guard_standard_fds() {
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // Read-only on purpose: a write to a standard output that was closed still fails (EBADF)
        // and is reported, but no file the program opens later can take this number.
        const int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0 && null != fd) {
            ::dup2(null, fd);
            ::close(null);
        }
    }
}

namespace {

struct Usage {
    std::string message;
};

/// A signal ended the command before any run began (during the interpreter check): exit 1.
struct CancelledEarly {
    std::string message;
};

/// Options as given: name -> text. Rejects unknown names, repeats and missing values.
std::map<std::string, std::string> read_options(int argc, char** argv,
                                                const std::set<std::string>& known) {
    std::map<std::string, std::string> out;
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
            throw Usage{"unexpected argument '" + arg + "': options start with --"};
        std::string name = arg.substr(2);
        std::string value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        } else if (known.count(name) != 0) {
            if (i + 1 >= argc) throw Usage{"--" + name + " needs a value"};
            value = argv[++i];
        }
        if (known.count(name) == 0) {
            std::string list;
            for (const std::string& k : known)
                list.append(list.empty() ? "--" : ", --").append(k);
            // NOLINTNEXTLINE(performance-inefficient-string-concatenation): once, on the way out
            throw Usage{"unknown option --" + name + " for " + argv[1] + " (known: " + list + ")"};
        }
        if (!out.emplace(name, value).second) throw Usage{"--" + name + " is given twice"};
    }
    return out;
}

template <class T>
T need(std::optional<T> v, const std::string& error) {
    if (!v) throw Usage{error};
    return *v;
}

/// The shared options of run and sweep, parsed in a fixed order (chunksize needs tasks).
SweepSpec parse_spec(const std::map<std::string, std::string>& o, bool sweep,
                     const CancelToken& token) {
    auto get = [&](const std::string& name, const std::string& fallback) {
        const auto it = o.find(name);
        return it == o.end() ? fallback : it->second;
    };
    std::string e;
    SweepSpec s;
    ExperimentSpec& b = s.base;
    b.tasks = need(parse_int("tasks", get("tasks", "10"), 1, kMaxTasks, &e), e);
    b.delay_ns = need(parse_duration(get("delay", "1s"), &e), e);
    const std::string workload = get("workload", "sleep");
    b.workload =
        need(parse_workload(workload), "unknown workload '" + workload + "': sleep or cpu");
    b.exponent = need(parse_int("exponent", get("exponent", "2"), 0, kMaxExponent, &e), e);
    b.chunksize = need(parse_chunksize(get("chunksize", "auto"), b.tasks, &e), e);
    if (o.count("task-timeout") != 0) {
        const auto timeout = parse_duration(o.at("task-timeout"), &e);
        b.task_timeout_ns = need(timeout, "task timeout: " + e);
    }
    if (o.count("crash-task") != 0) {
        b.crash_task = need(parse_int("crash task", o.at("crash-task"), 0, b.tasks - 1, &e), e);
    }
    if (o.count("serial-fraction") != 0)
        b.serial_fraction = need(parse_serial_fraction(o.at("serial-fraction"), &e), e);
    if (o.count("scaling") != 0) {
        const std::string& scaling = o.at("scaling");
        b.scaling = need(parse_scaling(scaling), "unknown scaling '" + scaling.substr(0, 60) +
                                                     "': strong (Amdahl) or weak (Gustafson)");
    }
    b.durations = need(parse_durations(get("durations", "fixed"), &e), e);
    b.seed = need(parse_seed(get("seed", "1"), &e), e);
    {
        const std::string starts = get("start", "fork");
        s.starts = need(parse_start_list(starts, &e), e);
        if (!sweep && s.starts.size() != 1)
            throw Usage{"run takes one start method: fork, spawn or forkserver"};
        b.start_method = s.starts.front();
    }
    if (o.count("payload") != 0) b.payload_bytes = need(parse_size(o.at("payload"), &e), e);
    if (sweep && o.count("payloads") != 0)
        s.payloads = need(parse_size_list(o.at("payloads"), &e), e);
    if (sweep) {
        s.strategies = need(
            parse_strategy_list(get("strategies", "serial,map,starmap,apply_async,pathos_map"), &e),
            e);
        s.workers = need(parse_worker_list(get("workers", "1..8"), &e), e);
        s.repeats = need(parse_int("repeat", get("repeat", "1"), 1, kMaxRepeats, &e), e);
    } else {
        const std::string name = get("strategy", "map");
        s.strategies = {
            need(parse_strategy(name),
                 "unknown strategy '" + name + "': strategies are " + strategy_names_joined())};
        s.workers = {need(parse_int("workers", get("workers", "5"), 1, kMaxWorkers, &e), e)};
    }
    if (std::string problem = validate(s); !problem.empty()) throw Usage{problem};
    if (o.count("python") != 0) b.python = o.at("python");
    if (o.count("python") != 0 ||
        std::any_of(s.strategies.begin(), s.strategies.end(), runs_python)) {
        std::string problem = python::interpreter_problem(b.python, &token);
        if (token.cancelled()) throw CancelledEarly{problem + ": nothing ran"};
        if (!problem.empty()) throw Usage{problem};
    }
    for (const char* name : {"hosts", "hostfile"}) {
        if (o.count(name) != 0 && o.at(name).empty())
            throw Usage{std::string("--") + name + " needs a value: see parallel-lab run --help"};
    }
    if (o.count("mpirun") != 0) b.mpirun = o.at("mpirun");
    if (o.count("hosts") != 0) b.mpi_hosts = o.at("hosts");
    if (o.count("hostfile") != 0) b.mpi_hostfile = o.at("hostfile");
    const auto mpi = std::find_if(s.strategies.begin(), s.strategies.end(), runs_mpi);
    if (o.count("mpirun") != 0 || o.count("hosts") != 0 || o.count("hostfile") != 0 ||
        mpi != s.strategies.end()) {
        ExperimentSpec probe = b;
        probe.strategy = mpi != s.strategies.end() ? *mpi : Strategy::MpiMap;
        if (std::string problem = mpi::options_problem(probe); !problem.empty())
            throw Usage{problem};
    }
    return s;
}

/// "map with 5 workers", "thread_map with 4 threads", "serial": what ran, in words that apply.
std::string run_name(const ExperimentSpec& spec) {
    std::string out(strategy_name(spec.strategy));
    if (spec.strategy == Strategy::Serial || spec.strategy == Strategy::PySerial) return out;
    const char* unit = uses_processes(spec.strategy) ? " worker" : " thread";
    return out + " with " + std::to_string(spec.workers) + unit + (spec.workers == 1 ? "" : "s");
}

/// How long the engine waits for the window's acknowledgement of a run before going on anyway
/// (a window too busy to answer must not stop the experiment for good).
constexpr std::chrono::milliseconds kAckTimeout{10'000};
/// The longest hold --pace accepts: a minute.
constexpr int kMaxPaceMs = 60'000;

/// Streams events, draws progress on a terminal, and keeps the rows. With pace_ms > 0 (--pace,
/// the window's engine), a run's task events are held for its first pace_ms, and after each
/// run the observer waits for the window's acknowledgement on standard input, so the window's
/// work on one run never overlaps the timing of the next.
class CliObserver : public RunObserver {
  public:
    CliObserver(EventSink* sink, bool progress, std::size_t runs, int pace_ms,
                const CancelToken* token)
        : sink_(sink), progress_(progress), runs_(runs), pace_ms_(pace_ms), token_(token) {}

    void run_started(const ExperimentSpec& spec, RunId id, int chunksize) override {
        if (sink_ != nullptr) sink_->line(events::run_line(spec, id, chunksize), true);
        if (sink_ != nullptr && pace_ms_ > 0) {
            sink_->hold_tasks(std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(pace_ms_));
        }
        if (progress_) {
            std::fprintf(stderr, "\r\033[K[%d/%zu] %s...", id.run, runs_, run_name(spec).c_str());
            std::fflush(stderr);
        }
    }
    void task_started(RunId id, const TaskRecord& t) override {
        if (sink_ != nullptr) sink_->task(id, t, true);
    }
    void task_finished(RunId id, const TaskRecord& t) override {
        if (sink_ != nullptr) sink_->task(id, t, false);
    }
    /// Task ends are wanted while they can be written: with a sink that does not hold them.
    bool live() const override { return sink_ != nullptr && !sink_->holding(); }
    void row_ready(const SweepRow& row) override {
        if (sink_ == nullptr) return;
        sink_->line(events::end_line(row), true);
        if (pace_ms_ <= 0) return;
        sink_->release_tasks();
        if (sink_->wait_written(kAckTimeout)) acks_.wait_one(*token_, kAckTimeout);
    }
    void serial_part_started(RunId id, const TaskRecord& part) override {
        if (sink_ != nullptr) sink_->line(events::serial_start_line(id, part), true);
    }
    void serial_part_finished(RunId id, const TaskRecord& part) override {
        if (sink_ != nullptr) sink_->line(events::serial_line(id, part), true);
    }
    void hosts_ready(RunId id, const std::vector<HostClock>& hosts,
                     const std::string& note) override {
        if (sink_ == nullptr) return;
        for (std::size_t i = 0; i < hosts.size(); ++i)
            sink_->line(events::host_line(id, static_cast<int>(i), hosts[i]), true);
        if (!note.empty()) sink_->line(events::note_line(id, note), true);
    }
    void finish() const {
        if (progress_) std::fprintf(stderr, "\r\033[K");
    }

  private:
    EventSink* sink_;
    bool progress_;
    std::size_t runs_;
    int pace_ms_;
    const CancelToken* token_;
    WindowAcks acks_;
};

std::string pad(std::string s, std::size_t width, bool left) {
    if (s.size() >= width) return s;
    const std::string fill(width - s.size(), ' ');
    return left ? s + fill : fill + s;
}

std::string fixed(double v, int decimals) {
    std::string s = format_fixed6(v);
    const auto dot = s.find('.');
    if (dot != std::string::npos) s.resize(dot + 1 + static_cast<std::size_t>(decimals));
    return s;
}

/// The sweep's serial-part columns, shown when its serial fraction is above 0: the bound a
/// perfect pool reaches (Amdahl's or Gustafson's) and the serial fraction the speedup implies.
struct SerialPartColumns {
    bool shown = false;
    bool weak = false;
    double fraction = 0;

    explicit SerialPartColumns(const std::vector<SweepRow>& rows) {
        if (rows.empty() || !(rows.front().run.spec.serial_fraction > 0)) return;
        shown = true;
        weak = rows.front().run.spec.scaling == Scaling::Weak;
        fraction = rows.front().run.spec.serial_fraction;
    }
    std::string header() const {
        if (!shown) return {};
        return "  " + pad(weak ? "gustafson" : "amdahl", 9, false) + "  " +
               pad(weak ? "gustafson_F" : "karp_flatt", 11, false);
    }
    std::string cells(const SweepRow& r) const {
        if (!shown) return {};
        const auto estimate = estimated_serial_fraction(r.run.spec, r.speedup);
        return "  " + pad(fixed(speedup_bound(r.run.spec), 2), 9, false) + "  " +
               pad(estimate ? fixed(*estimate, 3) : "-", 11, false);
    }
    /// What the two columns are, under the table.
    std::string footer() const {
        if (!shown) return {};
        return "serial fraction set " + fixed(fraction, 2) +
               (weak ? "; gustafson = n - F(n-1), the scaled speedup a perfect pool reaches; "
                       "gustafson_F = (n - speedup)/(n - 1)\n"
                     : "; amdahl = 1/(F + (1-F)/n), the speedup a perfect pool reaches; "
                       "karp_flatt = (1/speedup - 1/n)/(1 - 1/n)\n");
    }
};

/// The sweep's table, as printed.
std::string table_text(const std::vector<SweepRow>& rows, bool repeats) {
    const SerialPartColumns serial_part(rows);
    std::string out;
    auto header = [&](const char* h, std::size_t w, bool left) { out += pad(h, w, left) + "  "; };
    if (repeats) header("repeat", 6, false);
    header("strategy", 22, true);
    header("workers", 7, false);
    header("elapsed_s", 10, false);
    header("ideal_s", 10, false);
    header("speedup", 7, false);
    header("efficiency", 10, false);
    out += "failed" + serial_part.header() + "\n";
    for (const SweepRow& r : rows) {
        const RunResult& run = r.run;
        if (repeats) out += pad(std::to_string(run.id.repeat), 6, false) + "  ";
        std::string strategy(strategy_name(run.spec.strategy));
        if (run.spec.start_method != StartMethod::Fork && uses_processes(run.spec.strategy))
            strategy += " (" + std::string(start_method_name(run.spec.start_method)) + ")";
        out += pad(strategy, 22, true) + "  ";
        out += pad(std::to_string(run.spec.workers), 7, false) + "  ";
        out += pad(run.refusal.empty() ? fixed(run.elapsed_s, 4) : "refused", 10, false) + "  ";
        out += pad(fixed(r.ideal_s, 4), 10, false) + "  ";
        out += pad(r.speedup > 0 ? fixed(r.speedup, 2) : "-", 7, false) + "  ";
        out += pad(r.speedup > 0 ? fixed(r.efficiency, 2) : "-", 10, false) + "  ";
        const std::string failed = std::to_string(
            run.refusal.empty() ? run.failed() : static_cast<std::size_t>(run.spec.tasks));
        out += (serial_part.shown ? pad(failed, 6, false) : failed) + serial_part.cells(r) + "\n";
    }
    return out + serial_part.footer();
}

/// One line per problem of a run on stderr; true when the run was not wholly successful.
bool report_problems(const RunResult& r) {
    const std::string who = run_name(r.spec);
    if (!r.refusal.empty()) {
        std::fprintf(stderr, "parallel-lab: %s refused to run: %s\n", who.c_str(),
                     r.refusal.c_str());
        return true;
    }
    if (!r.note.empty())
        std::fprintf(stderr, "parallel-lab: %s: %s\n", who.c_str(), r.note.c_str());
    if (r.cancelled) std::fprintf(stderr, "parallel-lab: %s was cancelled\n", who.c_str());
    for (const std::string& e : r.errors) {
        if (!r.cancelled) std::fprintf(stderr, "parallel-lab: %s: %s\n", who.c_str(), e.c_str());
    }
    return !r.all_ok();
}

/// The output options as given (option -> path), checked before anything runs: each can be
/// written, at most one is standard output, and no two name the same file.
std::map<std::string, std::string> check_outputs(const std::map<std::string, std::string>& o) {
    std::map<std::string, std::string> outputs;
    for (const char* name : {"csv", "tasks-csv", "trace", "events"}) {
        if (o.count(name) == 0) continue;
        const std::string& path = o.at(name);
        if (std::string why = check_writable(path); !why.empty()) throw Usage{why};
        for (const auto& [other, other_path] : outputs) {
            if (!same_output(path, other_path)) continue;
            if (path == "-") {
                throw Usage{
                    "only one of --events, --csv, --tasks-csv and --trace can write to standard "
                    "output"};
            }
            std::string both = "--" + other;
            both.append(" and --").append(name).append(" both name ").append(path);
            throw Usage{both.append(": each output needs its own file")};
        }
        outputs[name] = path;
    }
    return outputs;
}

/// How writing one output went.
enum class Written { Ok, Failed, Cancelled };

/// write_atomically, with one line on stderr when it fails or is cancelled.
Written write_output(const std::string& path, const std::function<void(std::ostream&)>& body,
                     int cancel_fd) {
    try {
        write_atomically(path, body, cancel_fd);
        return Written::Ok;
    } catch (const WriteCancelled& e) {
        std::fprintf(stderr, "parallel-lab: %s\n", e.what());
        return Written::Cancelled;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "parallel-lab: %s\n", e.what());
        return Written::Failed;
    }
}

/// Everything the command writes after the runs: the results list (run) or the table (sweep)
/// on standard output unless an output is "-", then the CSV and trace files. Each is
/// cancellable by a signal that arrives from now on; after a cancel nothing more is written.
/// True when all of it was written.
bool write_everything(const std::map<std::string, std::string>& outputs,
                      const std::vector<SweepRow>& rows, bool sweep, bool repeats,
                      bool output_on_stdout, SignalCancel& signals) {
    signals.forget_signals();  // a Ctrl+C that cancelled the run still lets its results be saved
    bool ok = true;
    if (!output_on_stdout) {
        std::string text;
        if (sweep) {
            text = table_text(rows, repeats);
        } else if (const RunResult& run = rows.front().run; run.cancelled) {
            // Not the list: a cancelled run of millions of tasks is millions of None.
            text = "Cancelled: " + std::to_string(run.ok()) + " of " +
                   std::to_string(run.spec.tasks) + " tasks finished.";
            text.append("\nElapsed: ").append(format_fixed6(run.elapsed_s)) += '\n';
        } else if (run.refusal.empty()) {
            text = repr_list(run.results);
            text.append("\nElapsed: ").append(format_fixed6(run.elapsed_s)) += '\n';
        }
        const Written w = write_output(
            "-", [&](std::ostream& out) { out << text; }, signals.wake_fd());
        if (w == Written::Cancelled) return false;
        ok = w == Written::Ok;
    }
    for (const auto& [option, path] : outputs) {
        if (option == "events") continue;
        const Written w = write_output(
            path,
            [&, kind = option](std::ostream& out) {
                if (kind == "csv") {
                    write_runs_csv(out, rows);
                } else if (kind == "tasks-csv") {
                    write_tasks_csv(out, rows);
                } else {
                    write_trace_json(out, trace_runs(rows));
                }
            },
            signals.wake_fd());
        if (w == Written::Cancelled) return false;  // the user asked to stop: nothing more
        ok = ok && w == Written::Ok;
    }
    return ok;
}

int run_command(int argc, char** argv) {
    const std::string command = argv[1];
    const bool sweep = command == "sweep";
    const auto options =
        read_options(argc, argv, option_names(sweep ? Command::Sweep : Command::Run));
    // Before the interpreter check (which runs a program): Ctrl+C there cancels it too.
    CancelToken token;
    SignalCancel signals(token);
    const SweepSpec spec = parse_spec(options, sweep, token);
    const std::map<std::string, std::string> outputs = check_outputs(options);
    bool output_on_stdout = false;
    for (const auto& [option, path] : outputs)
        output_on_stdout = output_on_stdout || path == "-";
    const bool events_on_stdout = outputs.count("events") != 0 && outputs.at("events") == "-";
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> events_file(nullptr, &std::fclose);
    std::unique_ptr<EventSink> sink;
    if (outputs.count("events") != 0) {
        // The stream is live and append-only by nature, so it is written in place, not atomically.
        std::FILE* f = events_on_stdout ? stdout : std::fopen(outputs.at("events").c_str(), "we");
        if (f == nullptr)
            throw Usage{"cannot write " + outputs.at("events") + ": " + std::strerror(errno)};
        if (!events_on_stdout) events_file.reset(f);
        sink = std::make_unique<EventSink>(f);
        sink->line(std::string(events::kHeader), true);
    }
    const std::size_t runs = plan_runs(spec).size();
    std::string e;
    const int pace_ms =
        sweep ? need(parse_int("pace", options.count("pace") != 0 ? options.at("pace") : "0", 0,
                               kMaxPaceMs, &e),
                     e)
              : 0;
    CliObserver observer(sink.get(), sweep && ::isatty(2) == 1, runs, pace_ms, &token);

    std::vector<SweepRow> rows;
    if (sweep) {
        rows = run_sweep(spec, &observer, &token);
    } else {
        ExperimentSpec one = spec.base;
        one.strategy = spec.strategies.front();
        one.workers = spec.workers.front();
        one = grown_for_workers(one);
        ExperimentSpec serial = one;
        serial.strategy = Strategy::Serial;
        rows.push_back(
            make_row(run_experiment(one, RunId{}, &observer, &token), ideal_seconds(serial)));
        observer.row_ready(rows.back());
    }
    observer.finish();

    bool failed = token.cancelled();
    for (const SweepRow& row : rows)
        failed = report_problems(row.run) || failed;
    failed = !write_everything(outputs, rows, sweep, spec.repeats > 1, output_on_stdout, signals) ||
             failed;
    if (sink) {
        sink->line(events::done_line(failed ? kExitFailed : kExitOk), true);
        if (const std::string why = sink->finish(); !why.empty()) {
            std::fprintf(stderr, "parallel-lab: cannot write the events to %s: %s\n",
                         events_on_stdout ? "standard output" : outputs.at("events").c_str(),
                         why.c_str());
            failed = true;
        }
    }
    if (events_file && std::fclose(events_file.release()) != 0 && !failed) {
        std::fprintf(stderr, "parallel-lab: cannot write the events to %s: %s\n",
                     outputs.at("events").c_str(), std::strerror(errno));
        failed = true;
    }
    return failed ? kExitFailed : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    guard_standard_fds();
    // A write past RLIMIT_FSIZE or to a pipe nobody reads fails with EFBIG or EPIPE and is
    // reported in one line, instead of killing the program (and leaving a temporary file).
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        std::fputs(usage().c_str(), stderr);
        return kExitUsage;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(usage().c_str(), stdout);
        return std::fflush(stdout) == 0 ? kExitOk : kExitFailed;
    }
    if (command != "run" && command != "sweep") {
        std::fprintf(stderr,
                     "parallel-lab: unknown command '%s': the commands are run and sweep "
                     "(parallel-lab --help)\n",
                     command.c_str());
        return kExitUsage;
    }
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
            std::fputs(command_help(command == "run" ? Command::Run : Command::Sweep).c_str(),
                       stdout);
            return std::fflush(stdout) == 0 ? kExitOk : kExitFailed;
        }
    }
    try {
        return run_command(argc, argv);
    } catch (const Usage& u) {
        std::fprintf(stderr, "parallel-lab: %s\n", u.message.c_str());
        return kExitUsage;
    } catch (const CancelledEarly& c) {
        std::fprintf(stderr, "parallel-lab: %s\n", c.message.c_str());
        return kExitFailed;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "parallel-lab: %s\n", e.what());
        return kExitFailed;
    }
}

}  // namespace plab::cli
