// The timeline widget: lanes, bars, hover text, zoom and follow, and painting a big run fast.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QPixmap>
#include <QSignalSpy>
#include <QTest>

#include "sweep_fixture.h"
#include "timeline_widget.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

struct TimelineTest : ::testing::Test {
    void SetUp() override {
        feed_first_half(data);
        feed_second_half(data);
        widget.resize(900, 300);
        widget.set_run(&data, 2);
        widget.set_live_end(2.01);
    }
    SweepData data;
    TimelineWidget widget;
};

}  // namespace

TEST_F(TimelineTest, EveryBarLiesInItsWorkersLane) {
    const RunRecord& run = *data.run(2);
    for (std::size_t i = 0; i < run.bars.size(); ++i) {
        const TaskBar& bar = run.bars[i];
        const auto row = std::find(run.lane_order.begin(), run.lane_order.end(), bar.lane) -
                         run.lane_order.begin();
        const QRectF lane = widget.lane_rect(static_cast<int>(row));
        const QRectF rect = widget.bar_rect(static_cast<int>(i));
        EXPECT_TRUE(lane.contains(rect.center())) << "task " << bar.task;
        EXPECT_NEAR(rect.left(), widget.axis().to_pixel(bar.start_s), 1e-9);
        EXPECT_NEAR(rect.right(), widget.axis().to_pixel(bar.end_s), 1e-9);
    }
    EXPECT_TRUE(widget.lane_rect(2).isEmpty());
    EXPECT_TRUE(widget.bar_rect(99).isEmpty());
}

TEST_F(TimelineTest, HoverNamesTaskWorkerPidTimesAndResult) {
    const QRectF rect = widget.bar_rect(3);  // task 3 on worker 1, pid 202, result 9
    EXPECT_EQ(widget.bar_at(rect.center()), 3);
    const QString tip = widget.tooltip_at(rect.center());
    EXPECT_TRUE(tip.contains("Task 3")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("Worker 1")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("pid 202")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("Start 1.007 s")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("duration 1.000 s")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("Result 9")) << tip.toStdString();
    EXPECT_EQ(widget.bar_at(QPointF(5, rect.center().y())), -1);  // on the label
}

TEST_F(TimelineTest, WheelZoomLeavesFollowAndDoubleClickReturns) {
    QSignalSpy spy(&widget, &TimelineWidget::following_changed);
    EXPECT_TRUE(widget.axis().following());
    const double span = widget.axis().visible_span();
    widget.zoom_by(2.0);
    EXPECT_FALSE(widget.axis().following());
    EXPECT_NEAR(widget.axis().visible_span(), span / 2, 1e-9);
    widget.set_live_end(5.0);  // the run goes on; the zoomed view stays
    EXPECT_NEAR(widget.axis().visible_span(), span / 2, 1e-9);
    QTest::mouseDClick(&widget, Qt::LeftButton, {}, QPoint(400, 100));
    EXPECT_TRUE(widget.axis().following());
    EXPECT_NEAR(widget.axis().visible_end(), 5.0 * TimeAxis::kFollowRoom, 1e-9);
    ASSERT_EQ(spy.count(), 2);
    EXPECT_FALSE(spy[0][0].toBool());
    EXPECT_TRUE(spy[1][0].toBool());
}

TEST_F(TimelineTest, DragPansTheTimeAxisOnly) {
    widget.zoom_by(4.0);
    const double start = widget.axis().visible_start();
    const QRectF lane0 = widget.lane_rect(0);
    QTest::mousePress(&widget, Qt::LeftButton, {}, QPoint(600, 100));
    QTest::mouseMove(&widget, QPoint(500, 160));
    QTest::mouseRelease(&widget, Qt::LeftButton, {}, QPoint(500, 160));
    EXPECT_GT(widget.axis().visible_start(), start);
    EXPECT_EQ(widget.lane_rect(0), lane0);
}

TEST_F(TimelineTest, RunningBarsGrowWithTheLiveEdge) {
    SweepData live;
    feed_first_half(live);
    widget.set_run(&live, 2);
    widget.set_live_end(1.5);
    const QRectF at_1_5 = widget.bar_rect(2);  // task 2 started at 1.006, still running
    widget.axis().show_range(0, 3);
    widget.set_live_end(1.5);
    const double w1 = widget.bar_rect(2).width();
    widget.set_live_end(2.5);
    EXPECT_GT(widget.bar_rect(2).width(), w1);
    EXPECT_FALSE(at_1_5.isEmpty());
    EXPECT_TRUE(widget.tooltip_at(widget.bar_rect(2).center()).contains("running for"));
}

TEST_F(TimelineTest, ARefusedRunPaintsItsMessage) {
    widget.set_run(&data, 3);
    EXPECT_TRUE(widget.lane_rect(0).isEmpty());
    const QPixmap shot = widget.grab();
    EXPECT_FALSE(shot.isNull());
}

TEST(TimelinePaint, AHundredThousandTasksPaintQuickly) {
    SweepData data;
    SweepSpec leg;
    leg.strategies = {Strategy::Map};
    leg.workers = {2};
    leg.base.tasks = 100'000;
    leg.base.delay_ns = 0;
    data.begin_leg(leg);
    events::Event run;
    run.kind = events::Event::Kind::Run;
    run.spec = leg.base;
    run.spec.workers = 2;
    ASSERT_TRUE(data.apply(run, 0));
    events::Event task;
    task.kind = events::Event::Kind::Task;
    task.text = "0";
    for (int t = 0; t < 100'000; ++t) {
        task.task.task = t;
        task.task.worker = t % 2;
        task.task.pid = 1000 + t % 2;
        task.task.start_s = (t / 2) * 20e-6;
        task.task.end_s = task.task.start_s + 15e-6;
        task.task.ok = true;
        ASSERT_TRUE(data.apply(task, 0));
    }
    TimelineWidget widget;
    widget.resize(1200, 400);
    widget.set_run(&data, 1);
    widget.set_live_end(1.0);
    widget.grab();  // warm up fonts
    QElapsedTimer clock;
    clock.start();
    const QPixmap shot = widget.grab();
    EXPECT_LT(clock.elapsed(), 50) << "painting 100,000 bars took " << clock.elapsed() << " ms";
    save_screenshot(&widget, "timeline-100k");
}
