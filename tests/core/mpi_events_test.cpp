// The event stream's MPI additions (experiment/event_stream.h): host and note lines, and the
// trailing host=<index> of an MPI run's start and task lines, parse back to what was written,
// while other runs' lines stay exactly as they were.
#include <gtest/gtest.h>

#include "experiment/event_stream.h"

namespace plab::events {
namespace {

TEST(MpiEvents, HostAndNoteLinesRoundTrip) {
    HostClock h;
    h.name = "plab-h2\tx";  // escaped: a field after it still parses
    h.offset_ns = -3'000'000'500;
    h.uncertainty_ns = 45'000;
    const std::string line = host_line(RunId{2, 1}, 1, h);
    EXPECT_EQ(line, "host\t2\t1\tplab-h2\\tx\t-3.000001\t0.000045");
    auto e = parse(line);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->kind, Event::Kind::Host);
    EXPECT_EQ(e->id.run, 2);
    EXPECT_EQ(e->host, 1);
    EXPECT_EQ(e->text, "plab-h2\tx");
    EXPECT_DOUBLE_EQ(e->offset_s, -3.000001);
    EXPECT_DOUBLE_EQ(e->uncertainty_s, 0.000045);

    e = parse(note_line(RunId{3, 1}, "oversubscribed: 5 ranks on 2 slots"));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->kind, Event::Kind::Note);
    EXPECT_EQ(e->text, "oversubscribed: 5 ranks on 2 slots");
    EXPECT_FALSE(parse("host\t1\t-1\tvm\t0\t0"));
    EXPECT_FALSE(parse("host\t1\t0\tvm\t0"));
    EXPECT_FALSE(parse("note\t1"));
}

TEST(MpiEvents, TaskLinesCarryTheHostOnlyForMpiRuns) {
    TaskRecord t;
    t.task = 3;
    t.worker = 2;
    t.pid = 77;
    t.start_s = 0.5;
    t.end_s = 0.75;
    t.ok = true;
    t.result = Value(std::int64_t{9});
    EXPECT_EQ(task_line(RunId{}, t), "task\t1\t3\t2\t77\t0.500000\t0.750000\t1\t9");  // as before
    EXPECT_EQ(start_line(RunId{}, t), "start\t1\t3\t2\t77\t0.500000");
    t.host = 1;
    EXPECT_EQ(task_line(RunId{}, t), "task\t1\t3\t2\t77\t0.500000\t0.750000\t1\t9\thost=1");
    auto e = parse(task_line(RunId{}, t));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->task.host, 1);
    EXPECT_EQ(e->text, "9");
    e = parse(start_line(RunId{}, t));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->kind, Event::Kind::Start);
    EXPECT_EQ(e->task.host, 1);
    // A pool task whose error text is "host=1" is that text, not a host.
    t.host = -1;
    t.ok = false;
    t.error = "host=1";
    e = parse(task_line(RunId{}, t));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->task.host, -1);
    EXPECT_EQ(e->text, "host=1");
    EXPECT_FALSE(parse("task\t1\t3\t2\t77\t0.5\t0.75\t1\t9\thost=x"));
    EXPECT_FALSE(parse("start\t1\t3\t2\t77\t0.5\thost=-2"));
}

}  // namespace
}  // namespace plab::events
