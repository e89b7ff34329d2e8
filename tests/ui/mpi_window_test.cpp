// The mpi_ strategies in the window: the form's group "Open MPI" (disabled, saying why, when
// this machine cannot run them), the preset "From pipes to messages", and the window showing it
// (pictures under the build's screenshots folder, at 1024x768, light and dark).
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include "code_view.h"
#include "controls_panel.h"
#include "engine_command.h"
#include "main_window.h"
#include "mpi_status.h"
#include "presets.h"
#include "timeline_text.h"
#include "ui_test_support.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

const char* kRefusal =
    "mpi_map needs Open MPI: this build has none (install libopenmpi-dev, "
    "then rebuild)";

}  // namespace

TEST(MpiForm, TheFormOffersTheMpiStrategiesInAGroupOfTheirOwn) {
    ControlsPanel panel(2);
    panel.set_mpi_problem("");
    QGroupBox* group = nullptr;
    for (auto* g : panel.findChildren<QGroupBox*>()) {
        if (g->title() == "Open MPI") group = g;
    }
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group, panel.mpi_group());
    EXPECT_TRUE(group->isEnabled());
    const auto boxes = group->findChildren<QCheckBox*>();
    ASSERT_EQ(boxes.size(), static_cast<qsizetype>(mpi_strategies().size()));
    for (Strategy s : mpi_strategies()) {
        QCheckBox* box = panel.strategy_box(s);
        ASSERT_NE(box, nullptr) << strategy_name(s);
        EXPECT_EQ(box->parentWidget(), group);
        EXPECT_EQ("mpi_" + box->text(), QString::fromUtf8(strategy_name(s)));  // "map", "scatter"
        EXPECT_TRUE(box->toolTip().contains(QString::fromUtf8(strategy_summary(s))));
    }

    // The preset: map, mpi_map and mpi_scatter, rising durations, on the timeline.
    const int index = preset_index(panel.presets(), "From pipes to messages");
    ASSERT_GE(index, 0);
    const Preset& preset = panel.presets()[static_cast<std::size_t>(index)];
    EXPECT_EQ(preset.view, PresetView::Timeline);
    EXPECT_TRUE(QString::fromStdString(preset.description).contains("straggles"));
    panel.apply_preset(index);
    ASSERT_TRUE(panel.check().ok());
    ASSERT_EQ(panel.check().legs.size(), 1U);
    const SweepSpec& leg = panel.check().legs.front();
    EXPECT_EQ(leg.strategies,
              (std::vector<Strategy>{Strategy::Map, Strategy::MpiMap, Strategy::MpiScatter}));
    EXPECT_EQ(leg.workers, (std::vector<int>{4}));
    EXPECT_EQ(leg.base.tasks, 16);
    EXPECT_EQ(leg.base.durations.shape, DurationShape::Rising);
    const QStringList args = engine_arguments(leg, {}, {});
    const auto at = args.indexOf("--strategies");
    ASSERT_GE(at, 0);
    EXPECT_EQ(args.value(at + 1), "map,mpi_map,mpi_scatter") << args.join(' ').toStdString();
}

TEST(MpiForm, WithoutOpenMpiTheGroupSaysWhyAndTheFormRefusesIt) {
    ControlsPanel panel(2);
    panel.set_mpi_problem(kRefusal);
    EXPECT_FALSE(panel.mpi_group()->isEnabled());
    EXPECT_EQ(panel.mpi_group()->toolTip(), kRefusal);
    EXPECT_EQ(panel.strategy_box(Strategy::MpiScatter)->toolTip(), kRefusal);
    EXPECT_TRUE(panel.check().ok());  // the article's experiment has no mpi_ strategy

    // A preset that has them is filled in, but Run stays off, with the reason where it shows.
    panel.apply_preset(preset_index(panel.presets(), "From pipes to messages"));
    EXPECT_FALSE(panel.check().ok());
    EXPECT_FALSE(panel.run_button()->isEnabled());
    EXPECT_EQ(panel.error_label(Field::Strategies)->text(), kRefusal);
    EXPECT_FALSE(panel.error_label(Field::Strategies)->isHidden());
    // Without them the form is fine again; and Open MPI found later enables the group.
    panel.strategy_box(Strategy::MpiMap)->setChecked(false);
    panel.strategy_box(Strategy::MpiScatter)->setChecked(false);
    EXPECT_TRUE(panel.check().ok());
    panel.set_mpi_problem("");
    EXPECT_TRUE(panel.mpi_group()->isEnabled());
    EXPECT_NE(panel.strategy_box(Strategy::MpiMap)->toolTip(), kRefusal);
}

