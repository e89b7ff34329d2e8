// The window's answers on the engine's standard input: one line per run it has taken in, so
// that with --pace the engine starts a run only once the window has stopped working on the last.
#pragma once

#include <chrono>

#include "experiment/cancel_token.h"

namespace plab::cli {

/// Reads acknowledgements (any bytes up to a newline) from a file descriptor, standard input by
/// default. Not thread-safe: one thread waits. A closed or unreadable descriptor ends the waiting
/// for good (wait_one then returns at once), so an engine run by hand with --pace never hangs.
class WindowAcks {
  public:
    explicit WindowAcks(int fd = 0) : fd_(fd) {}

    /// Waits for one more acknowledgement, at most timeout, checking token every 50 ms.
    /// True when one came; false on timeout, cancel, end of input or an error.
    bool wait_one(const CancelToken& token, std::chrono::milliseconds timeout);

  private:
    int fd_;
    int pending_ = 0;  ///< acknowledgements read but not yet waited for
    bool closed_ = false;
};

}  // namespace plab::cli
