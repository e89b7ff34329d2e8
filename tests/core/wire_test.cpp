// The frames between the parent and a worker: what a writer appends, the reader gets back,
// and a malformed frame is a DecodeError, never a crash or a huge allocation.
#include "pool/wire.h"

#include <gtest/gtest.h>

#include <climits>
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

// The frames at the start of bytes, split: each one's type byte and payload.
std::vector<std::pair<FrameType, std::string_view>> frames(const std::string& bytes) {
    std::vector<std::pair<FrameType, std::string_view>> out;
    std::size_t at = 0;
    while (at + 4 <= bytes.size()) {
        std::uint32_t len = 0;
        std::memcpy(&len, bytes.data() + at, sizeof len);
        EXPECT_LE(len, kMaxFrameBytes);
        EXPECT_LE(at + 4 + len, bytes.size());
        out.emplace_back(static_cast<FrameType>(bytes[at + 4]),
                         std::string_view(bytes).substr(at + 5, len - 1));
        at += 4 + len;
    }
    EXPECT_EQ(at, bytes.size());
    return out;
}

TEST(Wire, TasksFillAFrameUpToTheLimitAndRefuseWhatCannotFit) {
    const std::size_t each = kMaxFrameBytes / 3 + 1000;
    const std::vector<Value> items{std::string(each, 'a'), std::string(each, 'b'),
                                   std::string(each, 'c'), std::string(kMaxFrameBytes, 'd')};
    std::string out;
    TasksAppended put = append_tasks(out, 1, "t", {}, false, items, 0, 3);
    EXPECT_EQ(put.sent, 2u);  // the third does not fit with them: it goes first next time
    ByteReader r(payload(out, FrameType::Tasks));
    EXPECT_EQ(read_tasks(r).items.size(), 2u);

    out.clear();
    put = append_tasks(out, 3, "t", {}, false, items, 2, 2);
    EXPECT_EQ(put.sent, 1u);
    out.clear();
    put = append_tasks(out, 4, "t", {}, false, items, 3, 1);  // alone too big
    EXPECT_EQ(put.sent, 0u);
    EXPECT_EQ(put.refused, TasksAppended::Refused::Item);
    EXPECT_NE(put.why.find("frame limit"), std::string::npos) << put.why;
    EXPECT_TRUE(out.empty());

    out = "kept";
    put = append_tasks(out, 5, "t", {items[3]}, false, items, 0, 1);  // bound args too big
    EXPECT_EQ(put.sent, 0u);
    EXPECT_EQ(put.refused, TasksAppended::Refused::Bound);
    EXPECT_NE(put.why.find("bound arguments"), std::string::npos) << put.why;
    EXPECT_EQ(out, "kept");
}

TEST(Wire, AResultWithNoRoomLeftInItsFrameOpensTheNext) {
    const Value small(std::string(5000, 's'));
    const Value biggest(std::string(kMaxResultBytes - 5, 'b'));  // the largest allowed

    std::string results;
    ResultsWriter rw(results);
    rw.add(10, 1, 2, true, small, "");
    rw.add(11, 3, 4, true, biggest, "");
    rw.add(12, 5, 6, false, Value(), "boom");
    rw.finish();
    auto parts = frames(results);
    ASSERT_EQ(parts.size(), 2u);
    ByteReader r1(parts[0].second);
    const auto first = read_results(r1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].id, 10u);
    ByteReader r2(parts[1].second);
    const auto second = read_results(r2);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(second[0].id, 11u);
    EXPECT_EQ(second[0].value, biggest);
    EXPECT_EQ(second[1].error, "boom");

    std::string batch;
    BatchWriter bw(batch);
    bw.begin(20, 100);
    bw.add(true, small, "");
    bw.add(true, small, "");
    bw.add(true, biggest, "");
    bw.finish(900);
    parts = frames(batch);
    ASSERT_EQ(parts.size(), 2u);
    ByteReader b1(parts[0].second);
    const BatchRecord one = read_batch(b1);
    EXPECT_EQ(one.first_id, 20u);
    EXPECT_EQ(one.values.size(), 2u);
    ByteReader b2(parts[1].second);
    const BatchRecord two = read_batch(b2);
    EXPECT_EQ(two.first_id, 22u);  // carries on where the first ended
    ASSERT_EQ(two.values.size(), 1u);
    EXPECT_EQ(two.values[0], biggest);
    EXPECT_EQ(two.end_ns, 900);
}

TEST(Wire, AnErrorMessageTooLongForAFrameIsCut) {
    std::string results;
    ResultsWriter rw(results);
    rw.add(1, 0, 1, false, Value(), std::string(kMaxFrameBytes, 'e'));
    rw.finish();
    ByteReader r(payload(results, FrameType::Results));
    const auto recs = read_results(r);
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_NE(recs[0].error.find("cut"), std::string::npos);
    EXPECT_LT(results.size(), 10'000u);
}

TEST(Wire, ElapsedTimesFromAFrameNeverOverflow) {
    EXPECT_EQ(elapsed_ns(100, 350), 250);
    EXPECT_EQ(elapsed_ns(350, 100), 0);  // an end before the start
    EXPECT_EQ(elapsed_ns(INT64_MIN, INT64_MAX), kMaxElapsedNs);
    EXPECT_EQ(elapsed_ns(INT64_MAX, INT64_MIN), 0);
    EXPECT_LE(kMaxElapsedNs, INT64_MAX / 8);  // the pool's average of eight fits
}

}  // namespace
}  // namespace plab::wire