TEST(MpiWindow, ThePresetAsAClassSeesIt) {
    for (const bool dark : {false, true}) {
        QApplication::setPalette(dark ? dark_palette() : QApplication::style()->standardPalette());
        QTemporaryDir dir;
        const auto opened = open_window(PLAB_BINARY, dir);
        ASSERT_TRUE(opened);
        MainWindow& window = *opened;
        const int index = preset_index(window.controls()->presets(), "From pipes to messages");
        ASSERT_GE(index, 0);
        window.controls()->apply_preset(index);
        QTest::qWait(50);
        EXPECT_EQ(window.tabs()->currentWidget(), window.timeline());
        const QString tag = dark ? "-dark" : "";
        save_screenshot(&window, "mpi-preset-1024x768" + tag);
        window.controls()->set_mpi_problem(kRefusal);
        save_screenshot(&window, "mpi-refused-1024x768" + tag);
        window.tabs()->setCurrentWidget(window.code());
        window.code()->set_strategy(Strategy::MpiMap);
        save_screenshot(&window, "mpi-code-1024x768" + tag);
    }
}

TEST(MpiForm, TheFormAsksTheEngineWhetherThisMachineCanRunMpi) {
    const std::string problem = mpi_problem();
    ControlsPanel panel(2);
    EXPECT_EQ(panel.mpi_group()->isEnabled(), problem.empty()) << problem;
    if (!problem.empty()) {
        EXPECT_EQ(panel.mpi_group()->toolTip().toStdString(), problem);
    }
    // A module that is not there: the engine's line, as the group's tooltip.
    qputenv("PLAB_MPI_MODULE", "/nonexistent/parallel-lab-mpi.so");
    ControlsPanel without(2);
    qunsetenv("PLAB_MPI_MODULE");
    EXPECT_FALSE(without.mpi_group()->isEnabled());
    EXPECT_TRUE(without.mpi_group()->toolTip().contains("/nonexistent/parallel-lab-mpi.so"))
        << without.mpi_group()->toolTip().toStdString();
}

TEST(MpiWindow, ThePresetRunsAndTheLanesNameHostAndRank) {
    const std::string problem = mpi_problem();
    if (!problem.empty()) GTEST_SKIP() << problem;
    {  // one run (about 3 s: three mpirun-sized starts), pictured light, then dark
        QApplication::setPalette(QApplication::style()->standardPalette());
        QTemporaryDir dir;
        const auto opened = open_window(PLAB_BINARY, dir);
        ASSERT_TRUE(opened);
        MainWindow& window = *opened;
        window.controls()->apply_preset(
            preset_index(window.controls()->presets(), "From pipes to messages"));
        auto* delay = qobject_cast<QLineEdit*>(window.controls()->field(Field::Delay));
        ASSERT_NE(delay, nullptr);
        delay->setText("30ms");  // short: the test's run, not the class's
        ASSERT_TRUE(window.start_experiment());
        ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); }, 60'000));
        QTest::qWait(100);
        const auto& runs = window.controller()->data().runs();
        ASSERT_EQ(runs.size(), 3U);
        for (const RunRecord& run : runs) {
            ASSERT_TRUE(run.ended()) << strategy_name(run.spec.strategy);
            EXPECT_EQ(run.finished_tasks, 16) << strategy_name(run.spec.strategy);
        }
        // Ranks' lanes: "<this host> · rank N", N = 1..4; the pool's keep "worker N · pid P".
        const RunRecord& scatter = runs[2];
        ASSERT_EQ(scatter.spec.strategy, Strategy::MpiScatter);
        ASSERT_EQ(scatter.lanes.size(), 4U);
        for (const Lane& lane : scatter.lanes) {
            const QString label = lane_label(scatter, lane);
            EXPECT_TRUE(label.endsWith(QString(" · rank %1").arg(lane.worker)))
                << label.toStdString();
            EXPECT_FALSE(label.startsWith("host ")) << label.toStdString();  // named
        }
        EXPECT_TRUE(lane_label(runs[0], runs[0].lanes.front()).startsWith("worker "));
        // Rising durations in fixed blocks: scatter straggles behind the dynamic map.
        EXPECT_GT(scatter.end->elapsed_s, runs[1].end->elapsed_s * 1.15)
            << scatter.end->elapsed_s << " vs " << runs[1].end->elapsed_s;
        for (const bool dark : {false, true}) {
            QApplication::setPalette(dark ? dark_palette()
                                          : QApplication::style()->standardPalette());
            const QString tag = dark ? "-dark" : "";
            window.tabs()->setCurrentWidget(window.timeline());
            save_screenshot(&window, "mpi-timeline-1024x768" + tag);
            window.tabs()->setCurrentWidget(window.elapsed_chart());
            save_screenshot(&window, "mpi-elapsed-1024x768" + tag);
        }
    }
}
