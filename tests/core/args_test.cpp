#include <gtest/gtest.h>

#include "cli/args.h"

namespace plab::cli {
namespace {

TEST(Args, Durations) {
    std::string e;
    EXPECT_EQ(parse_duration("1s", &e), 1'000'000'000);
    EXPECT_EQ(parse_duration("250ms", &e), 250'000'000);
    EXPECT_EQ(parse_duration("500us", &e), 500'000);
    EXPECT_EQ(parse_duration("100ns", &e), 100);
    EXPECT_EQ(parse_duration("0.5", &e), 500'000'000);
    EXPECT_EQ(parse_duration("0", &e), 0);
    for (const char* bad : {"", "-1", "1h", "abc", "1.2.3s", "ms", "3601", "nan", "1e400"}) {
        e.clear();
        EXPECT_FALSE(parse_duration(bad, &e)) << bad;
        EXPECT_NE(e.find("0..3600 s"), std::string::npos) << bad << ": " << e;
    }
}

TEST(Args, Integers) {
    std::string e;
    EXPECT_EQ(parse_int("tasks", "10", 1, 100, &e), 10);
    EXPECT_FALSE(parse_int("tasks", "0", 1, 100, &e));
    EXPECT_EQ(e, "tasks must be 1..100, got '0'");
    EXPECT_FALSE(parse_int("tasks", "ten", 1, 100, &e));
    EXPECT_EQ(e, "tasks must be a whole number 1..100, got 'ten'");
    EXPECT_FALSE(parse_int("tasks", "99999999999999999999", 1, 100, &e));
    EXPECT_FALSE(parse_int("tasks", "", 1, 100, &e));
    EXPECT_FALSE(parse_int("tasks", "5x", 1, 100, &e));
}

TEST(Args, WorkerLists) {
    std::string e;
    EXPECT_EQ(*parse_worker_list("5", &e), std::vector<int>{5});
    EXPECT_EQ(*parse_worker_list("1..4", &e), (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(*parse_worker_list("1,2,4,8", &e), (std::vector<int>{1, 2, 4, 8}));
    EXPECT_EQ(*parse_worker_list("1..3,8", &e), (std::vector<int>{1, 2, 3, 8}));
    for (const char* bad : {"", "0", "65", "4..1", "1,,2", "1..", "..3", "1,1", "a", "1..100"}) {
        EXPECT_FALSE(parse_worker_list(bad, &e)) << bad;
        EXPECT_NE(e.find("1..64"), std::string::npos) << bad << ": " << e;
    }
}

TEST(Args, StrategiesAndChunksize) {
    std::string e;
    const auto s = parse_strategy_list("serial,map,pathos_map", &e);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->size(), 3u);
    EXPECT_FALSE(parse_strategy_list("map,Map", &e));
    EXPECT_NE(e.find("serial, map, starmap"), std::string::npos);
    EXPECT_FALSE(parse_strategy_list("map,map", &e));
    EXPECT_FALSE(parse_strategy_list("", &e));
    EXPECT_EQ(parse_chunksize("auto", 10, &e), 0);
    EXPECT_EQ(parse_chunksize("3", 10, &e), 3);
    EXPECT_FALSE(parse_chunksize("11", 10, &e));
    EXPECT_EQ(e,
              "chunksize must be auto or a whole number 1..10 (at most the task count), got '11'");
    EXPECT_FALSE(parse_chunksize("0", 4, &e));
    EXPECT_EQ(e, "chunksize must be auto or a whole number 1..4 (at most the task count), got '0'");
}

}  // namespace
}  // namespace plab::cli
