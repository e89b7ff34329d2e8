// A crash is unmistakable on the timeline; cancelled tasks look cancelled, not failed.
#include <gtest/gtest.h>

#include <QImage>

#include "chart_style.h"
#include "sweep_fixture.h"
#include "timeline_painter.h"
#include "timeline_text.h"
#include "timeline_widget.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

int find_bar(const RunRecord& run, int task) {
    for (int i = 0; i < static_cast<int>(run.bars.size()); ++i) {
        if (run.bars[static_cast<std::size_t>(i)].task == task) return i;
    }
    return -1;
}

int count_color(const QImage& img, const QRect& area, const QColor& color) {
    int n = 0;
    for (int y = std::max(area.top(), 0); y <= std::min(area.bottom(), img.height() - 1); ++y) {
        for (int x = std::max(area.left(), 0); x <= std::min(area.right(), img.width() - 1); ++x)
            n += img.pixelColor(x, y) == color;
    }
    return n;
}

}  // namespace

TEST(TimelineCrash, TheCrashedBarEndsRedWithACrossWhereItsWorkerDied) {
    SweepData data;
    feed_crash_run(data);
    TimelineWidget widget;
    widget.resize(900, 300);
    widget.set_run(&data, 1);
    widget.set_fit_one_run(true);
    const RunRecord& run = *data.run(1);
    const int crashed = find_bar(run, 3);
    ASSERT_GE(crashed, 0);
    EXPECT_EQ(run.bars[static_cast<std::size_t>(crashed)].state, TaskState::Crashed);
    const QRectF bar = widget.bar_rect(crashed);
    EXPECT_NEAR(bar.left(), widget.axis().to_pixel(1.002), 1e-6);
    EXPECT_NEAR(bar.right(), widget.axis().to_pixel(1.050), 1e-6);

    const QImage img = widget.grab().toImage();
    // The cross: error-coloured strokes around the death time, beyond the bar's own end.
    const QRect around(static_cast<int>(bar.right()) + 2, static_cast<int>(bar.top()), 6,
                       static_cast<int>(bar.height()));
    EXPECT_GT(count_color(img, around, error_color()), 4);
    EXPECT_EQ(QString::fromStdString(crash_cause(kCrashText)), "killed by SIGKILL");
    const QString tip = widget.tooltip_at(bar.center());
    EXPECT_TRUE(tip.contains("Crashed: worker 1 (pid 202) was killed by signal 9 (SIGKILL)"))
        << tip.toStdString();
    save_screenshot(&widget, "timeline-crash");
}

TEST(TimelineCrash, TheReplacementLaneStartsWhereTheDeadWorkerDied) {
    SweepData data;
    feed_crash_run(data);
    const RunRecord& run = *data.run(1);
    ASSERT_EQ(run.lanes.size(), 3u);  // 201, 202 (died), 203 (its replacement)
    EXPECT_EQ(run.lane_order, (std::vector<int>{0, 1, 2}));
    const auto dead = lane_span(run, 1, 2.061);
    const auto replacement = lane_span(run, 2, 2.061);
    EXPECT_DOUBLE_EQ(dead.first, 0.0);
    EXPECT_DOUBLE_EQ(dead.second, 1.050);
    EXPECT_DOUBLE_EQ(replacement.first, 1.050);
    EXPECT_DOUBLE_EQ(replacement.second, 2.061);
    EXPECT_EQ(lane_span(run, 0, 2.061), std::make_pair(0.0, 2.061));
    EXPECT_TRUE(block_title(run, 2.061).contains("1 crashed"));
    EXPECT_FALSE(block_title(run, 2.061).contains("failed"));
}

TEST(TimelineCrash, CancelledTasksAreDrawnAndCountedAsCancelled) {
    SweepData data;
    feed_cancelled_run(data);
    const RunRecord& run = *data.run(1);
    EXPECT_EQ(run.cancelled_tasks, 4);
    EXPECT_EQ(run.failed_tasks, 0);
    EXPECT_EQ(run.finished_tasks, 6);
    EXPECT_EQ(run.bars.size(), 4u);  // tasks 4 and 5 never reached a worker: no bar, no lane
    EXPECT_EQ(run.lanes.size(), 2u);
    const QString title = block_title(run, 1.503);
    EXPECT_TRUE(title.contains("4 cancelled")) << title.toStdString();
    EXPECT_FALSE(title.contains("failed")) << title.toStdString();

    TimelineWidget widget;
    widget.resize(900, 300);
    widget.set_run(&data, 1);
    const int cancelled = find_bar(run, 2);
    const QRectF bar = widget.bar_rect(cancelled);
    const QImage img = widget.grab().toImage();
    const QRect inside = bar.adjusted(2, 2, -2, -2).toRect();
    EXPECT_EQ(count_color(img, inside, error_color()), 0) << "a cancelled task is not red";
    EXPECT_GT(count_color(img, inside, widget.colors().cancelled), 10) << "hatched";
    EXPECT_TRUE(widget.tooltip_at(bar.center()).contains("Cancelled"));
    save_screenshot(&widget, "timeline-cancelled");
}
