// The frames between the parent and a worker: what a writer appends, the reader gets back,
// and a malformed frame is a DecodeError, never a crash or a huge allocation.
#include "pool/wire.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace plab::wire {
namespace {

// The payload of the one frame at the start of bytes (after the length and the type byte),
// checking that the length covers exactly the rest.
std::string_view payload(const std::string& bytes, FrameType type) {
    std::uint32_t len = 0;
    std::memcpy(&len, bytes.data(), sizeof len);
    EXPECT_EQ(len + 4, bytes.size());
    EXPECT_EQ(static_cast<std::uint8_t>(bytes[4]), static_cast<std::uint8_t>(type));
    return std::string_view(bytes).substr(5);
}

TEST(Wire, TasksRoundTripWithBoundArguments) {
    std::string out;
    const std::vector<Value> items{1, "two", Value::tuple(3, 4.5), 5};
    append_tasks(out, 41, "slow_pow", {Value(2)}, true, items, 1, 2);
    ByteReader r(payload(out, FrameType::Tasks));
    const TaskBatch b = read_tasks(r);
    EXPECT_EQ(b.first_id, 41u);
    EXPECT_EQ(b.task, "slow_pow");
    EXPECT_EQ(b.bound, std::vector<Value>{Value(2)});
    EXPECT_TRUE(b.star);
    EXPECT_EQ(b.items, (std::vector<Value>{"two", Value::tuple(3, 4.5)}));
}

TEST(Wire, BatchCarriesValuesAndErrorsInOrder) {
    std::string out;
    BatchWriter w(out);
    w.begin(7, 1000);
    w.add(true, Value(49), "");
    w.add(false, Value(), "ValueError: boom");
    w.add(true, Value("ok"), "");
    EXPECT_EQ(w.count(), 3u);
    w.finish(2000);
    ByteReader r(payload(out, FrameType::Batch));
    const BatchRecord b = read_batch(r);
    EXPECT_EQ(b.first_id, 7u);
    EXPECT_EQ(b.start_ns, 1000);
    EXPECT_EQ(b.end_ns, 2000);
    ASSERT_EQ(b.values.size(), 3u);
    EXPECT_EQ(b.values[0], Value(49));
    EXPECT_EQ(b.values[2], Value("ok"));
    ASSERT_EQ(b.errors.size(), 1u);
    EXPECT_EQ(b.errors[0].first, 1u);
    EXPECT_EQ(b.errors[0].second, "ValueError: boom");
}

TEST(Wire, AnEmptyBatchIsTakenBackAndFinishIsIdempotent) {
    std::string out = "kept";
    BatchWriter w(out);
    w.begin(1, 0);
    w.finish(5);
    EXPECT_EQ(out, "kept");
    w.finish(6);  // nothing open: no-op
    EXPECT_EQ(out, "kept");
}

TEST(Wire, AResultAboveTheLimitBecomesAnErrorInBothFrames) {
    const Value huge(std::string(kMaxResultBytes + 1, 'x'));
    std::string batch;
    BatchWriter bw(batch);
    bw.begin(1, 0);
    bw.add(true, huge, "");
    bw.finish(1);
    ByteReader rb(payload(batch, FrameType::Batch));
    const BatchRecord b = read_batch(rb);
    ASSERT_EQ(b.errors.size(), 1u);
    EXPECT_NE(b.errors[0].second.find("exceeds the limit"), std::string::npos);
    EXPECT_LT(batch.size(), 200u);

    std::string results;
    ResultsWriter rw(results);
    rw.add(1, 0, 1, true, huge, "");
    rw.finish();
    ByteReader rr(payload(results, FrameType::Results));
    const std::vector<ResultRecord> recs = read_results(rr);
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_FALSE(recs[0].ok);
    EXPECT_NE(recs[0].error.find("exceeds the limit"), std::string::npos);
}

TEST(Wire, MalformedBatchesAreDecodeErrors) {
    std::string out;
    BatchWriter w(out);
    w.begin(1, 0);
    w.add(true, Value(1), "");
    w.finish(1);
    const std::string whole(payload(out, FrameType::Batch));
    for (std::size_t cut = 0; cut < whole.size(); ++cut) {  // every truncation
        ByteReader r(std::string_view(whole).substr(0, cut));
        EXPECT_THROW(read_batch(r), DecodeError) << "cut at " << cut;
    }
    std::string lying = whole;
    const std::uint32_t count = 1'000'000;  // more tasks than bytes
    std::memcpy(lying.data() + 8, &count, sizeof count);
    ByteReader r1(lying);
    EXPECT_THROW(read_batch(r1), DecodeError);
    std::string trailing = whole + "x";
    ByteReader r2(trailing);
    EXPECT_THROW(read_batch(r2), DecodeError);
}

}  // namespace
}  // namespace plab::wire
