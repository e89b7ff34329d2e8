#include "cli/options.h"

#include "experiment/strategy.h"

namespace plab::cli {

namespace {

constexpr unsigned kRun = static_cast<unsigned>(Command::Run);
constexpr unsigned kSweep = static_cast<unsigned>(Command::Sweep);
constexpr unsigned kBoth = kRun | kSweep;

const char* const kSummary =
    "parallel-vs-serial experiments with real worker processes, as in the article on Python's "
    "multiprocessing";

const char* const kStdoutRule =
    "FILE '-' is standard output: that output alone goes there (the results list or table is "
    "not printed), and only one output can be '-'. Two outputs cannot name the same file.";

const char* const kExitCodes[][2] = {
    {"0", "every task produced a value"},
    {"1",
     "a task failed, a strategy refused to run, the run was cancelled (Ctrl+C or SIGTERM), or an "
     "output (standard output included) could not be written"},
    {"2", "bad usage: one line on standard error, nothing run and nothing written"},
};

std::string_view command_name(Command c) {
    return c == Command::Run ? "run" : "sweep";
}

std::string_view command_purpose(Command c) {
    return c == Command::Run
               ? "runs one experiment (by default the article's: Pool(5).map over 10 tasks of "
                 "1 s) and prints its results as Python prints the list, then the elapsed time"
               : "runs every strategy with every worker count and prints a table of elapsed "
                 "time, speedup and efficiency";
}

/// "--name VALUE" for the option.
std::string flag(const OptionDoc& o) {
    return "--" + std::string(o.name) + " " + std::string(o.value);
}

/// The option's one line: what it does, what is allowed, its default.
std::string line(const OptionDoc& o) {
    std::string out(o.help);
    out += o.fallback.empty() ? " (default: none)" : " (default: " + std::string(o.fallback) + ")";
    return out;
}

/// text for roff: backslashes and minus signs escaped, nothing at a line start that roff reads
/// as a request.
std::string roff(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
    }
    if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
    return out;
}

}  // namespace

