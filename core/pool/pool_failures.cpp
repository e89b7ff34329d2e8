// ProcessPool::Impl when things end: a worker's death, a cancel, the pool's shutdown.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "pool/clock.h"
#include "pool/pool_impl.h"
#include "pool/wire.h"

namespace plab {

using detail::close_fd;
using detail::describe_status;
using detail::seconds_text;

namespace {

// Reaps a worker whose result pipe reached end of file and returns its wait status. A worker
// that exits closes the pipe on its way out and is waitable a moment later; one whose task
// closed the pipe and runs on would keep waitpid (and the I/O lock) waiting for ever. So it
// gets grace_ms to become waitable (watched through a pidfd), then is killed; killed_here says
// whether this happened.
int reap_after_eof(pid_t pid, int grace_ms, bool& killed_here) {
    killed_here = false;
    int status = 0;
    auto try_reap = [&] {
        pid_t r = 0;
        while ((r = ::waitpid(pid, &status, WNOHANG)) < 0 && errno == EINTR) {
        }
        return r == pid;
    };
    if (try_reap()) return status;
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0U));
    if (pidfd >= 0) {
        pollfd exited{pidfd, POLLIN, 0};
        ::poll(&exited, 1, grace_ms);
        ::close(pidfd);
        if (try_reap()) return status;
    }
    killed_here = ::kill(pid, SIGKILL) == 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

}  // namespace

int ProcessPool::Impl::reap(pid_t pid, int grace_ms, bool& killed_here) {
    if (server) return server->wait_exit(pid, grace_ms, killed_here);
    return reap_after_eof(pid, grace_ms, killed_here);
}

