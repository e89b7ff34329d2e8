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
    return out;
}

}  // namespace plab::ui
