// Cancelling a run from another thread.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>

namespace plab {

/// Set once by any thread; a running experiment notices within 100 ms. The runner installs an
/// action (cancel the active pool) that cancel() calls at once; install() after cancel()
/// calls the action immediately. Thread-safe. Never reset: make a new token for a new run.
class CancelToken {
  public:
    void cancel() {
        std::lock_guard lock(m_);
        cancelled_.store(true);
        if (action_) action_();
    }
    bool cancelled() const { return cancelled_.load(); }
    const std::atomic<bool>& flag() const { return cancelled_; }

    /// Sets (or, with an empty function, clears) what cancel() does besides raising the flag.
    /// The action runs under the token's lock: once install({}) returns, no call of the old
    /// action is still running, so a runner may then destroy what the action touched. An
    /// action must therefore not call install() or cancel() itself.
    void install(std::function<void()> action) {
        std::lock_guard lock(m_);
        action_ = std::move(action);
        if (cancelled_.load() && action_) action_();
    }

  private:
    std::mutex m_;
    std::atomic<bool> cancelled_{false};
    std::function<void()> action_;
};

}  // namespace plab
