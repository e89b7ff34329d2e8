// Tasks done and time left for the progress bar.
#include <gtest/gtest.h>

#include "progress_estimate.h"
#include "sweep_fixture.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

TEST(ProgressEstimate, CountsEveryPlannedTask) {
    SweepData d;
    d.begin_leg(small_leg());
    const Progress p = estimate_progress(d, 0, 0);
    EXPECT_EQ(p.total_tasks, 12);
    EXPECT_EQ(p.done_tasks, 0);
}

TEST(ProgressEstimate, MidRunFollowsTheIdealTimesLeft) {
    SweepData d;
    feed_first_half(d);  // serial ended (4 tasks), map 2 of 4, announced at t = 10
    const Progress p = estimate_progress(d, 10.5, 5.0);
    EXPECT_EQ(p.done_tasks, 6);
    // map's ideal 2 s, 0.5 s in; the closure's ideal is 0; scaled by serial's 4.001 / 4.0.
    EXPECT_NEAR(p.seconds_left, 1.5 * 4.001 / 4.0, 1e-9);
}

TEST(ProgressEstimate, AnEndedRunCountsAllItsTasksEvenRefused) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    const Progress p = estimate_progress(d, 13, 5);
    EXPECT_EQ(p.done_tasks, 12);
    EXPECT_DOUBLE_EQ(p.seconds_left, 0);
}

TEST(ProgressEstimate, TinyTasksFollowTheTaskRate) {
    SweepData d;
    SweepSpec leg = small_leg();
    leg.strategies = {Strategy::Map};
    leg.base.delay_ns = 0;
    leg.base.tasks = 100;
    d.begin_leg(leg);
    feed(d, {line({"run", "1", "1", "map", "2", "100", "0.000000", "sleep", "2", "25", "-1"})});
    for (int t = 0; t < 25; ++t) {
        feed(d, {line({"task", "1", std::to_string(t), "0", "9", "0.0", "0.0", "1", "0"})});
    }
    const Progress p = estimate_progress(d, 2.0, 1.0);  // 25 tasks in 1 s: 75 left
    EXPECT_EQ(p.done_tasks, 25);
    EXPECT_NEAR(p.seconds_left, 3.0, 1e-9);
}

TEST(ProgressEstimate, PlannedSecondsSumTheIdealOfEveryRun) {
    // The article: serial 10 x 1 s, four pools at 2 rounds of 1 s, the closure refused (0).
    EXPECT_DOUBLE_EQ(planned_seconds({article_leg(1'000'000'000)}, 8), 10.0 + 4 * 2.0);
    SweepSpec big = article_leg(1'000'000'000);
    big.base.tasks = 10'000;
    big.strategies = {Strategy::Map};
    EXPECT_DOUBLE_EQ(planned_seconds({big, big}, 8), 2 * 2000.0);
    EXPECT_GT(planned_seconds({big}, 8), kAskAboveSeconds);
    EXPECT_LT(planned_seconds({article_leg(1'000'000'000)}, 8), kAskAboveSeconds);
    EXPECT_EQ(planned_seconds({}, 8), 0);
}

namespace {
QString L(long long n) {  // a count as the window's locale writes it
    return QString("%L1").arg(n);
}
}  // namespace

TEST(ProgressEstimate, TimeLeftReadsInClockUnitsAndGoesWhenItIsOver) {
    Progress p;
    p.done_tasks = 1234;
    p.total_tasks = 20'000;
    p.seconds_left = 3 * 3600 + 10 * 60;
    EXPECT_EQ(progress_text(p, ProgressStage::Running),
              L(1234) + " / " + L(20000) + " tasks · about 3 h 10 min left");
    p.seconds_left = 1.89e7;
    EXPECT_FALSE(progress_text(p, ProgressStage::Running).contains("e+"));
    EXPECT_EQ(progress_text(p, ProgressStage::Cancelling),
              L(1234) + " / " + L(20000) + " tasks · cancelling");
    EXPECT_EQ(progress_text(p, ProgressStage::Cancelled),
              L(1234) + " / " + L(20000) + " tasks · cancelled");
    p.done_tasks = 20'000;
    EXPECT_EQ(progress_text(p, ProgressStage::Done), L(20000) + " / " + L(20000) + " tasks · done");
    p.seconds_left = 0.3;
    EXPECT_EQ(progress_text(p, ProgressStage::Running),
              L(20000) + " / " + L(20000) + " tasks · less than a second left");
}
