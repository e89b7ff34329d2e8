// Cutting the engine's stdout into lines.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "line_splitter.h"

using plab::ui::LineSplitter;

namespace {

std::vector<std::string> drain(LineSplitter& s) {
    std::vector<std::string> out;
    std::string_view line;
    while (s.next(&line))
        out.emplace_back(line);
    return out;
}

void add(LineSplitter& s, const std::string& text) {
    s.append(text.data(), text.size());
}

}  // namespace

TEST(LineSplitter, SplitsOnNewlinesAndDropsCarriageReturns) {
    LineSplitter s;
    add(s, "a\tb\nc\r\n\nd");
    EXPECT_EQ(drain(s), (std::vector<std::string>{"a\tb", "c", ""}));
    EXPECT_FALSE(s.empty());
    add(s, "e\n");
    EXPECT_EQ(drain(s), std::vector<std::string>{"de"});
    EXPECT_TRUE(s.empty());
}

TEST(LineSplitter, ALineCutAcrossChunksComesOutWhole) {
    LineSplitter s;
    const std::string text = "task\t1\t2\t3\n";
    for (char c : text)
        s.append(&c, 1);
    EXPECT_EQ(drain(s), std::vector<std::string>{"task\t1\t2\t3"});
}

TEST(LineSplitter, FinishHandsOutTheLastLineWithoutNewline) {
    LineSplitter s;
    add(s, "done\t0");
    EXPECT_TRUE(drain(s).empty());
    s.finish();
    EXPECT_EQ(drain(s), std::vector<std::string>{"done\t0"});
    EXPECT_TRUE(s.empty());
}

TEST(LineSplitter, ManyLinesKeepTheBufferSmall) {
    LineSplitter s;
    std::size_t count = 0;
    for (int i = 0; i < 100'000; ++i) {
        add(s, "start\t1\t" + std::to_string(i) + "\t0\t42\t0.000001\n");
        count += drain(s).size();
    }
    EXPECT_EQ(count, 100'000u);
    EXPECT_TRUE(s.empty());
}
