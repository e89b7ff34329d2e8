// The frame limit from both sides: arguments too big for a frame fail their task in the parent
// and kill no worker; results that fit alone always reach the parent, whatever the frame held
// before them; and a frame with absurd times is survived without undefined behaviour.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <string>

#include "pool/process_pool.h"
#include "pool/wire.h"
#include "test_support.h"

namespace plab {
namespace {

std::int64_t length_of(const std::string& s) {
    return static_cast<std::int64_t>(s.size());
}
std::int64_t length_plus(const std::string& s, const std::string& bound) {
    return static_cast<std::int64_t>(s.size() + bound.size());
}
std::string string_of(std::int64_t bytes) {
    return std::string(static_cast<std::size_t>(bytes), 'r');
}

// Writes a frame of its own on the worker's result pipe: task `id`'s result 42, with a start
// and an end as far apart as an int64 allows, as a Batch frame (batch != 0) or a Results frame;
// then ends the worker, whose own frames would now be out of order.
std::int64_t forge_times(std::int64_t id, std::int64_t batch) {
    int out = -1;
    for (int fd = 3; fd < 1024 && out < 0; ++fd) {
        struct stat st {};
        const int fl = ::fcntl(fd, F_GETFL);
        if (fl >= 0 && ::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) &&
            (fl & O_ACCMODE) == O_WRONLY)
            out = fd;
    }
    std::string frame;
    ByteWriter w(frame);
    w.u32(0);
    if (batch != 0) {
        w.u8(static_cast<std::uint8_t>(wire::FrameType::Batch));
        w.u64(static_cast<std::uint64_t>(id));
        w.u32(1);
        w.i64(INT64_MIN);
        w.i64(INT64_MAX);
    } else {
        w.u8(static_cast<std::uint8_t>(wire::FrameType::Results));
        w.u32(1);
        w.u64(static_cast<std::uint64_t>(id));
        w.i64(INT64_MIN);
        w.i64(INT64_MAX);
    }
    w.u8(1);
    encode_value(Value(42), w);
    const auto len = static_cast<std::uint32_t>(frame.size() - 4);
    std::memcpy(frame.data(), &len, sizeof len);
    [[maybe_unused]] const ssize_t put = ::write(out, frame.data(), frame.size());
    ::_exit(0);
}

PLAB_TASK(length_of);
PLAB_TASK(length_plus);
PLAB_TASK(string_of);
PLAB_TASK(forge_times);

const std::size_t kTooBig = std::size_t{wire::kMaxFrameBytes} + 1;

TEST(FrameLimits, AnArgumentAboveTheLimitFailsItsTaskAndNoWorkerDies) {
    ProcessPool pool(2);
    const auto before = pool.pids();
    std::vector<Value> xs{std::string("a"), std::string(kTooBig, 'x'), std::string("abc")};
    const auto outcomes = pool.map_settled(Task("length_of"), xs, 3);  // one chunk
    ASSERT_EQ(outcomes.size(), 3u);
    EXPECT_EQ(outcomes[0].value, Value(1)) << outcomes[0].error;
    EXPECT_EQ(outcomes[2].value, Value(3)) << outcomes[2].error;
    ASSERT_FALSE(outcomes[1].ok);
    EXPECT_NE(outcomes[1].error.find("frame limit"), std::string::npos) << outcomes[1].error;

    // apply_async: the task's error, from get() as TaskError.
    AsyncResult r = pool.apply_async(Task("length_of"), {std::string(kTooBig, 'y')});
    EXPECT_THROW(r.get(), TaskError);
    EXPECT_NE(r.outcome().error.find("frame limit"), std::string::npos) << r.outcome().error;

    // Bound arguments too big: every task of the call fails, none reaches a worker.
    const auto bound = pool.map_settled(Task("length_plus").bind(std::string(kTooBig, 'z')),
                                        {std::string("a"), std::string("b")});
    for (const Outcome& o : bound) {
        EXPECT_FALSE(o.ok);
        EXPECT_NE(o.error.find("bound arguments"), std::string::npos) << o.error;
    }
    EXPECT_EQ(pool.pids(), before);  // no worker was killed for any of it
}

TEST(FrameLimits, AChunkBiggerThanAFrameIsSentInSeveralFrames) {
    ProcessPool pool(1);
    const auto before = pool.pids();
    const std::size_t each = wire::kMaxFrameBytes / 3 + 1000;  // three do not fit in one frame
    std::vector<Value> xs;
    xs.reserve(4);
    for (int i = 0; i < 4; ++i)
        xs.emplace_back(std::string(each, 'x'));
    const auto values = pool.map(Task("length_of"), xs, 4);
    for (const Value& v : values)
        EXPECT_EQ(v, Value(static_cast<std::int64_t>(each)));
    EXPECT_EQ(pool.pids(), before);
}

// Results of 5,000 bytes, then one as big as a result may be: it must go in a frame of its own.
void big_result_after_small_ones(PoolOptions options) {
    ProcessPool pool(1, std::move(options));
    const auto before = pool.pids();
    const std::int64_t biggest = static_cast<std::int64_t>(wire::kMaxResultBytes) - 5;
    const auto outcomes = pool.map_settled(Task("string_of"), {5000, 5000, biggest, 7}, 4);
    ASSERT_EQ(outcomes.size(), 4u);
    for (const Outcome& o : outcomes)
        EXPECT_TRUE(o.ok) << o.error;
    EXPECT_EQ(outcomes[2].value.as_str().size(), static_cast<std::size_t>(biggest));
    EXPECT_EQ(pool.pids(), before);
}

TEST(FrameLimits, AResultThatFitsAloneIsDeliveredWhateverTheFrameHeld) {
    big_result_after_small_ones({});  // Batch frames
    PoolOptions timed;
    timed.observer = [](const TaskEvent&) {};
    big_result_after_small_ones(std::move(timed));  // Results frames
}

TEST(FrameLimits, AFrameWithAbsurdTimesIsSurvived) {
    // Undefined behaviour (signed overflow) would stop this test under UBSan.
    for (const std::int64_t batch : {1, 0}) {
        PoolOptions options;
        if (batch == 0) options.observer = [](const TaskEvent&) {};
        ProcessPool pool(1, std::move(options));
        // The first task of a fresh pool has id 1 on the wire.
        EXPECT_EQ(pool.apply_async(Task("forge_times"), {1, batch}).get(), Value(42));
        EXPECT_EQ(pool.map(Task("length_of"), {std::string("ab")}).front(), Value(2));
    }
}

}  // namespace
}  // namespace plab
