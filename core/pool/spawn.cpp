#include "pool/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "pool/start_method.h"

namespace plab::detail {

namespace {

bool g_hosts = false;

[[noreturn]] void fail(int err, const char* what) {
    throw std::system_error(err, std::generic_category(), what);
}

}  // namespace

bool hosts_spawned_workers() {
    return g_hosts;
}

void mark_hosts_spawned_workers() {
    g_hosts = true;
}

pid_t spawn_self(const std::vector<std::string>& args,
                 const std::vector<std::pair<int, int>>& fds) {
    // A source that is itself a target number (or below the highest) could be overwritten by
    // an earlier dup2 of the file actions, or keep its close-on-exec flag when dup2'd onto
    // itself: such sources are first copied above every target.
    int top = 2;
    for (const auto& [src, dst] : fds)
        top = std::max(top, dst);
    std::vector<int> temps;
    std::vector<std::pair<int, int>> moves;
    auto release = [&temps] {
        for (const int t : temps)
            ::close(t);
    };
    for (const auto& [src, dst] : fds) {
        if (src > top) {
            moves.emplace_back(src, dst);
            continue;
        }
        const int copy = ::fcntl(src, F_DUPFD_CLOEXEC, top + 1);
        if (copy < 0) {
            const int e = errno;
            release();
            fail(e, "fcntl(F_DUPFD_CLOEXEC)");
        }
        temps.push_back(copy);
        moves.emplace_back(copy, dst);
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attr);
    for (const auto& [src, dst] : moves)
        ::posix_spawn_file_actions_adddup2(&actions, src, dst);
    // Nothing of the parent but the descriptors asked for (and stdio): not even one that a
    // library opened without close-on-exec.
    ::posix_spawn_file_actions_addclosefrom_np(&actions, top + 1);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGXFSZ);
    ::posix_spawnattr_setsigmask(&attr, &none);
    ::posix_spawnattr_setsigdefault(&attr, &defaults);
    ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> argv;
    static char name[] = "parallel-lab-worker";
    argv.push_back(name);
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int err = ::posix_spawn(&pid, "/proc/self/exe", &actions, &attr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
    release();
    if (err != 0) fail(err, "posix_spawn");
    return pid;
}

SharedSlots make_shared_slots(std::size_t bytes) {
    SharedSlots s;
    s.bytes = bytes;
    s.fd = ::memfd_create("plab-slots", MFD_CLOEXEC);
    if (s.fd < 0) fail(errno, "memfd_create");
    if (::ftruncate(s.fd, static_cast<off_t>(bytes)) < 0) {
        const int e = errno;
        ::close(s.fd);
        fail(e, "ftruncate");
    }
    s.mem = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, s.fd, 0);
    if (s.mem == MAP_FAILED) {
        const int e = errno;
        ::close(s.fd);
        fail(e, "mmap");
    }
    return s;
}

void* map_shared_slots(int fd, std::size_t& bytes) {
    struct stat st {};
    void* mem = nullptr;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        bytes = static_cast<std::size_t>(st.st_size);
        mem = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (mem == MAP_FAILED) mem = nullptr;
    }
    ::close(fd);
    return mem;
}

}  // namespace plab::detail
