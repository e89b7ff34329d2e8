// Screenshots of the charts in the real window, for people to look at: the article's preset
// mid-run (serial's bar growing) and done, and the tiny-tasks preset done, at the size the
// window is given by $PLAB_SHOT_SIZE (default 1024x768), light or (PLAB_SHOT_DARK=1) dark.
// Saved under $PLAB_CHART_SHOTS; without it the test only checks the bars move live.
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

QString shot_name(const QString& what) {
    const QString size = qEnvironmentVariable("PLAB_SHOT_SIZE", "1024x768");
    const QString scale = qEnvironmentVariable("QT_SCALE_FACTOR", "1");
    const QString dark = qEnvironmentVariable("PLAB_SHOT_DARK") == "1" ? "-dark" : "";
    return what + "-" + size + "-x" + scale + dark;
}

void shoot(QWidget* widget, const QString& what) {
    const QString dir = qEnvironmentVariable("PLAB_CHART_SHOTS");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    widget->grab().save(dir + "/window-" + shot_name(what) + ".png");
}

}  // namespace

TEST(ChartShots, TheArticlesBarsGrowLiveInTheWindow) {
    QTemporaryDir dir;
    const auto opened = open_window(PLAB_BINARY, dir);
    ASSERT_TRUE(opened);
    MainWindow& window = *opened;
    window.controls()->apply_preset(0);
    window.tabs()->setCurrentWidget(window.elapsed_chart());
    ASSERT_TRUE(window.start_experiment());
    // Mid serial run: its bar grows with the clock.
    ASSERT_TRUE(wait_for([&] { return !window.controller()->data().runs().empty(); }, 10'000));
    QTest::qWait(3'000);
    const double early = window.elapsed_chart()->bars()->rows()[0].value;
    QTest::qWait(1'000);
    const double later = window.elapsed_chart()->bars()->rows()[0].value;
    EXPECT_GT(later, early + 0.5);
    EXPECT_EQ(window.elapsed_chart()->bars()->rows()[0].look, BarRow::Look::Growing);
    shoot(&window, "article-mid-run-elapsed");
    ASSERT_TRUE(wait_for([&] { return window.controller()->data().runs().size() >= 3; }, 20'000));
    QTest::qWait(1'000);
    shoot(&window, "article-mid-run-pools");
    ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); }, 60'000));
    QTest::qWait(100);
    shoot(&window, "article-done-elapsed");
    window.tabs()->setCurrentWidget(window.speedup_chart());
    QTest::qWait(100);
    shoot(&window, "article-done-speedup");

    // The tiny-tasks preset is 280,000 tasks: a timing load that the sanitizer builds (ten times
    // slower per task) do not need; its pictures come from the normal build.
    if (plab::testing::kSlowdown > 1) return;
    window.controls()->apply_preset(2);  // tiny tasks
    window.tabs()->setCurrentWidget(window.elapsed_chart());
    ASSERT_TRUE(window.start_experiment());
    ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); }, 120'000));
    QTest::qWait(100);
    EXPECT_FALSE(window.elapsed_chart()->showing_bars());
    shoot(&window, "tiny-done-elapsed");
    window.tabs()->setCurrentWidget(window.speedup_chart());
    QTest::qWait(100);
    shoot(&window, "tiny-done-speedup");
}
