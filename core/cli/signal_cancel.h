// Ctrl+C and SIGTERM cancel the running experiment instead of killing the program outright.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <thread>

#include "experiment/cancel_token.h"

namespace plab::cli {

/// Blocks SIGINT and SIGTERM in this thread and every thread started after it (construct it
/// before any other thread), and turns the first of them into token.cancel(); a second one
/// ends the process at once with status 130. Workers unblock signals for themselves.
class SignalCancel {
  public:
    explicit SignalCancel(CancelToken& token);
    ~SignalCancel();
    SignalCancel(const SignalCancel&) = delete;
    SignalCancel& operator=(const SignalCancel&) = delete;

  private:
    sigset_t set_{};
    sigset_t old_{};
    std::thread thread_;
};

}  // namespace plab::cli
