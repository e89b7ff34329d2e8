// The field texts the window accepts: the CLI's parsers, plus spaces, chunk size lists and an
// empty crash task.
#include <gtest/gtest.h>

#include "spec_text.h"

using namespace plab::ui;

TEST(SpecText, WorkersAcceptOneARangeOrAList) {
    EXPECT_EQ(*parse_workers("5").value, std::vector<int>{5});
    EXPECT_EQ(*parse_workers("1..4").value, (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(*parse_workers(" 1, 2 ,4 ").value, (std::vector<int>{1, 2, 4}));
    EXPECT_EQ(*parse_workers("1..3,8").value, (std::vector<int>{1, 2, 3, 8}));
}

TEST(SpecText, WorkersRefuseWhatTheCliRefusesWithTheRange) {
    for (const char* bad : {"", "0", "65", "abc", "4..2", "1,1", "1..1000000000"}) {
        const auto p = parse_workers(bad);
        EXPECT_FALSE(p.value) << bad;
        EXPECT_NE(p.error.find("1..64"), std::string::npos) << bad << ": " << p.error;
    }
}

TEST(SpecText, DelaysInEveryUnit) {
    EXPECT_EQ(*parse_delay("1s").value, 1'000'000'000);
    EXPECT_EQ(*parse_delay("250ms").value, 250'000'000);
    EXPECT_EQ(*parse_delay("500 us").value, 500'000);
    EXPECT_EQ(*parse_delay("0.5").value, 500'000'000);
    EXPECT_EQ(*parse_delay("0").value, 0);
    EXPECT_FALSE(parse_delay("fast").value);
    EXPECT_FALSE(parse_delay("2h").value);
    EXPECT_FALSE(parse_delay("4000s").value);
    EXPECT_FALSE(parse_delay("").value);
}

TEST(SpecText, DelayFormatIsExactAndParsesBack) {
    for (std::int64_t ns :
         {0LL, 1'000'000'000LL, 250'000'000LL, 500'000LL, 1'500'000'000LL, 123LL}) {
        const std::string text = format_delay(ns);
        ASSERT_TRUE(parse_delay(text).value) << text;
        EXPECT_EQ(*parse_delay(text).value, ns) << text;
    }
    EXPECT_EQ(format_delay(1'500'000'000), "1500ms");
}

TEST(SpecText, ChunkSizesOneOrSeveral) {
    EXPECT_EQ(*parse_chunksizes("auto", 10).value, std::vector<int>{0});
    EXPECT_EQ(*parse_chunksizes("3", 10).value, std::vector<int>{3});
    EXPECT_EQ(*parse_chunksizes("1, auto", 10).value, (std::vector<int>{1, 0}));
    EXPECT_FALSE(parse_chunksizes("11", 10).value);
    EXPECT_FALSE(parse_chunksizes("0", 10).value);
    EXPECT_FALSE(parse_chunksizes("auto,auto", 10).value);
    EXPECT_FALSE(parse_chunksizes("", 10).value);
}

TEST(SpecText, CrashTaskIsOptional) {
    EXPECT_EQ(*parse_crash_task("", 10).value, -1);
    EXPECT_EQ(*parse_crash_task("none", 10).value, -1);
    EXPECT_EQ(*parse_crash_task(" 3 ", 10).value, 3);
    const auto bad = parse_crash_task("10", 10);
    EXPECT_FALSE(bad.value);
    EXPECT_NE(bad.error.find("0..9"), std::string::npos) << bad.error;
}

TEST(SpecText, WorkersFormatBothWays) {
    EXPECT_EQ(format_workers({5}), "5");
    EXPECT_EQ(format_workers({1, 2, 3, 4}), "1..4");
    EXPECT_EQ(format_workers({1, 2, 4}), "1,2,4");
    EXPECT_EQ(join_workers({1, 2, 3}), "1,2,3");
    EXPECT_EQ(format_chunksizes({1, 0}), "1,auto");
}
