#include "cli/signal_cancel.h"

#include <unistd.h>

namespace plab::cli {

SignalCancel::SignalCancel(CancelToken& token) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR2);  // our own "stop listening"
    ::pthread_sigmask(SIG_BLOCK, &set_, &old_);
    thread_ = std::thread([this, &token] {
        int cancels = 0;
        for (;;) {
            int sig = 0;
            if (::sigwait(&set_, &sig) != 0) continue;
            if (sig == SIGUSR2) return;
            if (++cancels > 1) ::_exit(130);
            token.cancel();
        }
    });
}

SignalCancel::~SignalCancel() {
    ::pthread_kill(thread_.native_handle(), SIGUSR2);
    thread_.join();
    ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

}  // namespace plab::cli