const std::vector<OptionDoc>& option_table() {
    static const std::vector<OptionDoc> table = {
        {"strategy", "S",
         "how the tasks run: serial, map, starmap, apply_async, imap_unordered, map_closure "
         "(refused, as Python refuses a local function), pathos_map or thread_map; or py_ and "
         "one of these names to run the article's Python itself in python3 (py_map, ...)",
         "map", kRun},
        {"strategies", "S,S,...", "the strategies to compare, comma-separated, names as for run",
         "serial,map,starmap,apply_async,pathos_map", kSweep},
        {"workers", "N",
         "worker processes, 1..64 (threads for thread_map; serial runs in this process and "
         "ignores it)",
         "5", kRun},
        {"workers", "LIST",
         "the worker counts to try, each 1..64, written like 5, 1,2,4,8 or 1..8 (serial runs "
         "once per count all the same)",
         "1..8", kSweep},
        {"tasks", "N", "how many tasks; their inputs are 0..N-1; 1..10000000", "10", kBoth},
        {"delay", "D",
         "how long each task takes: 0..3600 s, written 1s, 250ms, 500us, 100ns or a bare number "
         "of seconds (0.5)",
         "1s", kBoth},
        {"workload", "W",
         "how a task spends its delay: sleep (time.sleep, as the article) or cpu (busy "
         "computing)",
         "sleep", kBoth},
        {"exponent", "Y", "each task returns x**Y for its input x; 0..62", "2", kBoth},
        {"chunksize", "C",
         "tasks handed to a worker at a time: auto (as Python's Pool.map, tasks / (4 x workers) "
         "rounded up) or a whole number from 1 to the task count",
         "auto", kBoth},
        {"repeat", "R", "how many times each strategy and worker count runs; 1..1000", "1", kSweep},
        {"crash-task", "K",
         "task K (0..tasks-1) kills its own worker process, to see a crash handled (serial and "
         "thread_map: the task fails)",
         "", kBoth},
        {"task-timeout", "D",
         "a task that runs longer fails and its worker process is replaced; units as --delay; 0 "
         "means no limit; serial and thread_map cannot stop a task and ignore it",
         "0", kBoth},
        {"csv", "FILE", "write one row per run as CSV (RFC 4180, '.' decimal point)", "", kBoth},
        {"tasks-csv", "FILE", "write one row per task of every run as CSV", "", kBoth},
        {"trace", "FILE",
         "write every task as a Chrome/Perfetto trace (JSON; open it in ui.perfetto.dev)", "",
         kBoth},
        {"events", "FILE",
         "stream the run live, one tab-separated line per event (the window reads this)", "",
         kBoth},
        {"pace", "MS",
         "with --events, for a reader on the same machine (the window): hold each run's task "
         "lines for its first MS milliseconds (a shorter run sends them when it ends), and after "
         "each run wait for a line on standard input (at most 10 s) before the next, so that "
         "reading the events never overlaps a timed run; 0..60000, 0 streams at once",
         "0", kSweep},
        {"serial-fraction", "F",
         "the serial part: the parent works F x tasks x delay alone before the pool starts, and "
         "each task then takes (1-F) x delay, so the serial total stays tasks x delay and speedup "
         "is capped by Amdahl's 1/(F+(1-F)/n); 0 <= F < 1, written like 0.2",
         "0", kBoth},
        {"scaling", "S",
         "strong (the same tasks for every worker count: Amdahl) or weak (tasks x workers tasks, "
         "the serial part kept: Gustafson's scaled speedup n-F(n-1), each count against the "
         "serial run of its own grown problem); tasks x workers must stay <= 10000000",
         "strong", kBoth},
        {"durations", "SHAPE",
         "how long each task takes around the delay: fixed (each the delay), uniform:S (delay x "
         "a uniform factor in [1-S, 1+S], 0 <= S <= 1), exp (exponential, mean the delay), "
         "straggler:F (the last task F x delay, 0 < F <= 1000) or rising (task i of n: delay x "
         "2(i+1)/(n+1)); no task longer than 3600 s",
         "fixed", kBoth},
        {"seed", "N",
         "draws the uniform and exp durations: the same seed gives every task the same duration "
         "in every strategy and worker count; 0..9223372036854775807",
         "1", kBoth},
        {"start", "METHOD",
         "how worker processes start, as Python's multiprocessing.get_context: fork (a copy of "
         "this process), spawn (a fresh run of this program) or forkserver (copies of a small "
         "server started with the pool); pathos_map refuses spawn and forkserver, serial and "
         "thread_map ignore it",
         "fork", kRun},
        {"start", "LIST",
         "the start methods to compare, comma-separated (fork,spawn,forkserver): each strategy "
         "runs under each, a series per method (serial runs once)",
         "fork", kSweep},
        {"payload", "SIZE",
         "bytes each task's argument carries and its result brings back (Python pickles them): "
         "0..64 MiB, written 0, 1000, 1KB, 4KiB, 1.5MiB (KB, MB = 1000s; KiB, MiB = 1024s); "
         "tasks x payload at most 1 GiB",
         "0", kBoth},
        {"payloads", "LIST",
         "payload sizes to compare, comma-separated, each as --payload (0,1MiB,4MiB,16MiB): each "
         "runs every strategy against its own serial baseline",
         "", kSweep},
        {"python", "PATH",
         "the Python interpreter the py_ strategies run (the article's scripts, for real): a "
         "path or a name on PATH; Python 3.8 or newer, checked before anything runs",
         "python3", kBoth},
        {"mpirun", "PATH",
         "the Open MPI launcher the mpi_ strategies run (mpi_map, mpi_scatter: workers + 1 ranks, "
         "rank 0 the master): a path or a name on PATH",
         "mpirun", kBoth},
        {"hosts", "HOST:SLOTS,...",
         "the hosts the mpi_ strategies' ranks run on, in Open MPI's syntax (node1:2,node2:4; "
         "parallel-lab must be installed at the same path on each); rank 0 runs on the first",
         "this machine", kBoth},
        {"hostfile", "FILE",
         "an Open MPI hostfile for the mpi_ strategies (lines NAME slots=N); not with --hosts", "",
         kBoth},
    };
    return table;
}

