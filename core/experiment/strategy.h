// The ways ParallelLab runs an experiment (our pool's eight, the article's Python, Open MPI), with
// the names the CLI, the CSV and the window share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plab {

/// How the tasks of an experiment are run.
enum class Strategy {
    Serial,         ///< one after another in this process: [f(x) for x in xs]
    Map,            ///< ProcessPool::map, like Pool.map(f, xs)
    Starmap,        ///< ProcessPool::starmap with explicit (x, y) tuples, like Pool.starmap
    ApplyAsync,     ///< one apply_async per task, then get() on each, like Pool.apply_async
    ImapUnordered,  ///< results in completion order, like Pool.imap_unordered
    MapClosure,     ///< the standard pool given power_factory(y): refused, as Python refuses
    PathosMap,      ///< ClosurePool::map running the closure, like pathos' ProcessPool.map
    ThreadMap,      ///< threads of this process, like ThreadPool.map (C++ has no GIL)
    // The article's Python itself, run in a real python3 process (core/python/): "py_" + the
    // name of the strategy each mirrors.
    PySerial,
    PyMap,
    PyStarmap,
    PyApplyAsync,
    PyImapUnordered,
    PyMapClosure,
    PyPathosMap,
    PyThreadMap,
    // Open MPI ranks started by mpirun (core/mpi/): rank 0 hands out the tasks.
    MpiMap,      ///< dynamic: chunks to worker ranks as they ask, like MPIPoolExecutor.map
    MpiScatter,  ///< static: equal blocks scattered to the ranks, results gathered
};

/// Which engine runs a strategy: our process pool (and serial, threads) in this program, the
/// article's Python in a python3 process, or Open MPI ranks launched by mpirun.
enum class Engine { Pool, Python, Mpi };

/// Our pool's eight, Serial to ThreadMap, in the order above (not the py_ ones).
const std::vector<Strategy>& all_strategies();

/// The eight py_ strategies, in the order above: py_serial .. py_thread_map.
const std::vector<Strategy>& python_strategies();

/// The MPI strategies, in the order above: mpi_map, mpi_scatter.
const std::vector<Strategy>& mpi_strategies();

/// The wire and CSV name: serial, map, starmap, apply_async, imap_unordered, map_closure,
/// pathos_map, thread_map, and the same with "py_" before it for the py_ strategies.
std::string_view strategy_name(Strategy s);

/// The strategy with that name, or nullopt for anything else (names are case-sensitive).
std::optional<Strategy> parse_strategy(std::string_view name);

/// The names joined with ", ", for messages that say what is allowed.
std::string strategy_names_joined();

/// A short readable label for charts and lists: "Serial", "Pool.map", "pathos ProcessPool.map".
std::string_view strategy_label(Strategy s);

/// One or two sentences a student understands: what the strategy does and what to expect.
/// The closure strategies name it power_factory(y); where the experiment is known, use the
/// overload below, which names it as the experiment makes it.
std::string_view strategy_summary(Strategy s);

/// strategy_summary(s) with the closure named for exponent: "power_factory(3)".
std::string strategy_summary(Strategy s, std::int64_t exponent);

/// The article's closure as an experiment with this exponent makes it: "power_factory(3)".
/// Every text that names the closure (the refusal, the summaries, the Code tab) uses it.
std::string closure_name(std::int64_t exponent);

/// True for strategies that run tasks in worker processes (serial and thread_map do not).
bool uses_processes(Strategy s);

/// The engine that runs s.
Engine engine_of(Strategy s);

/// True for the py_ strategies, which run the article's script in a python3 process.
bool runs_python(Strategy s);

/// True for the mpi_ strategies, which run on Open MPI ranks started by mpirun.
bool runs_mpi(Strategy s);

/// The strategy of ours that s mirrors (py_map -> map); s itself when it is one of ours (the
/// mpi_ strategies are our own C++ too: mpi_map -> mpi_map).
Strategy own_counterpart(Strategy s);

}  // namespace plab
