// The moment a call's callback has run: Python's AsyncResult is ready only after its callback
// or error_callback returned, so a get() that returns (or raises) has seen the callback's work.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace plab::detail {

/// Opened once, by whoever runs the call's callback, after it returned (or threw: the pool
/// drops a callback's exception). Invariant: `open` goes from false to true once, under m, and
/// cv is notified after; a waiter tests it under m before it sleeps, so it cannot miss it.
struct CallbackGate {
    std::mutex m;
    std::condition_variable cv;
    bool open = false;

    void open_now() {
        {
            std::lock_guard lock(m);
            open = true;
        }
        cv.notify_all();
    }
    bool is_open() {
        std::lock_guard lock(m);
        return open;
    }
    /// Waits until open or the timeout passed; returns whether open.
    bool wait(std::optional<std::chrono::nanoseconds> timeout) {
        std::unique_lock lock(m);
        if (!timeout) {
            cv.wait(lock, [&] { return open; });
            return true;
        }
        return cv.wait_for(lock, *timeout, [&] { return open; });
    }
};

/// wait_tasks(timeout), then gate (when there is one) within what is left of timeout: a
/// handle's wait(). True when both are done.
template <class WaitTasks>
bool wait_then_gate(WaitTasks&& wait_tasks, CallbackGate* gate,
                    std::optional<std::chrono::nanoseconds> timeout) {
    const auto start = std::chrono::steady_clock::now();
    if (!wait_tasks(timeout)) return false;
    if (gate == nullptr) return true;
    if (!timeout) return gate->wait(std::nullopt);
    const auto spent = std::chrono::steady_clock::now() - start;
    return gate->wait(std::max(std::chrono::nanoseconds(0), *timeout - spent));
}

}  // namespace plab::detail
