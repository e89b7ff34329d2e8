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
    last_busy_ns = monotonic_ns();
    // A collector asleep without a timer would not notice this work if nobody waits for it.
    if (collector_parked) wake();
    return true;
}

bool ProcessPool::Impl::wait_leading(Job& job, std::optional<std::chrono::nanoseconds> timeout) {
    // A leader looks up from its poll at least this often, in case its job settled by a way
    // that did not touch the pipes it watches (a cancel of queued tasks, a shutdown).
    constexpr std::int64_t kLookAgainNs = 10'000'000;
    constexpr auto kFollowerNap = std::chrono::milliseconds(1);
    const std::int64_t deadline = timeout ? monotonic_ns() + timeout->count() : LLONG_MAX;
    std::vector<pollfd> fds;
    std::vector<std::pair<int, bool>> owner;  // as in plan_poll: worker slot, for writing
    for (;;) {
        if (job.done()) return true;
        const std::int64_t now = monotonic_ns();
        if (now >= deadline) return false;
        bool lead = false;
        {
            IoLock io(*this);
            if (!leading && !collector_reading) {
                intake();
                dispatch();
                fds.clear();
                owner.clear();
                for (const Worker& w : workers) {
                    if (w.pid < 0 || w.hung_up) continue;
                    if (!w.inflight.empty()) {
                        fds.push_back(pollfd{w.from_fd, POLLIN, 0});
                        owner.emplace_back(w.slot, false);
                    }
                    if (w.out_at < w.out.size()) {
                        fds.push_back(pollfd{w.to_fd, POLLOUT, 0});
                        owner.emplace_back(w.slot, true);
                    }
                }
                lead = !fds.empty();
                if (lead) {
                    leading = true;
                    last_lead_ns = now;
                }
            }
        }
        if (!lead) {  // somebody else reads, or nothing runs yet: follow
            const auto left = std::chrono::nanoseconds(deadline - now);
            job.wait_settled(std::min<std::chrono::nanoseconds>(left, kFollowerNap));
            continue;
        }
        const std::int64_t wait_ns = std::min(deadline - now, kLookAgainNs);
        ::poll(fds.data(), fds.size(), static_cast<int>((wait_ns + 999'999) / 1'000'000));
        IoLock io(*this);
        serve_ready(fds, owner, 0, false);
        intake();
        dispatch();
        leading = false;
        last_lead_ns = monotonic_ns();
        if (collector_parked && busy()) wake();  // work left that nobody may wait for
    }
}

}  // namespace plab
