#include "presets.h"

#include <algorithm>

namespace plab::ui {

std::vector<Preset> presets(int cores) {
    cores = std::max(cores, 1);
    std::vector<Preset> out;

    Preset article;
    article.name = "The article's experiment";
    article.description =
        "Ten tasks that each sleep 1 s and return x², on 5 workers: serial takes about 10 s, "
        "a pool about 2 s. The closure is refused by the standard pool; pathos runs it.";
    article.form.strategies = {Strategy::Serial,     Strategy::Map,        Strategy::Starmap,
                               Strategy::ApplyAsync, Strategy::MapClosure, Strategy::PathosMap};
    out.push_back(article);

    Preset cpu;
    cpu.name = "CPU-bound on this machine";
    cpu.description = "Tasks that compute instead of sleeping: more workers than this machine's " +
                      std::to_string(cores) +
                      " cores stop helping, because they only take turns on the same cores.";
    cpu.form.strategies = {Strategy::Serial, Strategy::Map, Strategy::ThreadMap};
    cpu.form.workers = "1.." + std::to_string(2 * cores);
    cpu.form.tasks = std::int64_t{4} * cores;
    cpu.form.delay = "200ms";
    cpu.form.workload = Workload::Cpu;
    out.push_back(cpu);

    Preset tiny;
    tiny.name = "Tiny tasks: what overhead costs";
    tiny.description =
        "20,000 tasks that do nothing: the time goes to sending tasks and results between "
        "processes. Chunk size 1 sends them one by one; auto sends them in batches. The window "
        "runs one sweep per chunk size and draws both.";
    tiny.form.strategies = {Strategy::Serial, Strategy::Map, Strategy::ImapUnordered};
    tiny.form.workers = "1,2,4";
    tiny.form.tasks = 20'000;
    tiny.form.delay = "0";
    tiny.form.chunksize = "1,auto";
    out.push_back(tiny);

    Preset uneven;
    uneven.name = "Uneven tasks: chunk size and stragglers";
    uneven.description =
        "60 tasks, each longer than the one before (rising), on 4 workers. In chunks of 4 "
        "(auto), one worker is left running the longest tasks while the others wait; chunks of "
        "1 keep them all busy to the end. See the timeline of each run.";
    uneven.form.strategies = {Strategy::Map, Strategy::ImapUnordered};
    uneven.form.workers = "4";
    uneven.form.tasks = 60;
    uneven.form.delay = "100ms";
    uneven.form.chunksize = "1,auto";
    uneven.form.durations = "rising";
    uneven.view = PresetView::Timeline;
    out.push_back(uneven);

    Preset amdahl;
    amdahl.name = "Amdahl: the serial part caps speedup";
    amdahl.description =
        "A fifth of the work (F = 0.2) is done by the parent alone before the pool starts: "
        "however many workers share the rest, speedup stays under Amdahl's 1/(F + (1-F)/n), "
        "never above 5. Watch the speedup chart bend away from the ideal onto the bound.";
    amdahl.form.strategies = {Strategy::Serial, Strategy::Map};
    amdahl.form.workers = "1,2,4,8";
    amdahl.form.tasks = 16;
    amdahl.form.delay = "250ms";
    amdahl.form.serial_fraction = 0.2;
    amdahl.view = PresetView::Speedup;
    out.push_back(amdahl);
    Preset start;
    start.name = "Three ways to start a worker";
    start.description =
        "Pool(n) started, 8 tasks of 1 ms, torn down, with workers made by fork, spawn and "
        "forkserver (Python 3.14's default): the time is almost all start-up cost. Set the delay "
        "to 1s and tasks to 10 for the article's experiment: behind real work the cost vanishes.";
    start.form.strategies = {Strategy::Map};
    start.form.workers = "1,4,8";
    start.form.tasks = 8;
    start.form.delay = "1ms";
    start.form.starts = {StartMethod::Fork, StartMethod::Spawn, StartMethod::Forkserver};
    out.push_back(start);
    Preset data;
    data.name = "Moving data costs time";
    data.description =
        "16 tasks of 50 ms each send and get back 0, 1, 4 or 16 MiB of bytes: serial moves "
        "nothing, the pool pipes every byte both ways, so its speedup falls as the data grows.";
    data.form.strategies = {Strategy::Serial, Strategy::Map};
    data.form.workers = "4";
    data.form.tasks = 16;
    data.form.delay = "50ms";
    data.form.payload = "0,1MiB,4MiB,16MiB";
    out.push_back(data);
    Preset python;
    python.name = "Python against our pool";
    python.description =
        "The article's experiment run twice: by our C++ pool and by a real python3 running the "
        "article's scripts, side by side on one timeline. Python refuses the closure in its own "
        "words; multiprocess (pathos' engine) runs it.";
    python.form.strategies = {Strategy::Serial,    Strategy::PySerial,   Strategy::Map,
                              Strategy::PyMap,     Strategy::MapClosure, Strategy::PyMapClosure,
                              Strategy::PathosMap, Strategy::PyPathosMap};
    python.form.delay = "200ms";
    python.view = PresetView::Timeline;
    out.push_back(python);
    Preset gil;
    gil.name = "The GIL";
    gil.description =
        "Tasks that compute: Python's threads take turns on one core (the GIL), "
        "Python's processes and our threads use all " +
        std::to_string(cores) + " cores.";
    gil.form.strategies = {Strategy::ThreadMap, Strategy::PyThreadMap, Strategy::PyMap};
    gil.form.workers = "1.." + std::to_string(cores);
    gil.form.tasks = std::int64_t{2} * cores;
    gil.form.delay = "200ms";
    gil.form.workload = Workload::Cpu;
    gil.view = PresetView::Speedup;
    out.push_back(gil);
    Preset mpi;
    mpi.name = "From pipes to messages";
    mpi.description =
        "16 rising tasks on 4 workers: our pool over pipes, Open MPI ranks that ask for tasks "
        "(mpi_map), and fixed blocks sent up front (mpi_scatter), where the last rank straggles. "
        "A dead rank ends the whole MPI job; our pool replaces the worker.";
    mpi.form.strategies = {Strategy::Map, Strategy::MpiMap, Strategy::MpiScatter};
    mpi.form.workers = "4";
    mpi.form.tasks = 16;
    mpi.form.delay = "100ms";
    mpi.form.durations = "rising";
    mpi.view = PresetView::Timeline;
    out.push_back(mpi);
    return out;
}

}  // namespace plab::ui
