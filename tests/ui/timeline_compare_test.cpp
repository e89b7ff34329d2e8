// The timeline compares: every run on one time scale, stacked, so a 10 s serial run is drawn
// five times as long as a 2 s pool run; "fit one run" fits the chosen one to the width.
#include <gtest/gtest.h>

#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

#include "sweep_fixture.h"
#include "timeline_panel.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

// From the start of a run's first bar to the end of its last, in pixels.
double run_span_px(const TimelineWidget& w, const RunRecord& run) {
    double left = 1e18, right = -1e18;
    for (int i = 0; i < static_cast<int>(run.bars.size()); ++i) {
        const QRectF r = w.bar_rect(run.number, i);
        left = std::min(left, r.left());
        right = std::max(right, r.right());
    }
    return right - left;
}

}  // namespace

TEST(TimelineCompare, RunsShareOneTimeScaleStackedTopToBottom) {
    SweepData data;
    feed_serial_and_pool(data);
    TimelineWidget widget;
    widget.resize(640, 430);
    widget.set_run(&data, 2);
    widget.set_live_end(2.002);
    ASSERT_EQ(widget.shown_runs(), (std::vector<int>{1, 2}));
    const double serial = run_span_px(widget, *data.run(1));
    const double pool = run_span_px(widget, *data.run(2));
    EXPECT_NEAR(serial / pool, 10.0 / 2.0, 0.05) << serial << " px vs " << pool << " px";
    // Both start at their own t = 0, at the same x.
    EXPECT_NEAR(widget.bar_rect(1, 0).left(), widget.axis().to_pixel(0), 1e-9);
    EXPECT_NEAR(widget.bar_rect(2, 0).left(), widget.axis().to_pixel(0.001), 1e-9);
    // Stacked: run 2's block lies wholly below run 1's.
    EXPECT_GE(widget.block_rect(2).top(), widget.block_rect(1).bottom());
    EXPECT_EQ(widget.layout().find(2)->lanes, 5);
    save_screenshot(&widget, "timeline-compare");
}

TEST(TimelineCompare, FitOneRunFitsTheChosenRunToTheWidth) {
    SweepData data;
    feed_serial_and_pool(data);
    TimelinePanel panel;
    panel.resize(640, 430);
    panel.show_run(&data, 2, 2.002);
    const double shared = run_span_px(*panel.timeline(), *data.run(2));
    panel.fit_button()->click();
    EXPECT_TRUE(panel.timeline()->fit_one_run());
    EXPECT_EQ(panel.timeline()->shown_runs(), std::vector<int>{2});
    const double fitted = run_span_px(*panel.timeline(), *data.run(2));
    EXPECT_NEAR(fitted, panel.timeline()->axis().width() / TimeAxis::kFollowRoom, 2.0);
    EXPECT_GT(fitted, shared * 4.5);
    EXPECT_TRUE(panel.title()->text().contains("Run 2 fitted"))
        << panel.title()->text().toStdString();
    EXPECT_EQ(panel.key()->strategies(), std::vector<Strategy>{Strategy::Map});
    panel.fit_button()->click();
    EXPECT_EQ(panel.timeline()->shown_runs(), (std::vector<int>{1, 2}));
    EXPECT_EQ(panel.key()->strategies(), (std::vector<Strategy>{Strategy::Serial, Strategy::Map}));
}

TEST(TimelineCompare, ManyRunsScrollVertically) {
    SweepData data;
    SweepSpec leg;
    leg.strategies = {Strategy::Map};
    leg.workers = {1, 2, 3, 4, 5, 6, 7, 8};
    leg.base.tasks = 8;
    data.begin_leg(leg);
    for (int r = 1; r <= 8; ++r) {
        const std::string run = std::to_string(r);
        feed(data, {line({"run", run, "1", "map", run, "8", "0.100000", "sleep", "2", "1", "-1"})});
        for (int t = 0; t < 8; ++t) {
            const int w = t % r;
            feed(data,
                 {line({"task", run, std::to_string(t), std::to_string(w),
                        std::to_string(1000 + 10 * r + w), "0.000000", "0.100000", "1", "0"})});
        }
        feed(data, {line({"end", run, "0.101000", "0.800000", "0.100000", "1.0", "1.0", "nan", "0",
                          "0", ""})});
    }
    TimelinePanel panel;
    panel.resize(640, 430);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.show_run(&data, 1, 0.101);
    QScrollBar* bar = panel.scroll_area()->verticalScrollBar();
    EXPECT_GT(bar->maximum(), 0);  // 36 lanes do not fit in 430 px
    EXPECT_EQ(bar->value(), 0);
    // 36 lanes do not fit: every run is drawn as its header and strip, the chosen one with
    // its lanes when they fit; a click on a run's header shows its lanes.
    TimelineWidget* w = panel.timeline();
    EXPECT_EQ(w->collapsed_runs().size(), 8u);  // even the chosen run's lanes do not fit
    EXPECT_TRUE(w->layout().find(3)->collapsed);
    EXPECT_EQ(w->layout().find(3)->lanes, 0);
    EXPECT_GT(w->layout().find(3)->strip_height, 0);
    QTest::mouseClick(w, Qt::LeftButton, {},
                      QPoint(200, static_cast<int>(w->layout().find(3)->top + 4)));
    EXPECT_EQ(w->layout().find(3)->lanes, 3);
    panel.show_run(&data, 8, 0.101);  // choosing the last run scrolls it into view
    const QRectF block = panel.timeline()->block_rect(8);
    EXPECT_GE(block.top(), bar->value());
    EXPECT_LE(block.bottom(), bar->value() + panel.scroll_area()->viewport()->height() + 1);
}
