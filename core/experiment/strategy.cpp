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
};

constexpr std::array<StrategyInfo, 16> kInfo{{
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
     "The article's list comprehension, run by a real python3: the Python baseline.", false},
    {Strategy::PyMap, "py_map", "Python: Pool.map",
     "The article's Pool(n).map, run by a real python3 with multiprocessing.", true},
    {Strategy::PyStarmap, "py_starmap", "Python: Pool.starmap",
     "Python's Pool.starmap(slow_pow, zip(xs, ys)), run by a real python3.", true},
    {Strategy::PyApplyAsync, "py_apply_async", "Python: Pool.apply_async",
     "Python's apply_async per task, then get() on each, run by a real python3.", true},
    {Strategy::PyImapUnordered, "py_imap_unordered", "Python: Pool.imap_unordered",
     "Python's imap_unordered: results in the order tasks finish, run by a real python3.", true},
    {Strategy::PyMapClosure, "py_map_closure", "Python: Pool.map(closure)",
     "Python's Pool.map given power_factory(y): Python itself refuses, with its own "
     "\"Can't pickle local object\".",
     true},
    {Strategy::PyPathosMap, "py_pathos_map", "Python: pathos (multiprocess) map",
     "The closure power_factory(y) run by multiprocess, the dill-based pool pathos wraps "
     "(needs the python3-multiprocess package).",
     true},
    {Strategy::PyThreadMap, "py_thread_map", "Python: ThreadPool.map",
     "Python's ThreadPool.map: threads of one python3 process; CPU-bound work is held to one "
     "core at a time by the GIL.",
     false},
}};

const StrategyInfo& info(Strategy s) {
    return kInfo[static_cast<std::size_t>(s)];
}

}  // namespace

const std::vector<Strategy>& all_strategies() {
    static const std::vector<Strategy> all = [] {
        std::vector<Strategy> v;
        v.reserve(std::size(kInfo));
        for (const StrategyInfo& i : kInfo) {
            if (!runs_python(i.strategy)) v.push_back(i.strategy);
        }
        return v;
    }();
    return all;
}

const std::vector<Strategy>& python_strategies() {
    static const std::vector<Strategy> all = [] {
        std::vector<Strategy> v;
        for (const StrategyInfo& i : kInfo) {
            if (runs_python(i.strategy)) v.push_back(i.strategy);
        }
        return v;
    }();
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

bool runs_python(Strategy s) {
    return static_cast<int>(s) >= static_cast<int>(Strategy::PySerial);
}
Strategy own_counterpart(Strategy s) {
    if (!runs_python(s)) return s;
    return static_cast<Strategy>(static_cast<int>(s) - static_cast<int>(Strategy::PySerial));
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
