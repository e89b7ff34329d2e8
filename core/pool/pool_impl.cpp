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

std::string describe_status(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* abbrev = ::sigabbrev_np(sig);
        return "was killed by signal " + std::to_string(sig) + " (SIG" + (abbrev ? abbrev : "?") +
               ")";
    }
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    return "ended (wait status " + std::to_string(status) + ")";
}

std::string seconds_text(std::int64_t ns) {
    const std::int64_t ms = ns / 1'000'000;
    std::string frac = std::to_string(ms % 1000);
    return std::to_string(ms / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

}  // namespace detail

using detail::close_fd;
using detail::set_nonblocking;
using detail::throw_errno;

ProcessPool::Impl::Impl(int workers_count, PoolOptions options)
    : n(workers_count), opt(std::move(options)), parent(::getpid()) {
    if (opt.prefetch == 0) opt.prefetch = 1;
    direct = !opt.observer && opt.task_timeout.count() <= 0;
    const std::size_t bytes = sizeof(detail::WorkerSlot) * static_cast<std::size_t>(n);
    void* mem = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) throw_errno("mmap");
    slots = static_cast<detail::WorkerSlot*>(mem);
    for (int i = 0; i < n; ++i)
        new (&slots[i]) detail::WorkerSlot();
    wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    lead_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd < 0 || lead_fd < 0) {
        const int e = errno;
        close_fd(wake_fd);
        close_fd(lead_fd);
        ::munmap(slots, bytes);
        errno = e;
        throw_errno("eventfd");
    }
    workers.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        workers[static_cast<std::size_t>(i)].slot = i;
}

ProcessPool::Impl::~Impl() {
    close_fd(wake_fd);
    close_fd(lead_fd);
    ::munmap(slots, sizeof(detail::WorkerSlot) * static_cast<std::size_t>(n));
}

void ProcessPool::Impl::spawn(Worker& w) {
    int to[2];
    int from[2];
    if (::pipe2(to, O_CLOEXEC) < 0) throw_errno("pipe2");
    if (::pipe2(from, O_CLOEXEC) < 0) {
        const int e = errno;
        ::close(to[0]);
        ::close(to[1]);
        errno = e;
        throw_errno("pipe2");
    }
    slots[w.slot].task.store(0);
    detail::WorkerSetup setup;
    setup.in_fd = to[0];
    setup.out_fd = from[1];
    setup.slot = &slots[w.slot];
    setup.inherited = &opt.inherited;
    setup.report_starts = opt.report_starts;
    setup.task_times = !direct;
    setup.parent = parent;
    const pid_t pid = ::fork();
    if (pid == 0) detail::worker_main(setup);  // never returns
    const int fork_errno = errno;
    ::close(to[0]);
    ::close(from[1]);
    if (pid < 0) {
        ::close(to[1]);
        ::close(from[0]);
        errno = fork_errno;
        throw_errno("fork");
    }
    w.pid = pid;
    w.to_fd = to[1];
    w.from_fd = from[0];
    w.out.clear();
    w.out_at = 0;
    w.in.clear();
    w.hung_up = false;
    w.cancelling = false;
    w.broken.clear();
    w.timed_out = false;
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
