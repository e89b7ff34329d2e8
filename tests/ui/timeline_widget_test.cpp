// The timeline widget: lanes, bars, hover text and highlight, zoom and follow, fit one run,
// and painting a big run fast.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QPixmap>
#include <QSignalSpy>
#include <QTest>

#include "../core/test_support.h"
#include "chart_style.h"
#include "sweep_fixture.h"
#include "timeline_widget.h"
#include "window_palette.h"

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
    EXPECT_EQ(widget.bar_at(rect.center()), (TimelineWidget::BarRef{2, 3}));
    const QString tip = widget.tooltip_at(rect.center());
    EXPECT_TRUE(tip.contains("Task 3")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("worker 1 · pid 202")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("pid 202")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("Start 1.007 s")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("duration 1.000 s")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("Result 9")) << tip.toStdString();
    EXPECT_EQ(widget.bar_at(QPointF(5, rect.center().y())).bar, -1);  // on the label
}

TEST_F(TimelineTest, ThreadLanesSayThreadInTheirTooltips) {
    SweepData threads;
    SweepSpec leg;
    leg.strategies = {Strategy::ThreadMap};
    leg.workers = {2};
    leg.base.tasks = 2;
    threads.begin_leg(leg);
    feed(threads,
         {line({"run", "1", "1", "thread_map", "2", "2", "1.000000", "sleep", "2", "1", "-1"}),
          line({"task", "1", "0", "0", "77", "0.001000", "1.001000", "1", "0"}),
          line({"task", "1", "1", "1", "77", "0.001000", "1.001000", "1", "1"}),
          line({"end", "1", "1.002000", "2.000000", "1.000000", "1.996000", "0.998000", "0.002000",
                "0", "0", ""})});
    widget.set_run(&threads, 1);
    const QString tip = widget.tooltip_at(widget.bar_rect(1).center());
    EXPECT_TRUE(tip.contains("thread 1 · pid 77")) << tip.toStdString();
    EXPECT_FALSE(tip.contains("orker")) << tip.toStdString();
}

TEST_F(TimelineTest, TheHoveredBarIsOutlined) {
    widget.show();
    const QRectF rect = widget.bar_rect(3);
    const QImage before = widget.grab().toImage();
    QTest::mouseMove(&widget, rect.center().toPoint());
    EXPECT_EQ(widget.hovered(), (TimelineWidget::BarRef{2, 3}));
    const QImage after = widget.grab().toImage();
    // The outline is drawn just outside the bar, in the text colour.
    const QPoint edge(static_cast<int>(rect.center().x()), static_cast<int>(rect.top()) - 1);
    EXPECT_NE(before.pixelColor(edge), after.pixelColor(edge));
    EXPECT_EQ(after.pixelColor(edge), widget.colors().highlight);
    QTest::mouseMove(&widget, QPoint(5, 5));
    EXPECT_EQ(widget.hovered().bar, -1);
}

TEST_F(TimelineTest, OnADarkPaletteBarsTakeTheDarkStrategyColours) {
    widget.setPalette(dark_palette());
    widget.show();
    const RunRecord& run = *data.run(2);
    const QImage shot = widget.grab().toImage();
    int checked = 0;
    for (std::size_t i = 0; i < run.bars.size(); ++i) {
        if (run.bars[i].state != TaskState::Ok) continue;
        const QRectF rect = widget.bar_rect(static_cast<int>(i));
        if (rect.width() < 8) continue;
        // Inside the bar's 1-pixel border, clear of its centred number.
        const QPoint inside(static_cast<int>(rect.left()) + 3, static_cast<int>(rect.top()) + 3);
        EXPECT_EQ(shot.pixelColor(inside), strategy_color(run.spec.strategy, true)) << i;
        ++checked;
    }
    EXPECT_GT(checked, 0);
    EXPECT_NE(strategy_color(run.spec.strategy, true), strategy_color(run.spec.strategy, false));
}

TEST_F(TimelineTest, FKeyTogglesFitOneRun) {
    QSignalSpy spy(&widget, &TimelineWidget::fit_changed);
    EXPECT_EQ(widget.shown_runs(), (std::vector<int>{1, 2, 3}));
    const double all_span = widget.axis().visible_span();  // serial's 4 s sets the scale
    QTest::keyClick(&widget, Qt::Key_F);
    EXPECT_TRUE(widget.fit_one_run());
    EXPECT_EQ(widget.shown_runs(), std::vector<int>{2});
    EXPECT_TRUE(widget.block_rect(1).isEmpty());
    EXPECT_NEAR(widget.axis().visible_end(), 2.01 * TimeAxis::kFollowRoom, 1e-9);
    EXPECT_GT(all_span, widget.axis().visible_span() * 1.9);
    QTest::keyClick(&widget, Qt::Key_F);
    EXPECT_FALSE(widget.fit_one_run());
    EXPECT_EQ(spy.count(), 2);
}

TEST_F(TimelineTest, WheelZoomLeavesFollowAndDoubleClickReturns) {
    SweepData live;  // run 2 still running
    feed_first_half(live);
    widget.set_run(&live, 2);
    widget.set_live_end(2.01);
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

TEST_F(TimelineTest, ARefusedRunHasAHeaderAndNoLanes) {
    widget.set_run(&data, 3);
    EXPECT_TRUE(widget.lane_rect(0).isEmpty());
    EXPECT_FALSE(widget.block_rect(3).isEmpty());
    EXPECT_EQ(widget.layout().find(3)->lanes, 0);
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
    widget.set_fit_one_run(true);
    widget.grab();  // warm up fonts
    QElapsedTimer clock;
    clock.start();
    const QPixmap shot = widget.grab();
    EXPECT_LT(clock.elapsed(), 50 * plab::testing::kSlowdown)
        << "painting 100,000 bars took " << clock.elapsed() << " ms";
    save_screenshot(&widget, "timeline-100k");
}