std::set<std::string> option_names(Command c) {
    std::set<std::string> out;
    for (const OptionDoc& o : option_table()) {
        if ((o.commands & static_cast<unsigned>(c)) != 0) out.emplace(o.name);
    }
    return out;
}

std::string general_help() {
    return "usage:\n"
           "  parallel-lab                    open the window\n"
           "  parallel-lab run [OPTION...]    run one experiment and print its results\n"
           "  parallel-lab sweep [OPTION...]  compare strategies and worker counts in a table\n"
           "  parallel-lab --version          print the version\n"
           "parallel-lab run --help and parallel-lab sweep --help list the options;\n"
           "man parallel-lab says everything.\n";
}

std::string command_help(Command c) {
    std::string out = "usage: parallel-lab " + std::string(command_name(c)) + " [OPTION...]\n";
    std::string purpose(command_purpose(c));
    purpose[0] = static_cast<char>(purpose[0] - 'a' + 'A');
    out += purpose + ".\n\noptions:\n";
    for (const OptionDoc& o : option_table()) {
        if ((o.commands & static_cast<unsigned>(c)) == 0) continue;
        std::string f = "  " + flag(o);
        f.resize(std::max<std::size_t>(f.size() + 2, 24), ' ');
        out += f + line(o) + "\n";
    }
    out += std::string("\n") + kStdoutRule + "\n";
    out +=
        "Ctrl+C or SIGTERM cancels (exit 1, no temporary file left); a second one ends at "
        "once (exit 130).\n";
    out += "exit status:";
    for (const auto& code : kExitCodes)
        out += std::string(" ") + code[0] + " " + code[1] + ";";
    out.back() = '\n';
    return out;
}

std::string man_page(std::string_view version) {
    std::string out = ".TH PARALLEL\\-LAB 1 \"\" \"parallel\\-lab " + roff(version) +
                      "\" \"User Commands\"\n"
                      ".SH NAME\n"
                      "parallel\\-lab \\- " +
                      roff(kSummary) +
                      "\n"
                      ".SH SYNOPSIS\n"
                      ".B parallel\\-lab\n.br\n"
                      ".B parallel\\-lab run\n[\\fIOPTION\\fR...]\n.br\n"
                      ".B parallel\\-lab sweep\n[\\fIOPTION\\fR...]\n.br\n"
                      ".B parallel\\-lab\n\\-\\-version | \\-\\-help\n"
                      ".SH DESCRIPTION\n"
                      "With no arguments, parallel\\-lab opens its window. The commands\n"
                      ".B run\nand\n.B sweep\nwork without a display and never load Qt.\n";
    for (const Command c : {Command::Run, Command::Sweep}) {
        out += ".SH " + std::string(c == Command::Run ? "RUN" : "SWEEP") + " OPTIONS\n";
        std::string purpose(command_purpose(c));
        out += ".B parallel\\-lab " + std::string(command_name(c)) + "\n" + roff(purpose) + ".\n";
        for (const OptionDoc& o : option_table()) {
            if ((o.commands & static_cast<unsigned>(c)) == 0) continue;
            out += ".TP\n.BI \\-\\-" + roff(o.name) + " \" " + roff(o.value) + "\"\n" +
                   roff(line(o)) + "\n";
        }
    }
    out += ".SH OUTPUTS\n" + roff(kStdoutRule) +
           "\nFiles are written atomically: into a temporary file beside the target, then renamed "
           "over it, keeping its permissions and following a symbolic link to its target.\n"
           ".SH SIGNALS\n"
           "The first SIGINT (Ctrl+C) or SIGTERM cancels the run, or the output being written, "
           "and the command exits 1 leaving no temporary file; a second one removes the "
           "temporary files and exits 130 at once.\n"
           ".SH EXIT STATUS\n";
    for (const auto& code : kExitCodes)
        out += std::string(".TP\n.B ") + code[0] + "\n" + roff(code[1]) + "\n";
    out +=
        ".SH SEE ALSO\n"
        ".BR python3 (1)\n";
    return out;
}

}  // namespace plab::cli
