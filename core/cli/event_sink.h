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
/// hundred writes, not 200,000. The destructor writes what is left. A failed write (the reader
/// went away) drops later lines silently. Thread-safe.
class EventSink {
  public:
    explicit EventSink(std::FILE* out);
    ~EventSink();
    EventSink(const EventSink&) = delete;
    EventSink& operator=(const EventSink&) = delete;

    /// Queues line plus a newline; urgent wakes the writer now.
    void line(const std::string& text, bool urgent = false);

  private:
    void loop();
    std::FILE* out_;
    std::mutex m_;
    std::condition_variable cv_;
    std::string buffer_;
    bool urgent_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace plab::cli
