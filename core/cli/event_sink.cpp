#include "cli/event_sink.h"

#include <chrono>

namespace plab::cli {

EventSink::EventSink(std::FILE* out) : out_(out), thread_([this] { loop(); }) {}

EventSink::~EventSink() {
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
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
            broken = std::fwrite(batch.data(), 1, batch.size(), out_) != batch.size() ||
                     std::fflush(out_) != 0;
        }
        batch.clear();
        if (last) return;
    }
}

}  // namespace plab::cli
