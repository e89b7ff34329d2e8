#include "event_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "engine_launcher.h"
#include "line_splitter.h"

namespace plab::ui {

namespace {

constexpr std::size_t kReadSize = std::size_t{256} * 1024;

}  // namespace

EventReader::EventReader(int fd, std::function<void()> notify)
    : fd_(fd), notify_(std::move(notify)) {
    if (::pipe2(stop_, O_CLOEXEC) != 0) stop_[0] = stop_[1] = -1;
    thread_ = std::thread([this] { loop(); });
}

EventReader::~EventReader() {
    if (stop_[1] >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t w = ::write(stop_[1], &byte, 1);
    }
    thread_.join();
    for (int fd : {fd_, stop_[0], stop_[1]}) {
        if (fd >= 0) ::close(fd);
    }
}

void EventReader::take(std::vector<ReadEvent>& out) {
    std::lock_guard lock(m_);
    if (out.empty()) {
        out.swap(queue_);
        return;
    }
    std::move(queue_.begin(), queue_.end(), std::back_inserter(out));
    queue_.clear();
}

bool EventReader::done() const {
    std::lock_guard lock(m_);
    return ended_ && queue_.empty();
}

bool EventReader::pending() const {
    std::lock_guard lock(m_);
    return !queue_.empty();
}

std::string EventReader::partial_line() const {
    std::lock_guard lock(m_);
    return partial_;
}

void EventReader::loop() {
    // Below the engine's priority: parsing the stream never takes a core from the experiment
    // it describes (the window's GUI thread stays above both).
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()),
                  ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())) + kEngineNiceness + 1);
    LineSplitter splitter;
    std::string buffer(kReadSize, '\0');
    std::vector<ReadEvent> batch;
    for (;;) {
        pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_[0], POLLIN, 0}};
        if (::poll(fds, stop_[0] >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[1].revents != 0) return;  // the owner is going: no notify, no more events
        const ssize_t got = ::read(fd_, buffer.data(), buffer.size());
        if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (got <= 0) break;
        splitter.append(buffer.data(), static_cast<std::size_t>(got));
        std::string_view line;
        while (splitter.next(&line)) {
            if (line.empty()) continue;
            ReadEvent r;
            r.event = events::parse(line, &r.error);
            if (!r.event) r.line = std::string(line.substr(0, 200));
            batch.push_back(std::move(r));
        }
        if (batch.empty()) continue;
        bool was_empty = false;
        {
            std::lock_guard lock(m_);
            was_empty = queue_.empty();
            if (was_empty) {
                queue_.swap(batch);
            } else {
                std::move(batch.begin(), batch.end(), std::back_inserter(queue_));
            }
        }
        batch.clear();
        if (was_empty) notify_();
    }
    std::string_view rest;
    splitter.finish();
    {
        std::lock_guard lock(m_);
        if (splitter.next(&rest)) partial_ = std::string(rest);
        ended_ = true;
    }
    notify_();
}

}  // namespace plab::ui
