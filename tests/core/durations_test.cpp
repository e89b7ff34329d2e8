// Task durations: each shape draws what it documents, the same for every strategy, and the
// model of a run (chunks to the first free worker) predicts the stragglers that chunking makes.
#include "experiment/durations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "experiment/runner.h"
#include "test_support.h"

namespace plab {
namespace {

std::vector<std::int64_t> plan(const ExperimentSpec& s) {
    std::vector<std::int64_t> out;
    out.reserve(static_cast<std::size_t>(s.tasks));
    for (int i = 0; i < s.tasks; ++i)
        out.push_back(planned_delay_ns(s, i));
    return out;
}

ExperimentSpec shaped(std::string_view shape, int tasks, std::int64_t delay_ns,
                      std::int64_t seed = 1) {
    ExperimentSpec s;
    s.tasks = tasks;
    s.delay_ns = delay_ns;
    s.durations = *parse_durations(shape);
    s.seed = seed;
    return s;
}

double mean(const std::vector<std::int64_t>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

TEST(Durations, ParseAndFormatRoundTrip) {
    for (const char* text : {"fixed", "uniform:0", "uniform:0.25", "uniform:1", "exp",
                             "straggler:10", "straggler:0.5", "straggler:1000", "rising"}) {
        const auto d = parse_durations(text);
        ASSERT_TRUE(d) << text;
        EXPECT_EQ(format_durations(*d), text);
    }
    EXPECT_EQ(*parse_durations("uniform:.5"), (Durations{DurationShape::Uniform, 0.5}));
    EXPECT_EQ(format_durations(Durations{}), "fixed");
}

TEST(Durations, BadTextsSayWhatIsAllowed) {
    for (const char* text :
         {"", "Fixed", "uniform", "uniform:", "uniform:1.5", "uniform:-0.1", "uniform:nan",
          "uniform:0.5x", "straggler:0", "straggler:-1", "straggler:1001", "straggler:inf", "exp:2",
          "rising:1", "fixed:", "random", "straggler:1e400", ":"}) {
        std::string error;
        EXPECT_FALSE(parse_durations(text, &error)) << text;
        EXPECT_NE(error.find("uniform:S (0 <= S <= 1)"), std::string::npos) << error;
        EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    }
}

TEST(Durations, FixedIsTheDelayForEveryTask) {
    const ExperimentSpec s = shaped("fixed", 50, 123'456'789);
    for (std::int64_t d : plan(s))
        EXPECT_EQ(d, 123'456'789);
    EXPECT_EQ(ExperimentSpec{}.durations, Durations{});
    EXPECT_EQ(ExperimentSpec{}.seed, 1);
}

TEST(Durations, RisingFollowsTheFormulaExactly) {
    for (int n : {1, 2, 7, 1000}) {
        const ExperimentSpec s = shaped("rising", n, 1'000'000'000);
        const auto p = plan(s);
        for (int i = 0; i < n; ++i) {
            EXPECT_EQ(p[static_cast<std::size_t>(i)], std::llround(1e9 * 2.0 * (i + 1) / (n + 1.0)))
                << i << " of " << n;
        }
        EXPECT_NEAR(mean(p), 1e9, 1.0);  // the mean is the delay
    }
    // The largest allowed delay and task count do not overflow.
    const ExperimentSpec big = shaped("rising", kMaxTasks, kMaxDelayNs / 2);
    EXPECT_LE(planned_delay_ns(big, kMaxTasks - 1), kMaxDelayNs);
    EXPECT_EQ(planned_delay_ns(big, kMaxTasks - 1), kMaxDelayNs - 360'000);  // x 2n/(n+1)
}

TEST(Durations, UniformStaysWithinItsBoundsWithTheDelayAsMean) {
    const std::int64_t d = 100'000'000;
    for (double spread : {0.0, 0.3, 1.0}) {
        ExperimentSpec s = shaped("uniform:0", 100'000, d);
        s.durations.param = spread;
        const auto p = plan(s);
        const auto [lo, hi] = std::minmax_element(p.begin(), p.end());
        EXPECT_GE(*lo, std::llround(d * (1 - spread))) << spread;
        EXPECT_LE(*hi, std::llround(d * (1 + spread))) << spread;
        EXPECT_NEAR(mean(p), static_cast<double>(d), 0.01 * static_cast<double>(d)) << spread;
        if (spread > 0) {  // it spreads over its range, not a few values
            EXPECT_LT(*lo, std::llround(d * (1 - 0.95 * spread)));
            EXPECT_GT(*hi, std::llround(d * (1 + 0.95 * spread)));
        }
    }
}

TEST(Durations, ExpHasTheDelayAsMeanAndStdDev) {
    const std::int64_t d = 100'000'000;
    const auto p = plan(shaped("exp", 100'000, d));
    const double m = mean(p);
    EXPECT_NEAR(m, static_cast<double>(d), 0.02 * static_cast<double>(d));
    double var = 0;
    for (std::int64_t x : p)
        var += (static_cast<double>(x) - m) * (static_cast<double>(x) - m);
    EXPECT_NEAR(std::sqrt(var / static_cast<double>(p.size())), static_cast<double>(d),
                0.03 * static_cast<double>(d));
    // A long delay: each draw is capped at the longest delay allowed.
    for (std::int64_t x : plan(shaped("exp", 10'000, kMaxDelayNs)))
        EXPECT_LE(x, kMaxDelayNs);
}

TEST(Durations, StragglerMakesOnlyTheLastTaskLonger) {
    const auto p = plan(shaped("straggler:12.5", 9, 40'000'000));
    for (std::size_t i = 0; i + 1 < p.size(); ++i)
        EXPECT_EQ(p[i], 40'000'000) << i;
    EXPECT_EQ(p.back(), 500'000'000);
    EXPECT_EQ(plan(shaped("straggler:3", 1, 1000)), std::vector<std::int64_t>{3000});
}

TEST(Durations, ASeedGivesTheSameDrawAnotherSeedAnother) {
    for (const char* shape : {"uniform:0.5", "exp"}) {
        const auto a = plan(shaped(shape, 200, 1'000'000, 7));
        EXPECT_EQ(a, plan(shaped(shape, 200, 1'000'000, 7))) << shape;
        EXPECT_NE(a, plan(shaped(shape, 200, 1'000'000, 8))) << shape;
        EXPECT_NE(a, plan(shaped(shape, 200, 1'000'000, 0))) << shape;
        // Task i's draw does not depend on how many tasks there are (nor on anything but i).
        const auto longer = plan(shaped(shape, 400, 1'000'000, 7));
        EXPECT_TRUE(std::equal(a.begin(), a.end(), longer.begin())) << shape;
    }
    // The shapes without chance ignore the seed.
    EXPECT_EQ(plan(shaped("rising", 20, 1000, 1)), plan(shaped("rising", 20, 1000, 99)));
}

TEST(Durations, ValidateRefusesTasksLongerThanAnHour) {
    ExperimentSpec s = shaped("straggler:1000", 10, 3'600'000'000);  // 3.6 s x 1000: 3600 s
    EXPECT_EQ(validate(s), "");
    s.delay_ns += 1'000'000;
    EXPECT_NE(validate(s).find("at most 3600 s"), std::string::npos) << validate(s);
    s = shaped("rising", 10, 2'000'000'000'000);  // the last task 3636 s
    EXPECT_NE(validate(s).find("at most 3600 s"), std::string::npos) << validate(s);
    s = shaped("uniform:1", 10, kMaxDelayNs);
    EXPECT_NE(validate(s), "");
    s = shaped("exp", 10, kMaxDelayNs);  // exp draws are capped, not refused
    EXPECT_EQ(validate(s), "");
    s = shaped("fixed", 10, 1000);
    s.seed = -1;
    EXPECT_EQ(validate(s), "seed must be 0..9223372036854775807, got -1");
    s.seed = 1;
    s.durations = {DurationShape::Uniform, 2.0};
    EXPECT_NE(validate(s).find("uniform:2 is out of range"), std::string::npos) << validate(s);
    s.durations = {DurationShape::Rising, 0.5};  // a number where the shape takes none
    EXPECT_NE(validate(s), "");
}

TEST(Durations, MakespanHandsChunksToTheFirstFreeWorker) {
    const std::vector<std::int64_t> d{1, 1, 1, 1, 4};
    EXPECT_EQ(makespan_ns(d, 2, 1), 6);  // 1,1 | 1,1 then the 4 goes to worker 0 at 2
    EXPECT_EQ(makespan_ns(d, 2, 3), 5);  // [1,1,1] | [1,4]
    EXPECT_EQ(makespan_ns(d, 1, 2), 8);
    EXPECT_EQ(makespan_ns(d, 9, 1), 4);
    EXPECT_EQ(makespan_ns({}, 2, 1), 0);
    EXPECT_EQ(makespan_ns(d, 0, 0), 8);  // below 1 counts as 1
}

TEST(Durations, ModelUsesEachStrategysChunking) {
    ExperimentSpec s = shaped("rising", 100, 1'000'000);
    s.workers = 4;  // auto chunk size 7
    s.strategy = Strategy::Serial;
    EXPECT_NEAR(static_cast<double>(model_elapsed_ns(s)), 1e8, 100);
    s.strategy = Strategy::Map;
    const std::int64_t autochunk = model_elapsed_ns(s);
    EXPECT_EQ(autochunk, makespan_ns(plan(s), 4, 7));
    s.strategy = Strategy::ApplyAsync;
    const std::int64_t single = model_elapsed_ns(s);
    EXPECT_EQ(single, makespan_ns(plan(s), 4, 1));
    EXPECT_GT(autochunk, single + 3'000'000);  // the chunks make a straggler: 29.4 vs 25.7 ms
    s.strategy = Strategy::MapClosure;
    EXPECT_EQ(model_elapsed_ns(s), 0);
}

// Real runs: every strategy waits each task's own planned duration. A sleep never ends early,
// so a task recorded shorter than its plan (less a clock tick) got another duration.
TEST(Durations, EveryStrategyWaitsEachTasksPlannedDuration) {
    ExperimentSpec s = shaped("uniform:1", 8, 40'000'000, 5);
    s.workers = 3;
    const auto p = plan(s);
    ASSERT_LT(*std::min_element(p.begin(), p.end()), 25'000'000);  // the draw is uneven
    ASSERT_GT(*std::max_element(p.begin(), p.end()), 55'000'000);
    for (Strategy st : all_strategies()) {
        if (st == Strategy::MapClosure) continue;
        s.strategy = st;
        const RunResult r = run_experiment(s);
        ASSERT_TRUE(r.all_ok()) << strategy_name(st);
        ASSERT_EQ(r.tasks.size(), p.size());
        for (const TaskRecord& t : r.tasks) {
            const double planned = static_cast<double>(p[static_cast<std::size_t>(t.task)]) / 1e9;
            const double took = t.end_s - t.start_s;
            EXPECT_GE(took, planned - 0.001) << strategy_name(st) << " task " << t.task;
            EXPECT_LT(took, planned + 0.5 * testing::kSlowdown)
                << strategy_name(st) << " task " << t.task;
        }
    }
    EXPECT_TRUE(testing::children().empty());
}

TEST(Durations, AStragglerIsTheLongestTaskInEveryStrategy) {
    ExperimentSpec s = shaped("straggler:8", 6, 20'000'000);  // the last task 160 ms
    s.workers = 2;
    for (Strategy st : {Strategy::Serial, Strategy::Map, Strategy::Starmap, Strategy::ApplyAsync,
                        Strategy::ImapUnordered, Strategy::PathosMap, Strategy::ThreadMap}) {
        s.strategy = st;
        const RunResult r = run_experiment(s);
        ASSERT_TRUE(r.all_ok()) << strategy_name(st);
        for (const TaskRecord& t : r.tasks) {
            const double took = t.end_s - t.start_s;
            if (t.task == 5) {
                EXPECT_GE(took, 0.159) << strategy_name(st);
            } else {
                EXPECT_LT(took, 0.140) << strategy_name(st) << " task " << t.task;
            }
        }
    }
}

// The preset's lesson, as a coarse bound: rising tasks in Python's auto chunks leave one worker
// running a last chunk of the longest tasks while the others wait; chunks of 1 balance them.
TEST(Durations, AutoChunksOfRisingTasksAreMeasurablySlowerThanChunksOfOne) {
    ExperimentSpec s = shaped("rising", 100, 40'000'000);
    s.workers = 4;
    s.strategy = Strategy::Map;
    s.chunksize = 0;  // auto: 7
    const std::int64_t model_auto = model_elapsed_ns(s);
    const RunResult chunked = run_experiment(s);
    s.chunksize = 1;
    const std::int64_t model_one = model_elapsed_ns(s);
    const RunResult single = run_experiment(s);
    ASSERT_TRUE(chunked.all_ok());
    ASSERT_TRUE(single.all_ok());
    const double gap = static_cast<double>(model_auto - model_one) / 1e9;  // 0.146 s
    ASSERT_GT(gap, 0.1);
    EXPECT_GT(chunked.elapsed_s, single.elapsed_s + 0.4 * gap)
        << "auto " << chunked.elapsed_s << " s, chunksize 1 " << single.elapsed_s << " s";
    EXPECT_GE(chunked.elapsed_s, static_cast<double>(model_auto) / 1e9);
}

}  // namespace
}  // namespace plab
