#include "cli/event_sink.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iterator>
#include <unordered_set>

#include "experiment/event_stream.h"

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

void EventSink::line(std::string text, bool urgent) {
    {
        std::lock_guard lock(m_);
        queue_.push_back(Item{Item::Kind::Line, {}, {}, std::move(text)});
        ++queued_;
        urgent_ = urgent_ || urgent;
    }
    if (urgent) cv_.notify_one();
}

void EventSink::task(RunId id, const TaskRecord& t, bool started) {
    Item item{started ? Item::Kind::Start : Item::Kind::Task, id, t, {}};
    std::lock_guard lock(m_);
    queue_.push_back(std::move(item));
    ++queued_;
}

void EventSink::hold_tasks(std::chrono::steady_clock::time_point until) {
    std::lock_guard lock(m_);
    hold_until_ = until;
}

void EventSink::release_tasks() {
    {
        std::lock_guard lock(m_);
        hold_until_ = {};
        urgent_ = true;
    }
    cv_.notify_one();
}

bool EventSink::wait_written(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_);
    const std::uint64_t target = queued_;
    return written_cv_.wait_for(lock, timeout, [&] { return written_ >= target || writer_done_; });
}

void EventSink::format(std::vector<Item>& batch, std::string& out) {
    // (run, task) of every task that ended in this batch: their start lines are left out.
    std::unordered_set<std::uint64_t> ended;
    auto key = [](const Item& i) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(i.id.run)) << 32) |
               static_cast<std::uint32_t>(i.task.task);
    };
    for (const Item& i : batch) {
        if (i.kind == Item::Kind::Task) ended.insert(key(i));
    }
    for (const Item& i : batch) {
        switch (i.kind) {
            case Item::Kind::Line:
                out += i.text;
                break;
            case Item::Kind::Start:
                if (ended.count(key(i)) != 0) continue;
                out += events::start_line(i.id, i.task);
                break;
            case Item::Kind::Task:
                out += events::task_line(i.id, i.task);
                break;
        }
        out += '\n';
    }
}

void EventSink::loop() {
    std::vector<Item> batch;
    std::string text;
    bool broken = false;
    for (;;) {
        bool last = false;
        {
            std::unique_lock lock(m_);
            cv_.wait_for(lock, std::chrono::milliseconds(kFlushMs),
                         [&] { return stop_ || urgent_; });
            if (!stop_ && std::chrono::steady_clock::now() < hold_until_) {
                // Held: only the plain lines at the head (a `run` line) go out now.
                std::size_t head = 0;
                while (head < queue_.size() && queue_[head].kind == Item::Kind::Line)
                    ++head;
                batch.assign(std::make_move_iterator(queue_.begin()),
                             std::make_move_iterator(queue_.begin() + static_cast<long>(head)));
                queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(head));
            } else {
                batch.swap(queue_);
            }
            urgent_ = false;
            last = stop_;
        }
        if (!batch.empty() && !broken) {
            format(batch, text);
            errno = 0;
            broken = std::fwrite(text.data(), 1, text.size(), out_) != text.size() ||
                     std::fflush(out_) != 0;
            if (broken) error_ = errno != 0 ? std::strerror(errno) : "write failed";
        }
        {
            std::lock_guard lock(m_);
            written_ += batch.size();
            writer_done_ = last;
        }
        written_cv_.notify_all();
        batch.clear();
        text.clear();
        if (last) return;
    }
}

}  // namespace plab::cli
