#include "cli/signal_cancel.h"

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

#include "experiment/atomic_file.h"

namespace plab::cli {

SignalCancel::SignalCancel(CancelToken& token) {
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::system_error(errno, std::generic_category(), "signal pipe");
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR2);  // our own "stop listening", when stopping_ says so
    ::pthread_sigmask(SIG_BLOCK, &set_, &old_);
    // Invariant: stopping_ is set before the destructor's SIGUSR2 is sent, so the thread ends
    // exactly when the destructor asks; any other SIGUSR2 finds it false and is ignored.
    thread_ = std::thread([this, &token] {
        int cancels = 0;
        for (;;) {
            int sig = 0;
            if (::sigwait(&set_, &sig) != 0) continue;
            if (sig == SIGUSR2) {
                if (stopping_.load()) return;
                continue;
            }
            const char byte = 1;
            [[maybe_unused]] const ssize_t w = ::write(wake_[1], &byte, 1);  // full pipe: readable
            if (++cancels > 1) exit_removing_temporaries(130);
            token.cancel();
        }
    });
}

SignalCancel::~SignalCancel() {
    stopping_.store(true);
    ::pthread_kill(thread_.native_handle(), SIGUSR2);
    thread_.join();
    ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    ::close(wake_[0]);
    ::close(wake_[1]);
}

void SignalCancel::forget_signals() {
    char buf[64];
    while (::read(wake_[0], buf, sizeof buf) > 0) {
    }
}

}  // namespace plab::cli
