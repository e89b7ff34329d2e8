// The reader thread of the engine's event stream: whole lines parsed, a line split across
// writes joined, a bad line reported, a last line cut off kept apart, a stop mid-stream.
#include "event_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fcntl.h>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

using namespace plab;
using namespace plab::ui;

namespace {

bool write_all(int fd, const std::string& s) {
    return ::write(fd, s.data(), s.size()) == static_cast<ssize_t>(s.size());
}

/// Takes events until the stream is done or 10 s passed.
std::vector<ReadEvent> take_all(EventReader& r) {
    std::vector<ReadEvent> out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!r.done() && std::chrono::steady_clock::now() < deadline) {
        r.take(out);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    r.take(out);
    return out;
}

TEST(EventReader, ParsesWholeLinesAndKeepsACutOffLastLineApart) {
    int p[2];
    ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
    std::atomic<int> notified{0};
    EventReader reader(p[0], [&] { ++notified; });
    ASSERT_TRUE(write_all(p[1], "plab-events 1\ntask\t1\t0\t0\t42\t0.000001\t0.0"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(write_all(p[1], "00002\t1\t0\nnonsense\ntask\t1\t1\t0\t42\t0.1"));  // cut off
    ::close(p[1]);
    const std::vector<ReadEvent> events = take_all(reader);
    ASSERT_TRUE(reader.done());
    ASSERT_EQ(events.size(), 3u);
    ASSERT_TRUE(events[0].event);
    EXPECT_EQ(events[0].event->kind, events::Event::Kind::Header);
    ASSERT_TRUE(events[1].event);  // joined across the two writes
    EXPECT_EQ(events[1].event->kind, events::Event::Kind::Task);
    EXPECT_DOUBLE_EQ(events[1].event->task.end_s, 0.000002);
    EXPECT_FALSE(events[2].event);
    EXPECT_EQ(events[2].line, "nonsense");
    EXPECT_NE(events[2].error.find("unknown event"), std::string::npos) << events[2].error;
    EXPECT_EQ(reader.partial_line(), "task\t1\t1\t0\t42\t0.1");  // not an event
    EXPECT_GE(notified.load(), 1);
}

TEST(EventReader, StopsAtOnceWhileTheWriterStillHoldsThePipe) {
    int p[2];
    ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
    const auto t = std::chrono::steady_clock::now();
    {
        EventReader reader(p[0], [] {});
        ASSERT_TRUE(write_all(p[1], "plab-events 1\n"));
    }  // no end of file yet: the destructor must not wait for one
    EXPECT_LT(std::chrono::steady_clock::now() - t, std::chrono::seconds(2));
    ::close(p[1]);
}

}  // namespace
