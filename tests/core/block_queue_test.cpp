#include "cli/block_queue.h"

#include <gtest/gtest.h>

#include <string>

namespace plab::cli {
namespace {

using Queue = BlockQueue<std::string, 4>;

std::vector<std::string> flat(const Queue::Blocks& blocks) {
    std::vector<std::string> out;
    for (const auto& b : blocks)
        out.insert(out.end(), b.begin(), b.end());
    return out;
}

TEST(BlockQueue, KeepsOrderAcrossBlocks) {
    Queue q;
    for (int i = 0; i < 10; ++i)
        q.push(std::to_string(i));
    EXPECT_EQ(q.size(), 10u);
    Queue::Blocks out;
    q.take_all(out);
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(out.size(), 3u);  // 4 + 4 + 2
    EXPECT_EQ(flat(out),
              (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
}

TEST(BlockQueue, PushNeverMovesWhatIsQueued) {
    Queue q;
    q.push("first");
    Queue::Blocks out;
    q.take_all(out);
    const std::string* first = &out.front().front();
    q.give_back(out);
    // The block given back is reused: the next items land in the same memory.
    q.push("again");
    for (int i = 0; i < 3; ++i)
        q.push("more");
    q.take_all(out);
    EXPECT_EQ(&out.front().front(), first);
    EXPECT_EQ(out.front().front(), "again");
}

TEST(BlockQueue, TakesOnlyTheMatchingHead) {
    Queue q;
    q.push("line a");
    q.push("line b");
    q.push("task 1");
    q.push("line c");
    Queue::Blocks out;
    q.take_head_while([](const std::string& s) { return s.rfind("line", 0) == 0; }, out);
    EXPECT_EQ(flat(out), (std::vector<std::string>{"line a", "line b"}));
    EXPECT_EQ(q.size(), 2u);
    q.give_back(out);
    q.take_head_while([](const std::string& s) { return s.rfind("line", 0) == 0; }, out);
    EXPECT_TRUE(out.empty());
    q.take_all(out);
    EXPECT_EQ(flat(out), (std::vector<std::string>{"task 1", "line c"}));
}

TEST(BlockQueue, PreparedBlocksAreUsedFirst) {
    Queue q;
    q.prepare(2);
    Queue::Blocks out;
    q.push("a");
    q.take_all(out);
    const std::string* prepared = out.front().data();
    q.give_back(out);
    q.prepare(2);  // already two spare: nothing new
    q.push("b");
    q.take_all(out);
    EXPECT_EQ(out.front().data(), prepared);
}

}  // namespace
}  // namespace plab::cli
