// ProcessPool::Impl's leader/follower I/O: callers dispatching to idle workers themselves, and
// threads waiting for results reading the workers' pipes while they wait (see pool_impl.h).
#include <poll.h>

#include <algorithm>
#include <climits>

#include "pool/clock.h"
#include "pool/pool_impl.h"

namespace plab {

namespace {
// The pool whose io_m this thread holds (a thread holds at most one: no pool calls another).
thread_local const void* t_io_holder = nullptr;
}  // namespace

ProcessPool::Impl::IoLock::IoLock(ProcessPool::Impl& pool, bool lock_now) : pool_(pool) {
    if (lock_now) lock();
}

ProcessPool::Impl::IoLock::~IoLock() {
    if (owns_) unlock();
}

void ProcessPool::Impl::IoLock::lock() {
    pool_.io_m.lock();
    owns_ = true;
    t_io_holder = &pool_;
}

void ProcessPool::Impl::IoLock::unlock() {
    t_io_holder = nullptr;
    owns_ = false;
    pool_.io_m.unlock();
}

bool ProcessPool::Impl::IoLock::try_lock() {
    if (held(pool_) || !pool_.io_m.try_lock()) return false;
    owns_ = true;
    t_io_holder = &pool_;
    return true;
}

bool ProcessPool::Impl::IoLock::held(const ProcessPool::Impl& pool) {
    return t_io_holder == &pool;
}

void ProcessPool::Impl::intake() {
    std::lock_guard lock(m);
    while (!submitted.empty()) {
        pending.push_back(std::move(submitted.front()));
        submitted.pop_front();
    }
}

bool ProcessPool::Impl::busy() const {
    return !pending.empty() || std::any_of(workers.begin(), workers.end(),
                                           [](const Worker& w) { return !w.inflight.empty(); });
}

bool ProcessPool::Impl::try_dispatch() {
    IoLock io(*this, false);
    if (!io.try_lock()) return false;
    const bool idle_worker = std::any_of(workers.begin(), workers.end(), [](const Worker& w) {
        return w.pid >= 0 && !w.hung_up && w.inflight.empty();
    });
    if (!idle_worker) return false;
    intake();
    dispatch();
    last_lead_ns = monotonic_ns();  // the caller is likely to wait next: the collector's grace
    // (L): a leader polls every live worker (this one too) but flushes only what it planned; a
    // parked collector must read when nobody leads, and flush what is left to write.
    const bool unflushed = std::any_of(workers.begin(), workers.end(),
                                       [](const Worker& w) { return w.out_at < w.out.size(); });
    if (collector_parked && (!leading || unflushed)) wake();
    return true;
}

void ProcessPool::Impl::step_down() {
    last_lead_ns = monotonic_ns();
    if (!followers.empty()) {  // the lead passes: `leading` stays true
        Follower* next = followers.front();
        followers.pop_front();
        {
            std::lock_guard lock(next->job->m);
            next->offered = true;
        }
        next->job->cv.notify_all();
        return;
    }
    leading = false;
    if (!collector_parked) return;  // it reads, or its grace timer will look
    bool stopping = false;
    {
        std::lock_guard lock(m);
        stopping = join_requested || terminate_requested || !submitted.empty();
    }
    if (stopping || busy()) wake();
}

namespace {

/// Empties an eventfd (non-blocking).
void drain(int fd) {
    std::uint64_t count = 0;
    [[maybe_unused]] const ssize_t r = ::read(fd, &count, sizeof count);
}

}  // namespace

bool ProcessPool::Impl::wait_leading(Job& job, std::size_t index,
                                     std::optional<std::chrono::nanoseconds> timeout) {
    const std::int64_t deadline = timeout ? monotonic_ns() + timeout->count() : LLONG_MAX;
    Follower me;
    me.job = &job;
    bool lead = false;  // this thread holds the lead
    std::vector<pollfd> fds;
    std::vector<std::pair<int, bool>> owner;  // as in plan_poll: worker slot, for writing
    for (;;) {
        {
            IoLock io(*this);
            if (!lead && !leading && !collector_reading) {
                leading = true;
                lead = true;
                last_lead_ns = monotonic_ns();
            }
            if (lead) {
                if (lead_rung) drain(lead_fd);  // (D): rings from now on are for this plan
                lead_rung = false;
                intake();
                dispatch();
                const bool done = job.done(index);
                if (done || monotonic_ns() >= deadline) {
                    step_down();
                    return done;
                }
                fds.clear();
                owner.clear();
                fds.push_back(pollfd{lead_fd, POLLIN, 0});
                owner.emplace_back(-1, false);
                for (const Worker& w : workers) {
                    if (w.pid < 0 || w.hung_up) continue;
                    fds.push_back(pollfd{w.from_fd, POLLIN, 0});
                    owner.emplace_back(w.slot, false);
                    if (w.out_at < w.out.size()) {
                        fds.push_back(pollfd{w.to_fd, POLLOUT, 0});
                        owner.emplace_back(w.slot, true);
                    }
                }
                if (fds.size() == 1) {
                    // No worker to read (deaths not yet reaped): the collector's turn. Not to a
                    // follower, who would find the same; it follows too and is answered.
                    leading = false;
                    lead = false;
                    if (collector_parked) wake();
                }
            }
            if (!lead) followers.push_back(&me);
        }
        if (lead) {
            int wait_ms = -1;
            if (deadline != LLONG_MAX) {
                const std::int64_t left = std::max<std::int64_t>(deadline - monotonic_ns(), 0);
                wait_ms =
                    static_cast<int>(std::min<std::int64_t>((left + 999'999) / 1'000'000, INT_MAX));
            }
            ::poll(fds.data(), fds.size(), wait_ms);
            IoLock io(*this);
            serve_ready(fds, owner, 1, false);
            continue;
        }
        // Follow (F): until the job settles, the lead is offered, or the deadline passes.
        bool settled = false;
        {
            std::unique_lock lock(job.m);
            const auto ready = [&] { return job.done_locked(index) || me.offered; };
            if (deadline == LLONG_MAX) {
                job.cv.wait(lock, ready);
            } else {
                job.cv.wait_until(
                    lock, std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadline)),
                    ready);
            }
            settled = job.done_locked(index);
        }
        {
            IoLock io(*this);
            if (me.offered) {
                me.offered = false;
                lead = true;  // handed over: `leading` is already true for this thread
            } else {
                followers.erase(std::find(followers.begin(), followers.end(), &me));
            }
        }
        if (!lead && (settled || monotonic_ns() >= deadline)) return settled;
    }
}

}  // namespace plab
