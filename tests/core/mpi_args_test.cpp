// The rank mode's command line (core/mpi/mpi_args.h): every field the ranks use survives the
// trip through mpirun's argv, and anything else is refused with one line.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "mpi/mpi_args.h"
#include "mpi/mpi_protocol.h"

namespace plab::mpi {
namespace {

std::vector<std::string_view> views(const std::vector<std::string>& args) {
    return {args.begin(), args.end()};
}

std::optional<RankArgs> parse(const std::vector<std::string>& args, std::string* why) {
    const auto v = views(args);
    return parse_rank_command(v, why);
}

RankArgs unusual() {
    RankArgs a;
    a.spec.strategy = Strategy::MpiScatter;
    a.spec.workers = 7;
    a.spec.tasks = 123;
    a.spec.delay_ns = 987'654'321;
    a.spec.workload = Workload::Cpu;
    a.spec.exponent = 3;
    a.spec.chunksize = 11;
    a.spec.crash_task = 45;
    a.spec.durations = {DurationShape::Uniform, 0.375};
    a.spec.seed = 9'000'000'000'000'000'000;
    a.spec.payload_bytes = 4096;
    a.starts = false;
    a.serial_ns = 1'234'567'890;
    return a;
}

TEST(MpiArgs, EveryFieldRoundTrips) {
    std::string why;
    RankArgs plain;  // the article's defaults on mpi_map
    plain.spec.strategy = Strategy::MpiMap;
    for (const RankArgs& a : {plain, unusual()}) {
        const auto back = parse(rank_command(a), &why);
        ASSERT_TRUE(back) << why;
        EXPECT_EQ(*back, a);
    }
    // Each shape of durations, straggler's factor included.
    RankArgs s = unusual();
    for (const Durations d : {Durations{DurationShape::Exp, 0}, Durations{DurationShape::Rising, 0},
                              Durations{DurationShape::Straggler, 12.5}}) {
        s.spec.durations = d;
        const auto back = parse(rank_command(s), &why);
        ASSERT_TRUE(back) << why;
        EXPECT_EQ(back->spec.durations, d);
    }
}

TEST(MpiArgs, TheCommandStartsWithTheFlagAndVersionAndKeysAreInAnyOrder) {
    std::vector<std::string> args = rank_command(unusual());
    ASSERT_GE(args.size(), 3U);
    EXPECT_EQ(args[0], kRankFlag);
    EXPECT_EQ(args[1], std::to_string(kProtocolVersion));
    std::reverse(args.begin() + 2, args.end());
    std::string why;
    const auto back = parse(args, &why);
    ASSERT_TRUE(back) << why;
    EXPECT_EQ(*back, unusual());
}

// args with the argument starting with key= replaced by replacement (or removed when empty).
std::vector<std::string> with(std::string_view key, const std::string& replacement) {
    std::vector<std::string> out;
    for (const std::string& a : rank_command(unusual())) {
        if (a.rfind(std::string(key) + "=", 0) != 0) {
            out.push_back(a);
        } else if (!replacement.empty()) {
            out.push_back(replacement);
        }
    }
    return out;
}

TEST(MpiArgs, GarbageOrAMissingKeyIsOneLine) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {with(kKeyWorkers, ""), "rank argument workers is missing"},
        {with(kKeyTasks, "tasks=ten"), "rank argument tasks has a bad value 'ten'"},
        {with(kKeyTasks, "tasks="), "rank argument tasks has a bad value ''"},
        {with(kKeyDelayNs, "delay_ns=1e9"), "bad value"},
        {with(kKeySeed, "seed=99999999999999999999"), "bad value"},
        {with(kKeyStarts, "starts=yes"), "bad value"},
        {with(kKeySerialNs, "serial_ns=-1"), "bad value"},
        {with(kKeySerialNs, ""), "rank argument serial_ns is missing"},
        {with(kKeyStrategy, "strategy=map"), "the rank mode runs mpi_map or mpi_scatter, got map"},
        {with(kKeyStrategy, "strategy=mpi_gather"), "bad value"},
        {with(kKeyWorkload, "workload=Sleep"), "bad value"},
        {with(kKeyDurations, "durations=uniform:2"), "bad value"},
        {with(kKeyWorkers, "workers=0"), "workers must be 1..64, got 0"},
        {with(kKeyCrashTask, "crash_task=123"), "crash task must be"},
        {with(kKeyPayloadBytes, "payload_bytes=67108865"), "payload must be 0..64 MiB"},
        {with(kKeyPayloadBytes, "payload_bytes=16777216"), "tasks x payload must be at most 1 GiB"},
        {with(kKeyExponent, "colour=blue"), "unknown rank argument 'colour=blue'"},
        {with(kKeyExponent, "exponent"), "unknown rank argument 'exponent'"},
    };
    for (const auto& [args, expected] : cases) {
        std::string why;
        EXPECT_FALSE(parse(args, &why)) << expected;
        EXPECT_NE(why.find(expected), std::string::npos) << why;
        EXPECT_EQ(why.find('\n'), std::string::npos) << why;
    }
    std::vector<std::string> twice = rank_command(unusual());
    twice.push_back("tasks=5");
    std::string why;
    EXPECT_FALSE(parse(twice, &why));
    EXPECT_EQ(why, "rank argument tasks given twice");
}

TEST(MpiArgs, AnotherVersionOrNoFlagIsRefused) {
    std::vector<std::string> args = rank_command(unusual());
    std::string why;
    args[1] = "2";
    EXPECT_FALSE(parse(args, &why));
    EXPECT_NE(why.find("protocol version 1, got '2'"), std::string::npos) << why;
    EXPECT_FALSE(parse({std::string(kRankFlag)}, &why));
    EXPECT_NE(why.find("got ''"), std::string::npos) << why;
    EXPECT_FALSE(parse({}, &why));
    EXPECT_FALSE(parse({"--plab-worker", "1"}, &why));
    EXPECT_NE(why.find(std::string(kRankFlag)), std::string::npos) << why;
}

}  // namespace
}  // namespace plab::mpi
