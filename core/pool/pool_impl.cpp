// ProcessPool::Impl: set-up, forking workers, and reporting each task's outcome.
#include "pool/pool_impl.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "pool/clock.h"
#include "pool/spawn.h"
#include "pool/wire.h"

namespace plab {

namespace detail {

[[noreturn]] void throw_errno(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void set_nonblocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) throw_errno("fcntl");
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

int above_stdio(int fd) {
    if (fd < 0 || fd > 2) return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    const int e = errno;
    ::close(fd);
    errno = e;
    return moved;
}

namespace {

// What a worker's own exit statuses (worker.h) mean, for the task's error.
const char* worker_exit_meaning(int code) {
    switch (code) {
        case kWorkerExitProtocol:
            return " (the worker could not read the tasks it was sent)";
        case kWorkerExitOrphan:
            return " (its parent died while it started)";
        case kWorkerExitOutOfMemory:
            return " (out of memory in the worker, outside the task's code: e.g. encoding its "
                   "result)";
        case kWorkerExitUnexpected:
            return " (an exception escaped in the worker, outside the task's code)";
        default:
            return "";
    }
}

}  // namespace

std::string describe_status(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* abbrev = ::sigabbrev_np(sig);
        return "was killed by signal " + std::to_string(sig) + " (SIG" + (abbrev ? abbrev : "?") +
               ")";
    }
    if (WIFEXITED(status)) {
        return "exited with status " + std::to_string(WEXITSTATUS(status)) +
               worker_exit_meaning(WEXITSTATUS(status));
    }
    return "ended (wait status " + std::to_string(status) + ")";
}

// A pipe whose two ends are above descriptor 2, even when the host closed stdin, stdout or
// stderr: a worker keeps exactly its ends from 3 up, and a write to stdout or stderr in the
// parent must never land in a worker's pipe.
void pipe_above_stdio(int (&fds)[2]) {
    if (::pipe2(fds, O_CLOEXEC) < 0) throw_errno("pipe2");
    fds[0] = detail::above_stdio(fds[0]);
    fds[1] = detail::above_stdio(fds[1]);
    if (fds[0] < 0 || fds[1] < 0) {
        const int e = errno;
        close_fd(fds[0]);
        close_fd(fds[1]);
        errno = e;
        throw_errno("fcntl(F_DUPFD_CLOEXEC)");
    }
}

std::string seconds_text(std::int64_t ns) {
    const std::int64_t ms = ns / 1'000'000;
    std::string frac = std::to_string(ms % 1000);
    return std::to_string(ms / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

}  // namespace detail

namespace {

// spawn and forkserver need a program that hosts their processes, and cannot carry a callable.
void check_start_method(const PoolOptions& opt) {
    if (!detail::hosts_spawned_workers()) {
        throw std::invalid_argument(
            "start method " + std::string(start_method_name(opt.start)) +
            " needs this program to call plab::run_worker_if_requested(argc, argv) first in "
            "main: its workers are fresh runs of the program");
    }
    if (opt.inherited) throw std::invalid_argument(closure_refusal(opt.start));
}

}  // namespace

using detail::close_fd;
using detail::pipe_above_stdio;
using detail::set_nonblocking;
using detail::throw_errno;

ProcessPool::Impl::Impl(int workers_count, PoolOptions options)
    : n(workers_count), opt(std::move(options)), parent(::getpid()) {
    if (opt.prefetch == 0) opt.prefetch = 1;
    direct = !opt.observer && opt.task_timeout.count() <= 0;
    const std::size_t bytes = sizeof(detail::WorkerSlot) * static_cast<std::size_t>(n);
    void* mem = nullptr;
    if (opt.start == StartMethod::Fork) {
        mem = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) throw_errno("mmap");
    } else {
        // A spawned worker or the fork server maps the same memory again from its memfd.
        check_start_method(opt);
        const detail::SharedSlots shared = detail::make_shared_slots(bytes);
        mem = shared.mem;
        slots_fd = shared.fd;
    }
    slots = static_cast<detail::WorkerSlot*>(mem);
    for (int i = 0; i < n; ++i)
        new (&slots[i]) detail::WorkerSlot();
    wake_fd = detail::above_stdio(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    lead_fd = detail::above_stdio(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (wake_fd < 0 || lead_fd < 0) {
        const int e = errno;
        close_fd(wake_fd);
        close_fd(lead_fd);
        close_fd(slots_fd);
        ::munmap(slots, bytes);
        errno = e;
        throw_errno("eventfd");
    }
    workers.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        workers[static_cast<std::size_t>(i)].slot = i;
    prepare_initializer();
}

ProcessPool::Impl::~Impl() {
    server.reset();
    close_fd(slots_fd);
    close_fd(wake_fd);
    close_fd(lead_fd);
    ::munmap(slots, sizeof(detail::WorkerSlot) * static_cast<std::size_t>(n));
}

pid_t ProcessPool::Impl::start_process(const Worker& w, int& to_fd, int& from_fd) {
    if (opt.start == StartMethod::Forkserver) return server->fork_worker(w.slot, to_fd, from_fd);
    int to[2];
    int from[2];
    pipe_above_stdio(to);
    try {
        pipe_above_stdio(from);
    } catch (...) {
        ::close(to[0]);
        ::close(to[1]);
        throw;
    }
    pid_t pid = -1;
    int start_errno = 0;
    if (opt.start == StartMethod::Spawn) {
        try {
            pid = detail::spawn_self({detail::kWorkerModeFlag, std::to_string(w.slot),
                                      direct ? "0" : "1", std::to_string(parent)},
                                     {{to[0], detail::kSpawnInFd},
                                      {from[1], detail::kSpawnOutFd},
                                      {slots_fd, detail::kSpawnSlotsFd}});
        } catch (const std::system_error& e) {
            start_errno = e.code().value();
        }
    } else {
        detail::WorkerSetup setup;
        setup.in_fd = to[0];
        setup.out_fd = from[1];
        setup.slot = &slots[w.slot];
        setup.inherited = &opt.inherited;
        setup.task_times = !direct;
        setup.parent = parent;
        setup.init = &init;
        // Every signal blocked across fork (as reproc does): none of the parent's handlers may
        // run in the child before worker_main has reset them.
        sigset_t all;
        sigset_t old;
        sigfillset(&all);
        ::pthread_sigmask(SIG_SETMASK, &all, &old);
        pid = ::fork();
        if (pid == 0) detail::worker_main(setup);  // never returns, never throws
        start_errno = errno;
        ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    }
    ::close(to[0]);
    ::close(from[1]);
    if (pid < 0) {
        ::close(to[1]);
        ::close(from[0]);
        errno = start_errno;
        throw_errno(opt.start == StartMethod::Spawn ? "posix_spawn" : "fork");
    }
    to_fd = to[1];
    from_fd = from[0];
    return pid;
}

void ProcessPool::Impl::spawn(Worker& w) {
    slots[w.slot].task.store(0);
    slots[w.slot].ran.store(false);
    int to_fd = -1;
    int from_fd = -1;
    w.pid = start_process(w, to_fd, from_fd);
    w.to_fd = to_fd;
    w.from_fd = from_fd;
    w.out.clear();
    w.out_at = 0;
    w.in.clear();
    w.hung_up = false;
    w.cancelling = false;
    w.broken.clear();
    w.timed_out = false;
    w.start_reported = 0;
    w.sent = 0;
    set_nonblocking(w.to_fd);
    set_nonblocking(w.from_fd);
}

void ProcessPool::Impl::publish_pids() {
    std::lock_guard lock(m);
    pid_snapshot.clear();
    for (const Worker& w : workers)
        pid_snapshot.push_back(w.pid);
}

void ProcessPool::Impl::notify(TaskEvent::Kind kind, const Chunk& c, std::size_t index,
                               const Worker& w, std::int64_t start, std::int64_t end,
                               const Outcome* outcome) const {
    if (!opt.observer) return;
    TaskEvent ev;
    ev.kind = kind;
    ev.call = c.job->call_of(index);
    ev.index = c.job->index_in_call(index);
    ev.worker = w.slot;
    ev.pid = w.pid;
    ev.start_ns = start;
    ev.end_ns = end;
    if (outcome != nullptr) {
        ev.ok = outcome->ok;
        ev.result = outcome->value;
        ev.error = outcome->error;
    }
    try {
        opt.observer(ev);
    } catch (...) {  // an observer must not take the collector down
    }
}

void ProcessPool::Impl::deliver(const Chunk& c, std::size_t index, const Worker& w,
                                std::int64_t start, std::int64_t end, Outcome outcome) {
    notify(TaskEvent::Kind::Finished, c, index, w, start, end, &outcome);
    if (c.job->settle(index, std::move(outcome))) unsettled.fetch_sub(1);
}

void ProcessPool::Impl::fail(const Chunk& c, std::size_t index, const Worker* w, std::int64_t start,
                             const std::string& error) {
    Outcome o;
    o.error = error;
    const std::int64_t now = monotonic_ns();
    if (w != nullptr) {
        deliver(c, index, *w, start != 0 ? start : now, now, std::move(o));
        return;
    }
    Worker none;  // a task that never reached a worker
    none.slot = -1;
    none.pid = 0;
    deliver(c, index, none, now, now, std::move(o));
}

void ProcessPool::Impl::fail_pending(const std::string& error) {
    for (const Chunk& c : pending) {
        for (std::size_t i = 0; i < c.count; ++i)
            fail(c, c.first + i, nullptr, 0, error);
    }
    pending.clear();
}

}  // namespace plab
