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
    return out;
}

}  // namespace plab::ui
