#include "cli/event_sink.h"

#include <cerrno>
#include <chrono>
#include <cstring>

namespace plab::cli {

EventSink::EventSink(std::FILE* out) : out_(out), thread_([this] { loop(); }) {}

EventSink::~EventSink() {
    finish();
}

std::string EventSink::finish() {
    if (!thread_.joinable()) return error_;
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
    return error_;
}

void EventSink::line(const std::string& text, bool urgent) {
    {
        std::lock_guard lock(m_);
        buffer_ += text;
        buffer_ += '\n';
        urgent_ = urgent_ || urgent;
    }
    if (urgent) cv_.notify_one();
}

void EventSink::loop() {
    std::string batch;
    bool broken = false;
    for (;;) {
        bool last = false;
        {
            std::unique_lock lock(m_);
            cv_.wait_for(lock, std::chrono::milliseconds(10), [&] { return stop_ || urgent_; });
            batch.swap(buffer_);
            urgent_ = false;
            last = stop_;
        }
        if (!batch.empty() && !broken) {
            errno = 0;
            broken = std::fwrite(batch.data(), 1, batch.size(), out_) != batch.size() ||
                     std::fflush(out_) != 0;
            if (broken) error_ = errno != 0 ? std::strerror(errno) : "write failed";
        }
        batch.clear();
        if (last) return;
    }
}

}  // namespace plab::cli
