#include "experiment/strategy.h"

#include <array>
#include <string>

namespace plab {

namespace {

struct StrategyInfo {
    Strategy strategy;
    std::string_view name;
    std::string_view label;
    std::string_view summary;
    bool processes;
    Engine engine = Engine::Pool;
    Strategy counterpart = strategy;  ///< own_counterpart(strategy)
};

constexpr std::array<StrategyInfo, 18> kInfo{{
    {Strategy::Serial, "serial", "Serial",
     "Runs the tasks one after another in this process, like a list comprehension. The "
     "baseline: every speedup is measured against it.",
     false},
    {Strategy::Map, "map", "Pool.map",
     "Sends the function by name and the inputs in chunks to worker processes, and returns the "
     "results in input order, like Pool(n).map(f, xs).",
     true},
    {Strategy::Starmap, "starmap", "Pool.starmap",
     "Passes each task's arguments explicitly as a tuple (x, y), like Pool.starmap(slow_pow, "
     "zip(xs, ys)): one way around functions that cannot be sent.",
     true},
    {Strategy::ApplyAsync, "apply_async", "Pool.apply_async",
     "Submits each task on its own with explicit arguments and collects every result with "
     "get(), like [p.apply_async(slow_pow, (x, 2)) for x in xs].",
     true},
    {Strategy::ImapUnordered, "imap_unordered", "Pool.imap_unordered",
     "Hands results back in the order tasks finish rather than the order they were given.", true},
    {Strategy::MapClosure, "map_closure", "Pool.map(closure)",
     "Gives the standard pool a function made at run time, power_factory(y). It is refused: "
     "a worker can only find a function by its registered name, as Python's pickle can only "
     "send top-level functions.",
     true},
    {Strategy::PathosMap, "pathos_map", "pathos ProcessPool.map",
     "Runs the closure power_factory(y) in worker processes anyway, like pathos' ProcessPool: "
     "each worker is forked holding the closure, so only the inputs travel.",
     true},
    {Strategy::ThreadMap, "thread_map", "ThreadPool.map",
     "Runs the tasks on threads of this process. Threads share memory and need no pickling; "
     "in C++ (no GIL) they also run CPU-bound work in parallel.",
     false},
    {Strategy::PySerial, "py_serial", "Python: serial",
     "The article's list comprehension, run by a real python3: the Python baseline.", false,
     Engine::Python, Strategy::Serial},
    {Strategy::PyMap, "py_map", "Python: Pool.map",
     "The article's Pool(n).map, run by a real python3 with multiprocessing.", true, Engine::Python,
     Strategy::Map},
    {Strategy::PyStarmap, "py_starmap", "Python: Pool.starmap",
     "Python's Pool.starmap(slow_pow, zip(xs, ys)), run by a real python3.", true, Engine::Python,
     Strategy::Starmap},
    {Strategy::PyApplyAsync, "py_apply_async", "Python: Pool.apply_async",
     "Python's apply_async per task, then get() on each, run by a real python3.", true,
     Engine::Python, Strategy::ApplyAsync},
    {Strategy::PyImapUnordered, "py_imap_unordered", "Python: Pool.imap_unordered",
     "Python's imap_unordered: results in the order tasks finish, run by a real python3.", true,
     Engine::Python, Strategy::ImapUnordered},
    {Strategy::PyMapClosure, "py_map_closure", "Python: Pool.map(closure)",
     "Python's Pool.map given power_factory(y): Python itself refuses, with its own "
     "\"Can't pickle local object\".",
     true, Engine::Python, Strategy::MapClosure},
    {Strategy::PyPathosMap, "py_pathos_map", "Python: pathos (multiprocess) map",
     "The closure power_factory(y) run by multiprocess, the dill-based pool pathos wraps "
     "(needs the python3-multiprocess package).",
     true, Engine::Python, Strategy::PathosMap},
    {Strategy::PyThreadMap, "py_thread_map", "Python: ThreadPool.map",
     "Python's ThreadPool.map: threads of one python3 process; CPU-bound work is held to one "
     "core at a time by the GIL.",
     false, Engine::Python, Strategy::ThreadMap},
    {Strategy::MpiMap, "mpi_map", "MPI map (dynamic)",
     "Open MPI ranks started by mpirun: rank 0 hands chunks of tasks to worker ranks as they "
     "ask, like mpi4py's MPIPoolExecutor.map. If a rank dies, Open MPI ends the whole job; our "
     "pool replaces a dead worker and goes on.",
     true, Engine::Mpi},
    {Strategy::MpiScatter, "mpi_scatter", "MPI scatter/gather (static)",
     "Open MPI ranks started by mpirun: the inputs are scattered in equal blocks, each rank "
     "computes its block, the results are gathered. No rank takes another's work, so uneven "
     "tasks leave some ranks idle while one straggles.",
     true, Engine::Mpi},
}};

const StrategyInfo& info(Strategy s) {
    return kInfo[static_cast<std::size_t>(s)];
}

std::vector<Strategy> strategies_of(Engine engine) {
    std::vector<Strategy> v;
    for (const StrategyInfo& i : kInfo) {
        if (i.engine == engine) v.push_back(i.strategy);
    }
    return v;
}

}  // namespace

const std::vector<Strategy>& all_strategies() {
    static const std::vector<Strategy> all = strategies_of(Engine::Pool);
    return all;
}
const std::vector<Strategy>& python_strategies() {
    static const std::vector<Strategy> all = strategies_of(Engine::Python);
    return all;
}
const std::vector<Strategy>& mpi_strategies() {
    static const std::vector<Strategy> all = strategies_of(Engine::Mpi);
    return all;
}

std::string_view strategy_name(Strategy s) {
    return info(s).name;
}
std::string_view strategy_label(Strategy s) {
    return info(s).label;
}
std::string_view strategy_summary(Strategy s) {
    return info(s).summary;
}
std::string closure_name(std::int64_t exponent) {
    return "power_factory(" + std::to_string(exponent) + ")";
}
std::string strategy_summary(Strategy s, std::int64_t exponent) {
    static constexpr std::string_view kGeneric = "power_factory(y)";
    std::string text(info(s).summary);
    if (const auto at = text.find(kGeneric); at != std::string::npos) {
        text.replace(at, kGeneric.size(), closure_name(exponent));
    }
    return text;
}
bool uses_processes(Strategy s) {
    return info(s).processes;
}

Engine engine_of(Strategy s) {
    return info(s).engine;
}
bool runs_python(Strategy s) {
    return engine_of(s) == Engine::Python;
}
bool runs_mpi(Strategy s) {
    return engine_of(s) == Engine::Mpi;
}
Strategy own_counterpart(Strategy s) {
    return info(s).counterpart;
}

std::optional<Strategy> parse_strategy(std::string_view name) {
    for (const StrategyInfo& i : kInfo) {
        if (i.name == name) return i.strategy;
    }
    return std::nullopt;
}

std::string strategy_names_joined() {
    std::string out;
    for (const StrategyInfo& i : kInfo) {
        if (!out.empty()) out += ", ";
        out += i.name;
    }
    return out;
}

}  // namespace plab
