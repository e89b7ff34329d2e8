// The timeline tab: a dark palette gives a dark, readable timeline; the text scales; what is
// grabbed for "Export view as PNG" carries the title and the colour key.
#include <gtest/gtest.h>

#include <QApplication>
#include <QPalette>
#include <QScrollBar>
#include <QTest>

#include "sweep_fixture.h"
#include "timeline_panel.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {}  // namespace

TEST(TimelinePanel, ADarkPaletteGivesADarkReadableTimeline) {
    SweepData data;
    feed_serial_and_pool(data);
    TimelinePanel panel;
    panel.setPalette(dark_palette());
    panel.resize(640, 430);
    panel.show_run(&data, 2, 2.002);
    const TimelineColors c = panel.timeline()->colors();
    EXPECT_LT(relative_luminance(c.background), 0.05) << "dark window, dark timeline";
    EXPECT_GE(contrast_ratio(c.text, c.background), 4.5) << "lane labels and axis text";
    EXPECT_GE(contrast_ratio(c.muted, c.background), 4.5) << "strip labels, messages";
    EXPECT_GE(contrast_ratio(c.text, c.band), 4.5) << "labels over a lane's stripe";
    EXPECT_GE(contrast_ratio(c.text, c.band_alt), 4.5);
    // What is painted: the background of the lanes is the dark colour.
    const QImage img = panel.timeline()->grab().toImage();
    EXPECT_EQ(img.pixelColor(img.width() - 3, img.height() - 3), c.background);
    save_screenshot(&panel, "timeline-dark");

    const TimelineColors light = timeline_colors(QPalette(Qt::white));
    EXPECT_GE(contrast_ratio(light.text, light.background), 4.5);
    EXPECT_GE(contrast_ratio(light.muted, light.background), 4.5);
    EXPECT_NEAR(contrast_ratio(Qt::black, Qt::white), 21.0, 1e-9);
}

TEST(TimelinePanel, TextScaleEnlargesTheTimelinesText) {
    SweepData data;
    feed_serial_and_pool(data);
    TimelinePanel panel;
    panel.resize(1000, 600);
    panel.show_run(&data, 2, 2.002);
    const double lane = panel.timeline()->layout().blocks.front().lane_height;
    const double label = panel.timeline()->label_width();
    const double title = panel.title()->font().pointSizeF();
    panel.set_text_scale(1.5);
    EXPECT_DOUBLE_EQ(panel.timeline()->text_scale(), 1.5);
    EXPECT_NEAR(panel.title()->font().pointSizeF(), title * 1.5, 0.01);
    EXPECT_GT(panel.timeline()->label_width(), label * 1.3);
    EXPECT_GE(panel.timeline()->layout().blocks.front().lane_height, lane);
    EXPECT_GT(panel.timeline()->minimumHeight(), 0);
    panel.set_text_scale(100);
    EXPECT_DOUBLE_EQ(panel.timeline()->text_scale(), 4.0);
}

TEST(TimelinePanel, TheGrabCarriesTitleAndColourKey) {
    SweepData data;
    feed_crash_run(data);
    TimelinePanel panel;
    panel.resize(640, 430);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.show_run(&data, 1, 2.061);
    EXPECT_TRUE(panel.title()->text().contains("Task timeline"))
        << panel.title()->text().toStdString();
    const QStringList key = panel.key()->labels();
    EXPECT_TRUE(key.contains("Pool.map"));
    EXPECT_TRUE(key.contains("worker died"));
    EXPECT_FALSE(key.contains("cancelled"));  // the key lists only the looks the runs have
    EXPECT_FALSE(key.contains("failed"));     // the one failed task's worker died
    EXPECT_FALSE(key.contains("running"));
    const QImage img = panel.grab().toImage();
    EXPECT_EQ(img.size(), panel.size());
    for (QWidget* part :
         {static_cast<QWidget*>(panel.title()), static_cast<QWidget*>(panel.key())}) {
        EXPECT_TRUE(part->isVisible());
        const QRect where(part->mapTo(&panel, QPoint(0, 0)), part->size());
        EXPECT_TRUE(panel.rect().contains(where)) << "cut off";
        EXPECT_GE(where.height(), part->heightForWidth(where.width()) > 0
                                      ? part->heightForWidth(where.width())
                                      : part->sizeHint().height());
    }
    save_screenshot(&panel, "timeline-panel-crash");
}