void ProcessPool::Impl::on_death(Worker& w) {
    close_fd(w.to_fd);
    close_fd(w.from_fd);
    bool killed_here = false;
    const int status = reap(w.pid, 20, killed_here);
    const std::string who =
        "worker " + std::to_string(w.slot) + " (pid " + std::to_string(w.pid) + ") ";
    std::string cause = w.broken.empty() ? describe_status(status) : w.broken;
    if (killed_here && w.broken.empty() && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        cause = "closed its result pipe and was killed for it";
    const std::uint64_t running = slots[w.slot].task.load(std::memory_order_acquire);
    const std::int64_t running_since = slots[w.slot].start_ns.load(std::memory_order_relaxed);

    // "Killed repeatedly before running a task" is this slot's streak of workers that died
    // with tasks queued before they started any. A death while running a task fails that task
    // only; it and the death of a worker that ran tasks end the streak; an idle worker's death
    // leaves it as it is. Past 3, each further death of the streak fails the task at the front
    // of its queue: no death fails more than one task (kills from outside faster than workers
    // can start cost about a task each), and a slot whose workers can never start a task
    // still ends every task.
    bool running_owed = false;
    bool owed = false;
    for (const Chunk& c : w.inflight) {
        const std::uint64_t from = c.job->first_task_id + c.first + c.delivered;
        const std::uint64_t to = c.job->first_task_id + c.first + c.count;
        owed = owed || from < to;
        running_owed = running_owed || (running >= from && running < to);
    }
    const bool ran = slots[w.slot].ran.load(std::memory_order_relaxed);
    std::size_t blind_quota = 0;
    if (!w.cancelling && (running_owed || ran)) {
        w.blind_deaths = 0;
    } else if (!w.cancelling && owed && ++w.blind_deaths > 3) {
        blind_quota = 1;
    }

    // The failures are delivered after the replacement is forked and published, so that whoever
    // sees a task fail with its worker's death also sees the pool whole again (pids()).
    struct Failure {
        Chunk chunk;
        std::size_t index;
        std::int64_t start;
        std::string error;
    };
    std::vector<Failure> failures;
    Worker dead;  // what the failure events name: the dead worker's slot and pid
    dead.slot = w.slot;
    dead.pid = w.pid;
    std::deque<Chunk> requeue;
    std::deque<Chunk> queued;  // a cancel's tasks that were waiting in the dead worker's pipe
    std::deque<Chunk>& not_run = w.cancelling ? queued : requeue;
    for (Chunk& c : w.inflight) {
        std::size_t run_from = c.first + c.delivered;  // start of a range to requeue
        for (std::size_t i = c.first + c.delivered; i < c.first + c.count; ++i) {
            const std::uint64_t id = c.job->first_task_id + i;
            bool guilty = id == running;
            if (!guilty && blind_quota > 0) {  // the front one
                guilty = true;
                blind_quota = 0;
            }
            // A task that never started is requeued, or on a cancel settled in bulk (below)
            // without an event: a cancel of 10,000,000 queued tasks costs no event each.
            if (!guilty) continue;
            if (i > run_from) not_run.push_back(Chunk{c.job, run_from, i - run_from, 0});
            run_from = i + 1;
            std::string error;
            if (w.cancelling) {
                error = "cancelled";
            } else if (id != running) {
                error = who + cause + " repeatedly before running a task";
            } else if (w.timed_out) {
                error = "timed out after " + seconds_text(opt.task_timeout.count()) + " s: " + who +
                        "was killed and replaced";
            } else {
                error = who + cause + " while running it";
            }
            failures.push_back(Failure{c, i, id == running ? running_since : 0, std::move(error)});
        }
        if (c.first + c.count > run_from) {
            not_run.push_back(Chunk{c.job, run_from, c.first + c.count - run_from, 0});
        }
    }
    w.inflight.clear();
    pending.insert(pending.begin(), std::make_move_iterator(requeue.begin()),
                   std::make_move_iterator(requeue.end()));
    w.pid = -1;
    bool replace = false;
    {
        std::lock_guard lock(m);
        replace = !terminate_requested && !join_requested;
    }
    if (replace || !pending.empty()) {
        try {
            spawn(w);
        } catch (const std::system_error& e) {
            w.pid = -1;
            if (std::none_of(workers.begin(), workers.end(),
                             [](const Worker& x) { return x.pid >= 0; })) {
                fail_pending(std::string("no worker could be started: ") + e.what());
            }
        }
    }
    publish_pids();
    for (const Failure& f : failures)
        fail(f.chunk, f.index, &dead, f.start, f.error);
    for (const Chunk& c : queued)
        cancel_queued(c, c.first);
}

void ProcessPool::Impl::cancel_queued(const Chunk& c, std::size_t from) {
    unsettled.fetch_sub(c.job->cancel_range(from, c.first + c.count - from));
}

void ProcessPool::Impl::cancel_tasks(std::uint64_t below) {
    std::deque<Chunk> keep;
    for (Chunk& c : pending) {
        if (c.job->first_task_id + c.first < below) {
            cancel_queued(c, c.first);
        } else {
            keep.push_back(std::move(c));
        }
    }
    pending.swap(keep);
    for (Worker& w : workers) {
        if (w.pid >= 0 && !w.inflight.empty() && !w.cancelling) {
            w.cancelling = true;
            ::kill(w.pid, SIGKILL);  // its pipe's end of file settles the tasks as cancelled
        }
    }
}

void ProcessPool::Impl::shutdown(bool hard, const std::string& reason) {
    if (hard) {
        fail_pending(reason);
        for (Worker& w : workers) {
            if (w.pid >= 0) ::kill(w.pid, SIGKILL);
        }
    }
    // Closing a worker's task pipe is its signal to exit; its result pipe hangs up when it has.
    for (Worker& w : workers)
        close_fd(w.to_fd);
    const std::int64_t deadline = monotonic_ns() + 2'000'000'000;
    for (;;) {
        std::vector<pollfd> fds;
        for (Worker& w : workers) {
            if (w.from_fd >= 0) fds.push_back(pollfd{w.from_fd, POLLIN, 0});
        }
        if (fds.empty()) break;
        const std::int64_t left_ms = (deadline - monotonic_ns()) / 1'000'000;
        if (left_ms <= 0) break;
        ::poll(fds.data(), fds.size(), static_cast<int>(left_ms));
        for (Worker& w : workers) {
            if (w.from_fd < 0) continue;
            char buf[4096];
            const ssize_t got = ::read(w.from_fd, buf, sizeof buf);
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) close_fd(w.from_fd);
        }
    }
    for (Worker& w : workers) {
        if (w.pid < 0) continue;
        if (w.from_fd >= 0) ::kill(w.pid, SIGKILL);  // it did not exit in time
        close_fd(w.from_fd);
        if (server) {  // not our child: the server reaps it and reports
            bool killed = false;
            server->wait_exit(w.pid, 2000, killed);
        } else {
            while (::waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {
            }
        }
        w.pid = -1;
        for (const Chunk& c : w.inflight) {
            for (std::size_t i = c.first + c.delivered; i < c.first + c.count; ++i) {
                fail(c, i, &w, 0, reason);
            }
        }
        w.inflight.clear();
    }
    publish_pids();
    server.reset();  // its workers are all reaped: it exits at end of file on its socket
    std::deque<Chunk> late;
    {
        std::lock_guard lock(m);
        late.swap(submitted);
    }
    pending = std::move(late);
    fail_pending(reason);
}

}  // namespace plab
