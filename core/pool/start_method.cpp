#include "pool/start_method.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "pool/forkserver.h"
#include "pool/spawn.h"
#include "pool/worker.h"

namespace plab {

namespace {

constexpr std::string_view kNames[] = {"fork", "spawn", "forkserver"};

}  // namespace

std::string_view start_method_name(StartMethod m) {
    switch (m) {
        case StartMethod::Spawn:
            return kNames[1];
        case StartMethod::Forkserver:
            return kNames[2];
        default:
            return kNames[0];
    }
}

std::optional<StartMethod> parse_start_method(std::string_view name) {
    if (name == kNames[0]) return StartMethod::Fork;
    if (name == kNames[1]) return StartMethod::Spawn;
    if (name == kNames[2]) return StartMethod::Forkserver;
    return std::nullopt;
}

std::string start_method_names_joined() {
    return "fork, spawn, forkserver";
}

std::string closure_refusal(StartMethod m) {
    const std::string name(start_method_name(m));
    const std::string what = m == StartMethod::Spawn
                                 ? "a spawned worker is a fresh run of the program"
                                 : "a forkserver worker is a copy of the fork server";
    return "cannot run a closure under start method " + name + ": " + what +
           ", with none of the parent's memory, and the closure exists only there (Python's "
           "get_context('" +
           name +
           "') must pickle it too: pickle refuses a local function, and pathos needs dill to "
           "send its code); use start method fork, or a registered task";
}

namespace detail {

long parse_mode_number(const char* text, long lo, long hi) {
    if (text == nullptr) return lo - 1;
    errno = 0;
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi) return lo - 1;
    return v;
}

namespace {

// A spawned worker: argv {name, flag, slot, task_times, parent pid}, its task pipe on 3, its
// result pipe on 4, the pool's slots on 5.
int spawned_worker_main(int argc, char** argv) {
    if (argc != 5) return kWorkerExitProtocol;
    const long slot = parse_mode_number(argv[2], 0, INT_MAX);
    const long times = parse_mode_number(argv[3], 0, 1);
    const long parent = parse_mode_number(argv[4], 1, INT_MAX);
    if (slot < 0 || times < 0 || parent < 1) return kWorkerExitProtocol;
    std::size_t bytes = 0;
    void* mem = map_shared_slots(kSpawnSlotsFd, bytes);
    if (mem == nullptr || static_cast<std::size_t>(slot + 1) * sizeof(WorkerSlot) > bytes)
        return kWorkerExitProtocol;
    WorkerSetup setup;
    setup.in_fd = kSpawnInFd;
    setup.out_fd = kSpawnOutFd;
    setup.slot = static_cast<WorkerSlot*>(mem) + slot;
    setup.task_times = times == 1;
    setup.parent = static_cast<pid_t>(parent);
    worker_main(setup);
}

}  // namespace
}  // namespace detail

std::optional<int> run_worker_if_requested(int argc, char** argv) {
    detail::mark_hosts_spawned_workers();
    if (argc < 2 || argv == nullptr || argv[1] == nullptr) return std::nullopt;
    if (std::strcmp(argv[1], detail::kWorkerModeFlag) == 0)
        return detail::spawned_worker_main(argc, argv);
    if (std::strcmp(argv[1], detail::kServerModeFlag) == 0)
        return detail::forkserver_main(argc, argv);
    return std::nullopt;
}

}  // namespace plab
