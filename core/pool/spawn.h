// Starting a fresh copy of this program (posix_spawn of /proc/self/exe) in a worker or server
// mode, with chosen descriptors on known numbers and no other descriptor of the parent.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace plab::detail {

/// The hidden first arguments that put a program in worker or fork-server mode.
inline constexpr const char* kWorkerModeFlag = "--plab-spawn-worker";
inline constexpr const char* kServerModeFlag = "--plab-forkserver";

/// Where a spawned worker finds its descriptors: tasks come in on 3, results go out on 4, the
/// pool's shared slots are on 5 (mapped, then closed). A fork server gets its socket on 3 and
/// the slots on 4.
inline constexpr int kSpawnInFd = 3;
inline constexpr int kSpawnOutFd = 4;
inline constexpr int kSpawnSlotsFd = 5;
inline constexpr int kServerSocketFd = 3;
inline constexpr int kServerSlotsFd = 4;

/// posix_spawn of this program (/proc/self/exe) with argv {"parallel-lab-worker", args...}:
/// each fds pair (source, number) puts source on that number in the child; every other
/// descriptor but 0, 1 and 2 is closed in it; signal mask empty, SIGPIPE and SIGXFSZ back to
/// their defaults. Sources may be any open descriptors (close-on-exec or not, even equal to a
/// target number). Returns the child's pid; throws std::system_error when it cannot start.
pid_t spawn_self(const std::vector<std::string>& args, const std::vector<std::pair<int, int>>& fds);

/// True once run_worker_if_requested has been called in this program (whatever it found):
/// a program that never calls it cannot host spawn workers or a fork server.
bool hosts_spawned_workers();
/// Records that this program calls run_worker_if_requested (it does so itself).
void mark_hosts_spawned_workers();

/// A mode argument as a number in lo..hi, or lo - 1 when it is not one (or text is null).
long parse_mode_number(const char* text, long lo, long hi);

/// The shared worker slots of a pool of n workers in a memfd (close-on-exec), mapped; throws
/// std::system_error. Spawned workers and the fork server map the same memory from its fd.
struct SharedSlots {
    int fd = -1;
    void* mem = nullptr;
    std::size_t bytes = 0;
};
SharedSlots make_shared_slots(std::size_t bytes);

/// Maps the slots memfd at fd (its whole size) and closes fd; nullptr on failure. bytes gets
/// the size mapped.
void* map_shared_slots(int fd, std::size_t& bytes);

}  // namespace plab::detail
