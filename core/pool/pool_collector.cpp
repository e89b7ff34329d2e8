// ProcessPool::Impl's collector thread: dispatching batches, reading results, enforcing task
// timeouts, and the poll loop that drives it all.
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
#include "pool/pool_impl.h"
#include "pool/wire.h"

namespace plab {

namespace {

// True on a pool's collector thread, which blocks SIGPIPE for its whole life.
thread_local bool t_sigpipe_blocked = false;

// A write to a worker that died must fail with EPIPE, not kill the process with SIGPIPE. Other
// threads (callers dispatching, leaders) block SIGPIPE around their writes, take back the
// signal a failed write raised (it would be delivered at unblocking), and restore their mask.
class SigpipeShield {
  public:
    SigpipeShield() {
        if (t_sigpipe_blocked) return;
        sigemptyset(&pipe_);
        sigaddset(&pipe_, SIGPIPE);
        active_ = ::pthread_sigmask(SIG_BLOCK, &pipe_, &old_) == 0;
    }
    ~SigpipeShield() {
        if (!active_) return;
        if (raised_) {
            const timespec now{0, 0};
            ::sigtimedwait(&pipe_, nullptr, &now);
        }
        ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }
    SigpipeShield(const SigpipeShield&) = delete;
    SigpipeShield& operator=(const SigpipeShield&) = delete;
    /// A write failed with EPIPE: a SIGPIPE is pending for this thread.
    void raised() { raised_ = true; }

