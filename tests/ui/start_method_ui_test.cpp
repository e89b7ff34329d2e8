// The window's "Start method" control: what it asks the engine for, the preset that runs
// the three methods side by side (a real run in the engine), the Code view's Python, and
// pictures at 1024x768 in light and dark palettes.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

#include "chart_points.h"
#include "code_view.h"
#include "controls_panel.h"
#include "elapsed_chart.h"
#include "engine_command.h"
#include "main_window.h"
#include "start_controls.h"
#include "ui_test_support.h"
#include "window_palette.h"

namespace plab::ui {
namespace {

using testing::open_window;
using testing::preset_index;
using testing::save_screenshot;
using testing::wait_for;

TEST(StartControls, EachChoiceSaysWhatItDoesAndWhatPythonDoes) {
    std::unique_ptr<QComboBox> box(make_start_combo());
    ASSERT_EQ(box->count(), 4);
    const QString fork = box->itemData(0, Qt::ToolTipRole).toString();
    const QString spawn = box->itemData(1, Qt::ToolTipRole).toString();
    const QString server = box->itemData(2, Qt::ToolTipRole).toString();
    EXPECT_TRUE(fork.contains("3.12")) << fork.toStdString();
    EXPECT_TRUE(spawn.contains("macOS since 3.8")) << spawn.toStdString();
    EXPECT_TRUE(server.contains("3.14")) << server.toStdString();
    EXPECT_TRUE(spawn.contains("pathos_map is refused"));
    select_starts(box.get(), {StartMethod::Forkserver});
    EXPECT_EQ(starts_of(box.get()), std::vector<StartMethod>{StartMethod::Forkserver});
}

TEST(StartControls, ThePresetAsksTheEngineForEachMethodInItsOwnSweep) {
    ControlsPanel panel(2);
    const int index = preset_index(panel.presets(), "Three ways to start a worker");
    ASSERT_GE(index, 0);
    panel.apply_preset(index);
    const FormInput in = panel.input();
    ASSERT_EQ(in.starts.size(), 3U);
    const FormCheck check = check_form(in);
    ASSERT_TRUE(check.ok());
    ASSERT_EQ(check.legs.size(), 3U);
    const QStringList fork = engine_arguments(check.legs[0], {}, {});
    const QStringList spawn = engine_arguments(check.legs[1], {}, {});
    const QStringList server = engine_arguments(check.legs[2], {}, {});
    EXPECT_FALSE(fork.contains("--start"));  // fork is the engine's default: old lines unchanged
    EXPECT_EQ(spawn.mid(spawn.indexOf("--start"), 2), QStringList({"--start", "spawn"}));
    EXPECT_EQ(server.mid(server.indexOf("--start"), 2), QStringList({"--start", "forkserver"}));
    panel.apply_preset(0);  // the article's: fork only
    EXPECT_EQ(panel.input().starts, std::vector<StartMethod>{StartMethod::Fork});
    EXPECT_EQ(check_form(panel.input()).legs.size(), 1U);
}

TEST(StartControls, TheCodeViewShowsGetContext) {
    ExperimentSpec spec;
    spec.start_method = StartMethod::Spawn;
    const QString py = snippet(Strategy::Map, "py", spec);
    EXPECT_TRUE(py.contains("multiprocessing.get_context('spawn').Pool(5)")) << py.toStdString();
    const QString cpp = snippet(Strategy::Map, "cpp", spec);
    EXPECT_TRUE(cpp.contains("{.start = plab::StartMethod::Spawn}")) << cpp.toStdString();
    const QString pathos = snippet(Strategy::PathosMap, "py", spec);
    EXPECT_TRUE(pathos.contains("set_start_method('spawn')")) << pathos.toStdString();
    spec.start_method = StartMethod::Fork;
    EXPECT_FALSE(snippet(Strategy::Map, "py", spec).contains("get_context"));
}

// The preset run for real: one line per method on the elapsed chart, labelled by method.
TEST(StartControls, ThePresetRunsAndDrawsALinePerMethod) {
    for (const bool dark : {false, true}) {
        if (dark) QApplication::setPalette(dark_palette());
        QTemporaryDir dir;
        const auto opened = open_window(PLAB_BINARY, dir);
        ASSERT_TRUE(opened);
        MainWindow& window = *opened;
        window.controls()->apply_preset(
            preset_index(window.controls()->presets(), "Three ways to start a worker"));
        ASSERT_TRUE(window.start_experiment());
        ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); }, 60'000));
        const ChartPoints points = chart_points(window.controller()->data(), 2);
        std::vector<std::string> labels;
        for (const StrategySeries& s : points.series)
            labels.push_back(s.label);
        ASSERT_EQ(labels.size(), 3U);
        EXPECT_NE(labels[1].find("spawn"), std::string::npos) << labels[1];
        // Three lines drawn, not one: each method has its own line id.
        EXPECT_NE(window.elapsed_chart()->line("map/0"), nullptr);
        EXPECT_NE(window.elapsed_chart()->line("map/0/spawn"), nullptr);
        EXPECT_NE(window.elapsed_chart()->line("map/0/forkserver"), nullptr);
        for (const StrategySeries& s : points.series)
            EXPECT_EQ(s.elapsed.size(), 3U) << s.label;  // 1, 4 and 8 workers
        const QString suffix = dark ? "-dark" : "";
        window.tabs()->setCurrentWidget(window.elapsed_chart());
        QTest::qWait(100);
        save_screenshot(&window, "start-preset-elapsed" + suffix);
        // The Code view shows the last method asked for: Python 3.14's default.
        QString code;
        for (const QPlainTextEdit* edit : window.code()->findChildren<QPlainTextEdit*>())
            code += edit->toPlainText();
        EXPECT_TRUE(code.contains("get_context('forkserver').Pool(8)")) << code.toStdString();
        window.tabs()->setCurrentWidget(window.code());
        QTest::qWait(100);
        save_screenshot(&window, "start-preset-code" + suffix);
        window.close();
        if (dark) QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

}  // namespace
}  // namespace plab::ui
