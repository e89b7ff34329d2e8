#include "cli/event_sink.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "experiment/event_stream.h"

namespace plab::cli {

EventSink::EventSink(std::FILE* out) : out_(out) {
    // Memory for the first runs' events (32 x 1024), touched now rather than while a run is
    // timed; the writer touches its own text buffer likewise before it starts.
    queue_.prepare(32);
    thread_ = std::thread([this] { loop(); });
}

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

void EventSink::line(std::string text, bool urgent) {
    {
        std::lock_guard lock(m_);
        queue_.push(Item{Item::Kind::Line, {}, {}, std::move(text)});
        for (Running& r : running_)
            r.pending = false;
        ++queued_;
        urgent_ = urgent_ || urgent;
    }
    if (urgent) cv_.notify_one();
}

void EventSink::task(RunId id, const TaskRecord& t, bool started) {
    const auto slot = static_cast<std::size_t>(t.worker);
    if (started) {
        std::lock_guard lock(m_);
        if (running_.size() <= slot) running_.resize(slot + 1);
        running_[slot] = Running{id, t, true};
        return;
    }
    Item item{Item::Kind::Task, id, t, {}};
    std::lock_guard lock(m_);
    queue_.push(std::move(item));
    ++queued_;
    if (slot < running_.size()) {
        Running& r = running_[slot];
        if (r.pending && r.id.run == id.run && r.id.repeat == id.repeat && r.task.task == t.task)
            r.pending = false;
    }
}

void EventSink::hold_tasks(std::chrono::steady_clock::time_point until) {
    std::lock_guard lock(m_);
    hold_until_ = until;
    holding_.store(true, std::memory_order_relaxed);
}

void EventSink::release_tasks() {
    {
        std::lock_guard lock(m_);
        hold_until_ = {};
        holding_.store(false, std::memory_order_relaxed);
        urgent_ = true;
    }
    cv_.notify_one();
}

bool EventSink::wait_written(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_);
    const std::uint64_t target = queued_;
    return written_cv_.wait_for(lock, timeout, [&] { return written_ >= target || writer_done_; });
}

void EventSink::format(const Blocks& batch, const std::vector<Running>& starts, std::string& out) {
    for (const std::vector<Item>& block : batch) {
        for (const Item& i : block) {
            out += i.kind == Item::Kind::Line ? i.text : events::task_line(i.id, i.task);
            out += '\n';
        }
    }
    for (const Running& r : starts) {
        out += events::start_line(r.id, r.task);
        out += '\n';
    }
}

void EventSink::loop() {
    Blocks batch;
    std::vector<Running> starts;  // the starts still running as the writer took the batch
    std::string text(std::size_t{1} << 20, ' ');  // touched once: see the constructor
    text.clear();
    bool broken = false;
    for (;;) {
        bool last = false;
        std::size_t count = 0;
        {
            std::unique_lock lock(m_);
            cv_.wait_for(lock, std::chrono::milliseconds(kFlushMs),
                         [&] { return stop_ || urgent_; });
            const std::size_t before = queue_.size();
            if (!stop_ && std::chrono::steady_clock::now() < hold_until_) {
                // Held: only the plain lines at the head (a `run` line) go out now.
                queue_.take_head_while([](const Item& i) { return i.kind == Item::Kind::Line; },
                                       batch);
            } else {
                holding_.store(false, std::memory_order_relaxed);
                queue_.take_all(batch);
                for (Running& r : running_) {
                    if (!r.pending) continue;
                    starts.push_back(r);
                    r.pending = false;
                }
            }
            count = before - queue_.size();
            urgent_ = false;
            last = stop_;
        }
        if ((count != 0 || !starts.empty()) && !broken) {
            format(batch, starts, text);
            errno = 0;
            broken = std::fwrite(text.data(), 1, text.size(), out_) != text.size() ||
                     std::fflush(out_) != 0;
            if (broken) error_ = errno != 0 ? std::strerror(errno) : "write failed";
        }
        {
            std::lock_guard lock(m_);
            written_ += count;
            writer_done_ = last;
            queue_.give_back(batch);
        }
        written_cv_.notify_all();
        starts.clear();
        text.clear();
        if (last) return;
    }
}

}  // namespace plab::cli
