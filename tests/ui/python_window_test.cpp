// The py_ strategies in the window: the form's group "Python, for real", the presets "Python
// against our pool" and "The GIL", the Code view showing the very script python3 runs, and the
// first preset run for real beside our pool (pictures saved under $PLAB_CHART_SHOTS at
// $PLAB_SHOT_SIZE, dark with PLAB_SHOT_DARK=1).
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include "chart_points.h"
#include "code_view.h"
#include "controls_panel.h"
#include "engine_command.h"
#include "main_window.h"
#include "presets.h"
#include "python/python_setup.h"
#include "ui_test_support.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

TEST(PythonForm, TheFormOffersThePythonStrategiesInAGroupOfTheirOwn) {
    ControlsPanel panel(2);
    QGroupBox* group = nullptr;
    for (auto* g : panel.findChildren<QGroupBox*>()) {
        if (g->title() == "Python, for real") group = g;
    }
    ASSERT_NE(group, nullptr);
    const auto boxes = group->findChildren<QCheckBox*>();
    ASSERT_EQ(boxes.size(), static_cast<qsizetype>(python_strategies().size()));
    for (Strategy s : python_strategies()) {
        bool found = false;
        for (auto* b : boxes)
            found = found || "py_" + b->text() == QString::fromUtf8(strategy_name(s));
        EXPECT_TRUE(found) << strategy_name(s);
    }

    const int index = preset_index(panel.presets(), "Python against our pool");
    ASSERT_GE(index, 0);
    panel.apply_preset(index);
    ASSERT_TRUE(panel.check().ok());
    const SweepSpec& leg = panel.check().legs.front();
    EXPECT_NE(std::find(leg.strategies.begin(), leg.strategies.end(), Strategy::PyMap),
              leg.strategies.end());
    EXPECT_NE(std::find(leg.strategies.begin(), leg.strategies.end(), Strategy::Map),
              leg.strategies.end());
    const QStringList args = engine_arguments(leg, {}, {});
    const auto at = args.indexOf("--strategies");
    ASSERT_GE(at, 0);
    EXPECT_TRUE(args.value(at + 1).contains("py_map_closure")) << args.join(' ').toStdString();

    const int gil = preset_index(panel.presets(), "The GIL");
    ASSERT_GE(gil, 0);
    panel.apply_preset(gil);
    ASSERT_TRUE(panel.check().ok());
    const SweepSpec& cpu = panel.check().legs.front();
    EXPECT_EQ(cpu.base.workload, Workload::Cpu);
    EXPECT_EQ(cpu.workers, (std::vector<int>{1, 2}));
    EXPECT_EQ(cpu.strategies.size(), 3u);
}

TEST(PythonForm, TheCodeViewShowsTheScriptThatRuns) {
    ExperimentSpec spec;
    for (Strategy s : python_strategies()) {
        QFile file(QString::fromStdString(python::script_path(s)));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << python::script_path(s);
        EXPECT_EQ(snippet(s, "py", spec), QString::fromUtf8(file.readAll())) << strategy_name(s);
        // The C++ pane shows our pool's way of the same strategy.
        EXPECT_EQ(snippet(s, "cpp", spec), snippet(own_counterpart(s), "cpp", spec));
    }
}

TEST(PythonWindow, ThePresetRunsPythonBesideOurPool) {
    if (qEnvironmentVariable("PLAB_SHOT_DARK") == "1") QApplication::setPalette(dark_palette());
    QTemporaryDir dir;
    WindowOptions options;
    options.engine = PLAB_BINARY;
    options.settings_file = dir.filePath("settings.ini");
    MainWindow window(options);
    const QStringList size = qEnvironmentVariable("PLAB_SHOT_SIZE", "1024x768").split('x');
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window, 5'000));
    const int index = preset_index(window.controls()->presets(), "Python against our pool");
    ASSERT_GE(index, 0);
    window.controls()->apply_preset(index);
    auto* delay = qobject_cast<QLineEdit*>(window.controls()->field(Field::Delay));
    ASSERT_NE(delay, nullptr);
    delay->setText("100ms");  // short: the test's run, not the class's
    ASSERT_TRUE(window.start_experiment());
    ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); }, 120'000));
    QTest::qWait(100);
    const ChartPoints points = chart_points(window.controller()->data(), 2);
    bool python_done = false;
    bool ours_done = false;
    for (const BarPoint& b : points.bars) {
        if (b.key.strategy == Strategy::PyMap) python_done = b.state == BarPoint::State::Done;
        if (b.key.strategy == Strategy::Map) ours_done = b.state == BarPoint::State::Done;
    }
    EXPECT_TRUE(python_done);
    EXPECT_TRUE(ours_done);
    const QString shots = qEnvironmentVariable("PLAB_CHART_SHOTS");
    if (shots.isEmpty()) return;
    QDir().mkpath(shots);
    const QString tag =
        size.join('x') + (qEnvironmentVariable("PLAB_SHOT_DARK") == "1" ? "-dark" : "");
    window.grab().save(shots + "/python-timeline-" + tag + ".png");
    window.tabs()->setCurrentWidget(window.elapsed_chart());
    QTest::qWait(100);
    window.grab().save(shots + "/python-elapsed-" + tag + ".png");
    window.tabs()->setCurrentWidget(window.code());
    window.code()->set_strategy(Strategy::PyMapClosure);
    QTest::qWait(100);
    window.grab().save(shots + "/python-code-" + tag + ".png");
}
