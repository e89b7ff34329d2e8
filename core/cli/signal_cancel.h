// Ctrl+C and SIGTERM cancel the running experiment instead of killing the program outright.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "experiment/cancel_token.h"

namespace plab::cli {

/// Blocks SIGINT, SIGTERM and SIGUSR2 in this thread and every thread started after it
/// (construct it before any other thread), and turns the first SIGINT or SIGTERM into
/// token.cancel(); a second one removes the temporary files of writes in progress and ends the
/// process at once with status 130. Every one of them also makes wake_fd() readable, so a
/// writer can poll it beside its own descriptor. SIGUSR2 is how the destructor stops the
/// listening thread; one that arrives from outside is ignored (Ctrl+C keeps working). Workers
/// unblock signals for themselves.
class SignalCancel {
  public:
    explicit SignalCancel(CancelToken& token);
    ~SignalCancel();
    SignalCancel(const SignalCancel&) = delete;
    SignalCancel& operator=(const SignalCancel&) = delete;

    /// Readable from the first signal that arrives after the last forget_signals().
    int wake_fd() const { return wake_[0]; }
    /// Makes wake_fd() unreadable again: what a writer waits for is a signal from now on.
    void forget_signals();

  private:
    sigset_t set_{};
    sigset_t old_{};
    int wake_[2] = {-1, -1};
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace plab::cli
