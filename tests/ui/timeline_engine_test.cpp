// The timeline with the real engine: a crashed task's error text is read as a crash (its
// worker's death, "killed by SIGKILL"), its replacement gets a lane of its own, and a
// cancelled run's tasks are counted as cancelled, not failed.
#include <gtest/gtest.h>

#include <QSignalSpy>

#include "experiment_controller.h"
#include "timeline_painter.h"
#include "timeline_panel.h"
#include "timeline_text.h"
#include "ui_test_support.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

TEST(TimelineEngine, ACrashedTaskIsDrawnAsItsWorkersDeath) {
    ExperimentController controller(PLAB_BINARY);
    QSignalSpy finished(&controller, &ExperimentController::finished);
    SweepSpec leg;
    leg.strategies = {Strategy::Map};
    leg.workers = {2};
    leg.base.tasks = 6;
    leg.base.delay_ns = 100'000'000;
    leg.base.crash_task = 3;
    ASSERT_TRUE(controller.start({leg}));
    ASSERT_TRUE(finished.wait(60'000));
    const RunRecord& run = *controller.data().run(1);
    ASSERT_TRUE(run.ended());
    EXPECT_EQ(run.crashed_tasks, 1);
    EXPECT_EQ(run.failed_tasks, 1);
    EXPECT_EQ(run.cancelled_tasks, 0);
    int crashed = -1;
    for (int i = 0; i < static_cast<int>(run.bars.size()); ++i) {
        if (run.bars[static_cast<std::size_t>(i)].task == 3) crashed = i;
    }
    ASSERT_GE(crashed, 0);
    const TaskBar& bar = run.bars[static_cast<std::size_t>(crashed)];
    EXPECT_EQ(bar.state, TaskState::Crashed) << run.texts[static_cast<std::size_t>(crashed)];
    EXPECT_EQ(crash_cause(run.texts[static_cast<std::size_t>(crashed)]), "killed by SIGKILL");
    EXPECT_GE(run.lanes.size(), 3u);  // the dead worker's lane and its replacement's
    const auto dead = lane_span(run, bar.lane, run.end->elapsed_s);
    EXPECT_DOUBLE_EQ(dead.second, bar.end_s);  // the lane ends where its worker died

    TimelinePanel panel;
    panel.resize(640, 430);
    panel.show_run(&controller.data(), 1, run.end->elapsed_s);
    EXPECT_TRUE(block_title(run, run.end->elapsed_s).contains("1 crashed"));
    save_screenshot(&panel, "timeline-engine-crash");
}

TEST(TimelineEngine, ACancelledRunsTasksAreCancelledNotFailed) {
    ExperimentController controller(PLAB_BINARY);
    QSignalSpy finished(&controller, &ExperimentController::finished);
    SweepSpec leg;
    leg.strategies = {Strategy::Map};
    leg.workers = {2};
    leg.base.tasks = 8;
    leg.base.delay_ns = 1'000'000'000;
    ASSERT_TRUE(controller.start({leg}));
    ASSERT_TRUE(wait_for(
        [&] {
            const RunRecord* r = controller.data().run(1);
            return r && r->bars.size() >= 2;
        },
        30'000));
    controller.cancel();
    ASSERT_TRUE(finished.wait(30'000));
    const RunRecord& run = *controller.data().run(1);
    EXPECT_GT(run.cancelled_tasks, 0);
    EXPECT_EQ(run.failed_tasks, 0);
    for (const TaskBar& b : run.bars)
        EXPECT_NE(b.state, TaskState::Failed) << "task " << b.task;
}