TEST(TimelinePanel, TheKeyListsOnlyTheTaskLooksTheRunsHave) {
    // On a 1280x720 projector at 150% every line of the key is a line less of timeline.
    SweepData data;
    feed_cancelled_run(data);
    TimelinePanel panel;
    panel.resize(640, 430);
    panel.show_run(&data, 1, 1.5);
    QStringList key = panel.key()->labels();
    EXPECT_TRUE(key.contains("cancelled"));
    EXPECT_FALSE(key.contains("worker died"));
    EXPECT_FALSE(key.contains("failed"));
    EXPECT_TRUE(key.contains("busy workers"));

    SweepData live;
    feed_first_half(live);  // run 2 has two tasks running
    panel.show_run(&live, 2, 2.5);
    key = panel.key()->labels();
    EXPECT_TRUE(key.contains("running"));
    EXPECT_FALSE(key.contains("cancelled"));
    EXPECT_TRUE(key.contains("Serial"));
    EXPECT_TRUE(key.contains("Pool.map"));
}

TEST(TimelinePanel, TheNewestRunStaysInViewAsItsLanesArrive) {
    // A run's block changes after it is chosen: its lanes come with its tasks, and it collapses
    // when the runs no longer fit; and while another tab is shown, nothing is laid out. The
    // view was scrolled once, as the run began, against a scroll range not yet grown, so the
    // timeline opened after a run showed the last run below the fold (seen at 853x450 x 1.5).
    // A user's scroll, or a click that shows a run's lanes, is not undone by the next update.
    SweepSpec leg;
    leg.strategies = {Strategy::Serial, Strategy::Map};
    leg.workers = {5};
    leg.base.tasks = 5;
    SweepData data;
    data.begin_leg(leg);
    feed(data, {"plab-events 1"});
    TimelinePanel panel;  // shown once the runs are done, as the Timeline tab after a run
    panel.resize(640, 300);
    constexpr int kRuns = 6;
    for (int r = 1; r <= kRuns; ++r) {
        const std::string run = std::to_string(r);
        feed(data, {line({"run", run, "1", "map", "5", "5", "1.000000", "sleep", "2", "1", "-1"})});
        panel.show_run(&data, r, 0.0);  // the run begins: its header alone
        QCoreApplication::processEvents();
        for (int t = 0; t < 5; ++t) {  // its lanes arrive
            const std::string task = std::to_string(t), pid = std::to_string(100 * r + t);
            feed(data, {line({"task", run, task, task, pid, "0.001", "1.001", "1", "0"})});
            panel.show_run(&data, r, 1.0);
            QCoreApplication::processEvents();
        }
        feed(data, {line({"end", run, "1.002000", "5.000000", "1.000000", "4.99", "0.99", "0.0",
                          "0", "0", ""})});
        panel.show_run(&data, r, 1.002);
    }
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    QScrollBar* bar = panel.scroll_area()->verticalScrollBar();
    auto in_view = [&] {
        const QRectF block = panel.timeline()->block_rect(kRuns);
        const int view = panel.scroll_area()->viewport()->height();
        return block.top() >= bar->value() - 1 && block.bottom() <= bar->value() + view + 1;
    };
    EXPECT_TRUE(QTest::qWaitFor([&] { return bar->maximum() > 0 && in_view(); }, 5000))
        << "the last run at " << panel.timeline()->block_rect(kRuns).top() << ".."
        << panel.timeline()->block_rect(kRuns).bottom() << ", view from " << bar->value() << " of "
        << bar->maximum() << ", " << panel.scroll_area()->viewport()->height() << " high";
    const int before = bar->value();
    panel.timeline()->toggle_expanded(1);  // as a click on run 1's header: its lanes above
    QCoreApplication::processEvents();
    panel.show_run(&data, kRuns, 1.002);
    QCoreApplication::processEvents();
    EXPECT_EQ(bar->value(), before) << "showing a run's lanes does not scroll the view away";
    bar->triggerAction(QAbstractSlider::SliderToMinimum);  // the user looks at run 1
    panel.show_run(&data, kRuns, 1.002);
    QCoreApplication::processEvents();
    EXPECT_EQ(bar->value(), 0) << "an update does not undo the user's scroll";
}
