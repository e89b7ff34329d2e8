// What the timeline writes for a lane: a pool worker by slot and pid, an MPI rank by its host
// and rank, so lanes of several hosts read apart on one time scale.
#include <gtest/gtest.h>

#include "timeline_text.h"

using namespace plab;
using namespace plab::ui;

namespace {

RunRecord run_of(Strategy s) {
    RunRecord run;
    run.number = 1;
    run.spec.strategy = s;
    return run;
}

}  // namespace

TEST(TimelineText, AWorkerLaneNamesItsSlotAndPid) {
    const RunRecord run = run_of(Strategy::Map);
    EXPECT_EQ(lane_label(run, Lane{2, 4242, {}}), "worker 2 · pid 4242");
    EXPECT_EQ(lane_label(run_of(Strategy::ThreadMap), Lane{1, 4242, {}}), "thread 1 · pid 4242");
}

TEST(TimelineText, AnMpiRankLaneNamesItsHostAndRank) {
    RunRecord run = run_of(Strategy::MpiMap);
    run.hosts = {"plab-h1", "plab-h2"};
    const Lane on_h2{3, 5150, {}, 1};
    EXPECT_EQ(lane_label(run, on_h2), "plab-h2 · rank 3");
    EXPECT_EQ(lane_label(run, Lane{1, 5100, {}, 0}), "plab-h1 · rank 1");
    // A host whose `host` line has not come (or is out of range) is named by its index.
    EXPECT_EQ(lane_label(run, Lane{4, 5200, {}, 7}), "host 7 · rank 4");
    run.hosts = {"plab-h1", ""};
    EXPECT_EQ(lane_label(run, on_h2), "host 1 · rank 3");

    // A bar's tooltip names its lane the same way.
    run.hosts = {"plab-h1", "plab-h2"};
    run.lanes = {on_h2};
    run.bars = {TaskBar{5, 0, 0.1, 0.3, true, true, TaskState::Ok}};
    run.texts = {"25"};
    const QString tip = bar_tooltip(run, 0, 0.5);
    EXPECT_TRUE(tip.contains("plab-h2 · rank 3")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("Result 25")) << tip.toStdString();
}
