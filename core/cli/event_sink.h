// Writes event-stream lines from any thread, delivering them within about 10 ms.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace plab::cli {

/// Buffers lines and writes them to a FILE from its own thread every 10 ms (and at once for
/// lines marked urgent), so a reader sees tasks start live while a 100,000-task run costs a few
/// hundred writes, not 200,000. finish() (or the destructor) writes what is left. A failed write
/// (a full disk, a reader that went away) drops later lines; finish() then says why, so the
/// command can fail with one line instead of exiting 0. Thread-safe.
class EventSink {
  public:
    explicit EventSink(std::FILE* out);
    ~EventSink();
    EventSink(const EventSink&) = delete;
    EventSink& operator=(const EventSink&) = delete;

    /// Queues line plus a newline; urgent wakes the writer now. Lines after finish() are lost.
    void line(const std::string& text, bool urgent = false);

    /// Writes what is queued and stops the writer. Empty when every line was written, else the
    /// system's reason for the first write that failed. Only the first call writes.
    std::string finish();

  private:
    void loop();
    std::string error_;  // written by the writer thread only; read after it is joined
    std::FILE* out_;
    std::mutex m_;
    std::condition_variable cv_;
    std::string buffer_;
    bool urgent_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace plab::cli
