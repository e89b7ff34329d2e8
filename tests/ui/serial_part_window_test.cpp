// The serial part in the real window with the real engine: the Amdahl preset runs, its timeline
// shows the parent's serial part on its own lane before the workers' (as long as planned), the
// speedup chart stays under the bound and shows Karp-Flatt's estimate; screenshots of both
// views (light, and dark with PLAB_SHOT_DARK=1) go to $PLAB_CHART_SHOTS when it is set.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "../core/test_support.h"
#include "experiment/serial_part.h"
#include "main_window.h"
#include "presets.h"
#include "timeline_text.h"
#include "ui_test_support.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

void shoot(QWidget* widget, const QString& what) {
    const QString dir = qEnvironmentVariable("PLAB_CHART_SHOTS");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    const QString dark = qEnvironmentVariable("PLAB_SHOT_DARK") == "1" ? "-dark" : "";
    widget->grab().save(dir + "/amdahl-" + what + "-1024x768" + dark + ".png");
}

}  // namespace

TEST(SerialPartWindow, TheAmdahlPresetRunsWithItsLaneAndItsBound) {
    QTemporaryDir dir;
    const auto opened = open_window(PLAB_BINARY, dir);
    ASSERT_TRUE(opened);
    MainWindow& window = *opened;
    const int index =
        preset_index(window.controls()->presets(), "Amdahl: the serial part caps speedup");
    ASSERT_GE(index, 0);
    window.controls()->apply_preset(index);
    EXPECT_EQ(window.tabs()->currentWidget(), window.speedup_chart());  // the preset's view
    window.tabs()->setCurrentWidget(window.timeline());
    ASSERT_TRUE(window.start_experiment());
    // Mid serial part of the first run: its bar is on the first lane, growing.
    ASSERT_TRUE(wait_for([&] { return !window.controller()->data().runs().empty(); }, 10'000));
    QTest::qWait(400);
    shoot(&window, "mid-run-timeline");
    ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); }, 150'000));
    QTest::qWait(100);

    const SweepData& data = window.controller()->data();
    ASSERT_EQ(data.runs().size(), 5u);  // serial, then map on 1, 2, 4 and 8 workers
    for (const RunRecord& run : data.runs()) {
        ASSERT_TRUE(run.ended());
        ASSERT_FALSE(run.lane_order.empty());
        const Lane& first = run.lanes[static_cast<std::size_t>(run.lane_order.front())];
        EXPECT_EQ(first.worker, -1) << run.number;
        EXPECT_EQ(lane_label(run, first), "serial part (parent)");
        ASSERT_EQ(first.bars.size(), 1u);
        const TaskBar& part = run.bars[static_cast<std::size_t>(first.bars.front())];
        EXPECT_TRUE(part.finished && part.ok);
        // 0.2 x 16 x 0.25 s = 0.8 s, in the parent (coarse bounds: a shared machine)
        EXPECT_GE(part.end_s - part.start_s, 0.79);
        EXPECT_LT(part.end_s - part.start_s, 0.8 + 0.5 * plab::testing::kSlowdown);
        EXPECT_EQ(run.finished_tasks, 16);
    }
    window.timeline()->show_run(&data, 5, data.run(5)->end->elapsed_s);
    QTest::qWait(100);
    shoot(&window, "done-timeline");

    window.tabs()->setCurrentWidget(window.speedup_chart());
    QTest::qWait(100);
    QLineSeries* bound = window.speedup_chart()->speedup()->line("bound");
    ASSERT_TRUE(bound);
    EXPECT_TRUE(bound->name().contains("estimated")) << bound->name().toStdString();
    EXPECT_TRUE(bound->name().contains("(Karp-Flatt)")) << bound->name().toStdString();
    const RunRecord& eight = *data.run(5);
    // A pool cannot beat Amdahl's bound (3.33 on 8 workers); it comes near it on sleeping tasks.
    EXPECT_LT(eight.end->speedup, amdahl_bound(0.2, 8) * 1.05);
    EXPECT_GT(eight.end->speedup, 2.0);
    shoot(&window, "done-speedup");
}
