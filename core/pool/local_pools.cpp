#include "pool/local_pools.h"

#include <unistd.h>

#include <thread>

#include "pool/clock.h"

namespace plab {

namespace {

// Hands ev to the observer. TaskObserver's rule: what it throws is dropped, here as on the
// process pools' collector (the runner's observer reports its own failures and never throws).
void tell(const PoolOptions& options, const TaskEvent& ev) noexcept {
    try {
        options.observer(ev);
    } catch (...) {
    }
}

// Runs task i on the calling thread and reports it as worker `slot` of process pid. A task
// cancelled before it started fails "cancelled" without an event, as a process pool's queued
// tasks do: a cancelled 10,000,000-task run reports the tasks that ran, not ten million more.
void run_one(const MapFn& f, const std::vector<Value>& xs, std::size_t i, int slot, int pid,
             const PoolOptions& options, const std::atomic<bool>* cancel,
             std::vector<Outcome>& out) {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
        out[i].error = "cancelled";
        return;
    }
    TaskEvent ev;
    ev.index = i;
    ev.worker = slot;
    ev.pid = pid;
    ev.start_ns = monotonic_ns();
    Outcome o;
    if (options.observer && options.report_starts) {
        ev.kind = TaskEvent::Kind::Started;
        tell(options, ev);
    }
    try {
        o.value = f(xs[i]);
        o.ok = true;
    } catch (const std::exception& e) {
        o.error = e.what();
    } catch (...) {
        o.error = "unknown exception";
    }
    if (!o.ok && cancel != nullptr && cancel->load()) o.error = "cancelled";
    ev.end_ns = monotonic_ns();
    if (options.observer) {
        ev.kind = TaskEvent::Kind::Finished;
        ev.ok = o.ok;
        ev.result = o.value;
        ev.error = o.error;
        tell(options, ev);
    }
    out[i] = std::move(o);
}

}  // namespace

std::vector<Outcome> SerialPool::map_settled(const MapFn& f, const std::vector<Value>& xs,
                                             const std::atomic<bool>* cancel) {
    std::vector<Outcome> out(xs.size());
    const int pid = static_cast<int>(::getpid());  // once: a system call per task would show
    for (std::size_t i = 0; i < xs.size(); ++i)
        run_one(f, xs, i, 0, pid, options_, cancel, out);
    return out;
}

ThreadPool::ThreadPool(int threads, PoolOptions options)
    : threads_(threads), options_(std::move(options)) {
    check_pool_size(threads);
}

std::vector<Outcome> ThreadPool::map_settled(const MapFn& f, const std::vector<Value>& xs,
                                             const std::atomic<bool>* cancel) {
    std::vector<Outcome> out(xs.size());
    const int pid = static_cast<int>(::getpid());
    std::atomic<std::size_t> next{0};
    // The threads wait at this gate until all exist: kGo lets them take tasks, kAbort sends
    // them home when one could not be made (std::thread throws; leaving the made ones joinable
    // would end in std::terminate). The gate changes once, notified to all.
    enum Gate : int { kWait, kGo, kAbort };
    std::atomic<int> gate{kWait};
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(threads_));
    for (int slot = 0; slot < threads_; ++slot) {
        try {
            threads.emplace_back([&, slot] {
                gate.wait(kWait);
                if (gate.load() != kGo) return;
                for (std::size_t i = next++; i < xs.size(); i = next++) {
                    run_one(f, xs, i, slot, pid, options_, cancel, out);
                }
            });
        } catch (const std::system_error& e) {
            gate.store(kAbort);
            gate.notify_all();
            for (std::thread& t : threads)
                t.join();
            throw ThreadStartError(e.code(), "thread_map could not start thread " +
                                                 std::to_string(slot + 1) + " of " +
                                                 std::to_string(threads_));
        }
    }
    gate.store(kGo);
    gate.notify_all();
    for (std::thread& t : threads)
        t.join();
    return out;
}

}  // namespace plab
