#include "pool/local_pools.h"

#include <unistd.h>

#include <thread>

#include "pool/clock.h"

namespace plab {

namespace {

// Runs task i on the calling thread and reports it as worker `slot`.
void run_one(const MapFn& f, const std::vector<Value>& xs, std::size_t i, int slot,
             const PoolOptions& options, const std::atomic<bool>* cancel,
             std::vector<Outcome>& out) {
    TaskEvent ev;
    ev.index = i;
    ev.worker = slot;
    ev.pid = static_cast<int>(::getpid());
    ev.start_ns = monotonic_ns();
    Outcome o;
    if (cancel != nullptr && cancel->load()) {
        o.error = "cancelled";
    } else {
        if (options.observer && options.report_starts) {
            ev.kind = TaskEvent::Kind::Started;
            options.observer(ev);
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
    }
    ev.end_ns = monotonic_ns();
    if (options.observer) {
        ev.kind = TaskEvent::Kind::Finished;
        ev.ok = o.ok;
        ev.result = o.value;
        ev.error = o.error;
        try {
            options.observer(ev);
        } catch (...) {
        }
    }
    out[i] = std::move(o);
}

}  // namespace

std::vector<Outcome> SerialPool::map_settled(const MapFn& f, const std::vector<Value>& xs,
                                             const std::atomic<bool>* cancel) {
    std::vector<Outcome> out(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i)
        run_one(f, xs, i, 0, options_, cancel, out);
    return out;
}

ThreadPool::ThreadPool(int threads, PoolOptions options)
    : threads_(threads), options_(std::move(options)) {
    check_pool_size(threads);
}

std::vector<Outcome> ThreadPool::map_settled(const MapFn& f, const std::vector<Value>& xs,
                                             const std::atomic<bool>* cancel) {
    std::vector<Outcome> out(xs.size());
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(threads_));
    for (int slot = 0; slot < threads_; ++slot) {
        threads.emplace_back([&, slot] {
            for (std::size_t i = next++; i < xs.size(); i = next++) {
                run_one(f, xs, i, slot, options_, cancel, out);
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    return out;
}

}  // namespace plab
