#include "cli/window_acks.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace plab::cli {

bool WindowAcks::wait_one(const CancelToken& token, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (pending_ == 0 && !closed_ && !token.cancelled()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 50)));
        if (ready < 0 && errno != EINTR) closed_ = true;
        if (ready <= 0) continue;
        char buf[256];
        const ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n <= 0) {
            closed_ = true;  // end of input (the window is gone) or an error: wait no more
            break;
        }
        for (ssize_t i = 0; i < n; ++i)
            pending_ += buf[i] == '\n' ? 1 : 0;
    }
    if (pending_ == 0) return false;
    --pending_;
    return true;
}

}  // namespace plab::cli