  private:
    sigset_t pipe_{};
    sigset_t old_{};
    bool active_ = false;
    bool raised_ = false;
};

}  // namespace

void ProcessPool::Impl::dispatch() {
    // Pass after pass, each worker with room gets one chunk: idle workers fill first. Room:
    // fewer than opt.prefetch chunks queued, or, while tasks are tiny (recently under 20 us
    // each), fewer than kTinyWindow tasks: then one pipe round trip serves many tasks.
    constexpr std::size_t kTinyWindow = 128;
    const bool tiny = recent_task_ns < 20'000;
    std::vector<std::size_t> queued(workers.size(), 0);
    for (std::size_t k = 0; k < workers.size(); ++k) {
        for (const Chunk& c : workers[k].inflight)
            queued[k] += c.count - c.delivered;
    }
    bool progress = true;
    while (!pending.empty() && progress) {
        progress = false;
        for (std::size_t k = 0; k < workers.size(); ++k) {
            Worker& w = workers[k];
            if (pending.empty()) break;
            const bool room = w.inflight.size() < opt.prefetch || (tiny && queued[k] < kTinyWindow);
            if (w.pid < 0 || w.hung_up || w.cancelling || w.timed_out || !w.broken.empty() ||
                !room || spent(w))
                continue;
            Chunk c = std::move(pending.front());
            pending.pop_front();
            fit_lifetime(w, c);
            const Job& j = *c.job;
            const wire::TasksAppended put =
                wire::append_tasks(w.out, j.first_task_id + c.first, j.task, j.bound, j.star,
                                   j.items, c.first, c.count);
            progress = true;
            if (put.sent < c.count) requeue_unsent(c, put);
            w.sent += c.count;
            if (c.count == 0) continue;
            queued[k] += c.count;
            w.inflight.push_back(std::move(c));
        }
    }
    for (Worker& w : workers) {
        if (w.out_at < w.out.size()) flush(w);
    }
}

void ProcessPool::Impl::requeue_unsent(Chunk& c, const wire::TasksAppended& put) {
    std::size_t from = c.first + put.sent;
    const std::size_t end = c.first + c.count;
    if (put.sent == 0) {  // refused: these tasks never reach a worker
        const std::size_t refused =
            put.refused == wire::TasksAppended::Refused::Bound ? c.count : 1;
        for (std::size_t i = from; i < from + refused; ++i)
            fail(c, i, nullptr, 0, put.why);
        from += refused;
    }
    if (from < end) pending.push_front(Chunk{c.job, from, end - from, 0});
    c.count = put.sent;
}

void ProcessPool::Impl::flush(Worker& w) {
    SigpipeShield shield;
    wire::widen_pipe(w.to_fd, w.out.size() - w.out_at);  // big arguments: fewer hand-overs
    while (w.out_at < w.out.size()) {
        const ssize_t put = ::write(w.to_fd, w.out.data() + w.out_at, w.out.size() - w.out_at);
        if (put > 0) {
            w.out_at += static_cast<std::size_t>(put);
        } else if (put < 0 && errno == EINTR) {
            continue;
        } else {
            if (put < 0 && errno != EAGAIN) {  // EPIPE: the worker is gone; its EOF follows
                if (errno == EPIPE) shield.raised();
                w.out.clear();
                w.out_at = 0;
            }
            return;
        }
    }
    // All sent: a buffer grown for big arguments is given back rather than kept per worker.
    constexpr std::size_t kKeepBytes = std::size_t{1} << 20;
    if (w.out.capacity() > kKeepBytes) {
        std::string().swap(w.out);
    } else {
        w.out.clear();
    }
    w.out_at = 0;
}

void ProcessPool::Impl::read_from(Worker& w, bool reap) {
    bool eof = false;
    for (;;) {
        std::size_t asked = 0;
        const ssize_t got = w.in.read_some(w.from_fd, &asked);
        if (got > 0) {
            // Short: the pipe is empty. Or a whole frame is here: it is handled first (poll
            // says whether more waits), so that its full buffer is not grown to read on.
            std::string_view frame;
            std::uint32_t len = 0;
            if (static_cast<std::size_t>(got) < asked ||
                w.in.front(frame, len) != wire::FrameReader::Front::Partial)
                break;
        } else if (got == 0) {
            eof = true;
            break;
        } else if (errno == EINTR) {
            continue;
        } else {
            if (errno != EAGAIN) eof = true;
            break;
        }
    }
    std::string_view frame;
    std::uint32_t len = 0;
    while (w.broken.empty()) {
        const wire::FrameReader::Front f = w.in.front(frame, len);
        if (f == wire::FrameReader::Front::Bad) {
            w.broken = "sent a frame of " + std::to_string(len) + " bytes (the limit is " +
                       std::to_string(wire::kMaxFrameBytes) + ")";
            break;
        }
        if (f == wire::FrameReader::Front::Partial) break;
        if (!handle_frame(w, frame)) break;
        w.in.pop();
    }
    if (!w.broken.empty()) {
        ::kill(w.pid, SIGKILL);
        w.in.clear();
    }
    if (!eof) return;
    if (reap) {
        on_death(w);
    } else {
        w.hung_up = true;  // only the collector reaps: it forks the replacement
    }
}

bool ProcessPool::Impl::handle_frame(Worker& w, std::string_view frame) {
    try {
        ByteReader r = w.in.reader(frame);  // big results are decoded in place
        const auto type = static_cast<wire::FrameType>(r.u8());
        if (type == wire::FrameType::Batch) {
            handle_batch(w, wire::read_batch(r));
            return true;
        }
        if (type != wire::FrameType::Results) throw DecodeError("an unknown frame type");
        for (wire::ResultRecord& rec : wire::read_results(r)) {
            if (w.inflight.empty()) throw DecodeError("a result with no task in flight");
            Chunk& c = w.inflight.front();
            const std::size_t index = c.first + c.delivered;
            if (rec.id != c.job->first_task_id + index) throw DecodeError("a result out of order");
            Outcome o;
            o.ok = rec.ok;
            o.value = std::move(rec.value);
            o.error = std::move(rec.error);
            // The times are the worker's word: elapsed_ns keeps the average from overflowing.
            recent_task_ns = (7 * recent_task_ns + wire::elapsed_ns(rec.start_ns, rec.end_ns)) / 8;
            deliver(c, index, w, rec.start_ns, rec.end_ns, std::move(o));
            w.blind_deaths = 0;
            if (++c.delivered == c.count) w.inflight.pop_front();
        }
        return true;
    } catch (const DecodeError& e) {
        w.broken = std::string("sent a malformed frame (") + e.what() + ")";
        return false;
    }
}

void ProcessPool::Impl::handle_batch(Worker& w, wire::BatchRecord batch) {
    if (w.inflight.empty()) throw DecodeError("a result with no task in flight");
    Chunk& c = w.inflight.front();
    const std::size_t index = c.first + c.delivered;
    if (batch.first_id != c.job->first_task_id + index) throw DecodeError("a result out of order");
    const std::size_t count = batch.values.size();
    if (count > c.count - c.delivered) throw DecodeError("a batch past the end of its tasks");
    const auto per_task =
        wire::elapsed_ns(batch.start_ns, batch.end_ns) / static_cast<std::int64_t>(count);
    recent_task_ns = (7 * recent_task_ns + per_task) / 8;
    unsettled.fetch_sub(c.job->settle_range(index, batch.values, batch.errors));
    w.blind_deaths = 0;
    c.delivered += count;
    if (c.delivered == c.count) w.inflight.pop_front();
}

int ProcessPool::Impl::enforce_timeouts() {
    if (opt.task_timeout.count() <= 0) return -1;
    constexpr int kLookAgainMs = 10;  // a worker between tasks may start one at any moment
    const std::int64_t now = monotonic_ns();
    int wait_ms = -1;
    for (Worker& w : workers) {
        if (w.pid < 0 || w.inflight.empty() || w.cancelling || w.timed_out || !w.broken.empty())
            continue;
        const detail::WorkerSlot& slot = slots[w.slot];
        if (slot.task.load(std::memory_order_acquire) == 0) {
            wait_ms = wait_ms < 0 ? kLookAgainMs : std::min(wait_ms, kLookAgainMs);
            continue;
        }
        const std::int64_t deadline =
            slot.start_ns.load(std::memory_order_relaxed) + opt.task_timeout.count();
        if (now >= deadline) {
            w.timed_out = true;
            ::kill(w.pid, SIGKILL);  // its pipe's end of file fails the task as timed out
            continue;
        }
        const int ms = static_cast<int>((deadline - now + 999'999) / 1'000'000);
        wait_ms = wait_ms < 0 ? ms : std::min(wait_ms, ms);
    }
    return wait_ms;
}

int ProcessPool::Impl::report_running() {
    // Starts are sampled, not sent: a worker that wrote a frame as each task began paid a
    // system call (and the parent a wake-up) per task, which doubled the cost of tiny tasks
    // whenever a live view watched. The slot names the running task from its start until its
    // result is encoded; a task that runs across a look is reported at most kLookNs late, one
    // that starts and ends between two looks only by its Finished event (which carries its
    // start). Only the next task to deliver is reported, so Started always precedes Finished.
    constexpr std::int64_t kLookNs = 10'000'000;
    if (!opt.report_starts || !busy()) return -1;
    const std::int64_t now = monotonic_ns();
    if (now - last_look_ns < kLookNs)
        return static_cast<int>((last_look_ns + kLookNs - now + 999'999) / 1'000'000);
    last_look_ns = now;
    for (Worker& w : workers) {
        if (w.pid < 0 || w.inflight.empty()) continue;
        const detail::WorkerSlot& slot = slots[w.slot];
        const std::uint64_t id = slot.task.load(std::memory_order_acquire);
        if (id == 0 || id == w.start_reported) continue;
        const Chunk& c = w.inflight.front();
        const std::size_t index = c.first + c.delivered;
        if (id != c.job->first_task_id + index) continue;  // its earlier results are unread
        // start_ns was stored before task (release): it is this task's start, or, in the
        // moment after the task ended, the next one's (a start that is then at most late).
        notify(TaskEvent::Kind::Started, c, index, w, slot.start_ns.load(std::memory_order_relaxed),
               0, nullptr);
        w.start_reported = id;
    }
    return static_cast<int>(kLookNs / 1'000'000);
}

int ProcessPool::Impl::plan_poll(std::vector<pollfd>& fds,
                                 std::vector<std::pair<int, bool>>& owner) {
    // A caller that dispatched or led comes back to lead within this long (the next get() of a
    // loop); past it, the collector reads what nobody waits for. No other timer: see (C).
    constexpr std::int64_t kLeadGraceNs = 1'000'000;
    const std::int64_t now = monotonic_ns();
    const bool work = busy();
    bool callbacks = false;  // results a callback waits for: read them now
    if (work && direct && !leading) {
        for (const Worker& w : workers) {
            for (const Chunk& c : w.inflight)
                callbacks = callbacks || static_cast<bool>(c.job->on_settled);
        }
    }
    const bool read =
        work && !leading && (!direct || callbacks || now - last_lead_ns >= kLeadGraceNs);
    // owner[k] is the worker slot behind fds[k] and whether it waits to write. A pipe polled
    // without POLLIN still reports a hang-up: deaths are always the collector's to see.
    fds.clear();
    owner.clear();
    fds.push_back(pollfd{wake_fd, POLLIN, 0});
    owner.emplace_back(-1, false);
    for (const Worker& w : workers) {
        if (w.pid < 0) continue;
        fds.push_back(pollfd{w.from_fd, static_cast<short>(read ? POLLIN : 0), 0});
        owner.emplace_back(w.slot, false);
        if (w.out_at < w.out.size()) {
            fds.push_back(pollfd{w.to_fd, POLLOUT, 0});
            owner.emplace_back(w.slot, true);
        }
    }
    int timeout = enforce_timeouts();
    if (const int look = report_running(); look >= 0)
        timeout = timeout < 0 ? look : std::min(timeout, look);
    if (direct && !read && now - last_lead_ns < kLeadGraceNs) {  // the grace: see (C)
        const int grace =
            static_cast<int>((last_lead_ns + kLeadGraceNs - now + 999'999) / 1'000'000);
        timeout = timeout < 0 ? std::max(grace, 1) : std::min(timeout, std::max(grace, 1));
    }
    collector_reading = read;
    collector_parked = timeout < 0 && !read;
    return timeout;
}

void ProcessPool::Impl::collect(std::promise<void>& ready) {
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    // A write to a dead worker's pipe must fail with EPIPE, not kill the parent.
    ::pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);
    t_sigpipe_blocked = true;
    IoLock io(*this);
    try {
        // The server is spawned by this thread: it dies with it (PR_SET_PDEATHSIG).
        if (opt.start == StartMethod::Forkserver)
            server = std::make_unique<detail::ForkServer>(slots_fd, !direct);
        for (Worker& w : workers)
            spawn(w);
    } catch (...) {
        shutdown(true, "pool failed to start");
        ready.set_exception(std::current_exception());
        return;
    }
    publish_pids();
    ready.set_value();

    std::vector<pollfd> fds;
    std::vector<std::pair<int, bool>> owner;
    std::size_t unsettled_before = unsettled.load();
    for (;;) {
        bool join_now = false;
        bool terminate_now = false;
        std::uint64_t cancel_now = 0;
        intake();
        {
            std::lock_guard lock(m);
            join_now = join_requested;
            terminate_now = terminate_requested;
            cancel_now = cancel_below;
        }
        if (terminate_now) {
            shutdown(true, "pool terminated");
            ring_leader();
            return;
        }
        if (cancel_now > cancelled_below) {
            cancelled_below = cancel_now;
            cancel_tasks(cancel_now);
        }
        dispatch();
        if (join_now && !busy() && !leading) {
            shutdown(false, "pool closed");
            return;
        }
        // (D): what this round settled without the leader's pipes (a cancel) makes it look again.
        if (unsettled.load() != unsettled_before) ring_leader();
        const int timeout = plan_poll(fds, owner);
        io.unlock();
        const int ready_count = ::poll(fds.data(), fds.size(), timeout);
        io.lock();
        if (ready_count < 0) continue;  // EINTR
        if (fds[0].revents != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t r = ::read(wake_fd, &count, sizeof count);
        }
        unsettled_before = unsettled.load();
        serve_ready(fds, owner, 1, true);
        // (D): a death reaped (its tasks failed or requeued, its replacement on new pipes).
        bool hang_up = false;
        for (std::size_t k = 1; k < fds.size(); ++k)
            hang_up = hang_up || (fds[k].revents != 0 && !owner[k].second);
        if (hang_up || unsettled.load() != unsettled_before) ring_leader();
        unsettled_before = unsettled.load();
    }
}

void ProcessPool::Impl::serve_ready(const std::vector<pollfd>& fds,
                                    const std::vector<std::pair<int, bool>>& owner,
                                    std::size_t first, bool reap) {
    for (std::size_t k = first; k < fds.size(); ++k) {
        Worker& w = workers[static_cast<std::size_t>(owner[k].first)];
        // Skip descriptors that a death handled earlier in this pass (or another thread while
        // this one polled) closed or replaced, and, for a leader, workers left to the reaper.
        if (fds[k].revents == 0 || w.pid < 0 || (!reap && w.hung_up)) continue;
        if (owner[k].second) {
            if (fds[k].fd == w.to_fd) flush(w);
        } else if (fds[k].fd == w.from_fd) {
            read_from(w, reap);
            retire_spent(w);
        }
    }
}

}  // namespace plab
