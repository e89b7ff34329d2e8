// The uneven-tasks preset in the real window, run by the real engine: it opens the timeline,
// its auto-chunked map run ends measurably later than chunk size 1 (coarse bound), and its
// timeline is saved at 1024x768, light and dark, under $PLAB_DURATIONS_SHOTS when set.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "../core/test_support.h"
#include "main_window.h"
#include "ui_test_support.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

void shoot(QWidget* widget, const QString& name) {
    const QString dir = qEnvironmentVariable("PLAB_DURATIONS_SHOTS");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    widget->grab().save(dir + "/" + name + ".png");
}

}  // namespace

TEST(DurationsWindow, TheUnevenPresetShowsTheStragglerOnTheTimeline) {
    QTemporaryDir dir;
    const auto opened = open_window(PLAB_BINARY, dir);
    ASSERT_TRUE(opened);
    MainWindow& window = *opened;
    const int preset =
        preset_index(window.controls()->presets(), "Uneven tasks: chunk size and stragglers");
    ASSERT_GE(preset, 0);
    window.tabs()->setCurrentWidget(window.elapsed_chart());
    window.controls()->apply_preset(preset);
    EXPECT_EQ(window.tabs()->currentWidget(), window.timeline());  // the preset's view
    ASSERT_TRUE(window.start_experiment());
    ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); },
                         60'000 * plab::testing::kSlowdown));
    const auto& runs = window.controller()->data().runs();
    ASSERT_EQ(runs.size(), 4u);  // map and imap_unordered at chunk size 1, then auto
    EXPECT_EQ(runs[0].chunksize, 1);
    EXPECT_EQ(runs[2].chunksize, 4);
    // By the model auto ends 0.24 s after chunk size 1 (1.81 s against 1.57 s).
    ASSERT_TRUE(runs[0].end && runs[2].end);
    EXPECT_GT(runs[2].end->elapsed_s, runs[0].end->elapsed_s + 0.08)
        << runs[2].end->elapsed_s << " against " << runs[0].end->elapsed_s;
    QTest::qWait(100);
    shoot(&window, "uneven-done-timeline-latest-1024x768");
    window.run_selector()->setCurrentIndex(3);  // "Latest run", then runs 1..4: map at auto
    QTest::qWait(100);
    shoot(&window, "uneven-done-timeline-map-auto-1024x768");
    window.run_selector()->setCurrentIndex(1);  // map at chunk size 1
    QTest::qWait(100);
    shoot(&window, "uneven-done-timeline-map-1-1024x768");
    QApplication::setPalette(dark_palette());
    window.run_selector()->setCurrentIndex(3);
    QTest::qWait(100);
    shoot(&window, "uneven-done-timeline-map-auto-1024x768-dark");
    window.tabs()->setCurrentWidget(window.code());
    QTest::qWait(100);
    shoot(&window, "uneven-code-1024x768-dark");
}
