// The form: invalid values marked where typed, Run disabled until the form is right, presets.
#include <gtest/gtest.h>

#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>

#include "controls_panel.h"
#include "ui_test_support.h"

using namespace plab;
using namespace plab::ui;

TEST(ControlsPanel, StartsWithTheArticlesExperimentReadyToRun) {
    ControlsPanel panel(2);
    EXPECT_TRUE(panel.check().ok());
    EXPECT_TRUE(panel.run_button()->isEnabled());
    EXPECT_FALSE(panel.cancel_button()->isEnabled());
    const FormInput in = panel.input();
    EXPECT_EQ(in.strategies.size(), 6u);
    EXPECT_EQ(in.workers, "5");
    EXPECT_EQ(in.tasks, 10);
    EXPECT_EQ(in.delay, "1s");
}

TEST(ControlsPanel, AWrongValueIsMarkedWhereTypedWithTheRange) {
    ControlsPanel panel(2);
    auto* workers = qobject_cast<QLineEdit*>(panel.field(Field::Workers));
    ASSERT_TRUE(workers);
    workers->setText("0");
    EXPECT_FALSE(panel.run_button()->isEnabled());
    QLabel* error = panel.error_label(Field::Workers);
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains("1..64")) << error->text().toStdString();
    EXPECT_TRUE(workers->styleSheet().contains("border")) << workers->styleSheet().toStdString();
    EXPECT_TRUE(panel.error_label(Field::Delay)->isHidden());

    workers->setText("1..8");
    EXPECT_TRUE(panel.run_button()->isEnabled());
    EXPECT_TRUE(error->isHidden());
    EXPECT_TRUE(workers->styleSheet().isEmpty());
}

TEST(ControlsPanel, CrossFieldErrorsFollowTheTaskCount) {
    ControlsPanel panel(2);
    auto* crash = qobject_cast<QLineEdit*>(panel.field(Field::CrashTask));
    auto* tasks = qobject_cast<QSpinBox*>(panel.field(Field::Tasks));
    crash->setText("12");
    EXPECT_FALSE(panel.run_button()->isEnabled());
    EXPECT_TRUE(panel.error_label(Field::CrashTask)->text().contains("0..9"));
    tasks->setValue(20);
    EXPECT_TRUE(panel.run_button()->isEnabled());
}

TEST(ControlsPanel, NoStrategyNoRun) {
    ControlsPanel panel(2);
    for (Strategy s : all_strategies())
        panel.strategy_box(s)->setChecked(false);
    EXPECT_FALSE(panel.run_button()->isEnabled());
    EXPECT_FALSE(panel.error_label(Field::Strategies)->isHidden());
}

TEST(ControlsPanel, PresetsFillTheForm) {
    ControlsPanel panel(2);
    panel.apply_preset(1);
    EXPECT_EQ(panel.input().workload, Workload::Cpu);
    EXPECT_EQ(panel.input().workers, "1..4");
    panel.apply_preset(2);
    EXPECT_EQ(panel.input().chunksize, "1,auto");
    EXPECT_EQ(panel.check().legs.size(), 2u);
    panel.apply_preset(99);  // ignored
    EXPECT_EQ(panel.input().chunksize, "1,auto");
}

TEST(ControlsPanel, RunAndCancelFollowTheState) {
    ControlsPanel panel(2);
    QSignalSpy run(&panel, &ControlsPanel::run_requested);
    panel.run_button()->click();
    EXPECT_EQ(run.count(), 1);
    panel.set_running(true, false);
    EXPECT_FALSE(panel.run_button()->isEnabled());
    EXPECT_TRUE(panel.cancel_button()->isEnabled());
    panel.set_running(true, true);
    EXPECT_FALSE(panel.cancel_button()->isEnabled());
    panel.set_running(false, false);
    EXPECT_TRUE(panel.run_button()->isEnabled());
}

TEST(ControlsPanel, ProgressShowsTasksAndTimeLeft) {
    ControlsPanel panel(2);
    panel.set_running(true, false);
    panel.show_progress(Progress{15, 60, 7.2});
    EXPECT_EQ(panel.progress_bar()->value(), 250);
    EXPECT_TRUE(panel.progress_label()->text().contains("15 / 60 tasks"));
    EXPECT_TRUE(panel.progress_label()->text().contains("about 7 s left"))
        << panel.progress_label()->text().toStdString();
    panel.show_progress(Progress{15, 60, 11'400});
    EXPECT_TRUE(panel.progress_label()->text().endsWith("about 3 h 10 min left"))
        << panel.progress_label()->text().toStdString();
}

TEST(ControlsPanel, TheTimeLeftGoesWhenCancellingAndTheLineIsFinal) {
    ControlsPanel panel(2);
    panel.set_running(true, false);
    panel.show_progress(Progress{15, 60, 7.2});
    panel.set_running(true, true);
    EXPECT_EQ(panel.progress_label()->text(), "15 / 60 tasks · cancelling");
    panel.show_progress(Progress{17, 60, 5});  // late updates while cancelling: no time left
    EXPECT_EQ(panel.progress_label()->text(), "17 / 60 tasks · cancelling");
    panel.set_running(false, false);
    panel.show_finished(true);
    EXPECT_EQ(panel.progress_label()->text(), "17 / 60 tasks · cancelled");
    panel.show_progress(Progress{17, 60, 5});  // a refresh after the end keeps it final
    EXPECT_EQ(panel.progress_label()->text(), "17 / 60 tasks · cancelled");

    panel.set_running(true, false);
    panel.show_progress(Progress{60, 60, 0});
    panel.set_running(false, false);
    panel.show_finished(false);
    EXPECT_EQ(panel.progress_label()->text(), "60 / 60 tasks · done");
}

TEST(ControlsPanel, EveryInputExplainsItself) {
    ControlsPanel panel(2);
    for (Field f : {Field::Workers, Field::Tasks, Field::Delay, Field::Exponent, Field::Chunksize,
                    Field::Repeats, Field::CrashTask}) {
        EXPECT_FALSE(panel.field(f)->toolTip().isEmpty());
    }
    for (Strategy s : all_strategies())
        EXPECT_FALSE(panel.strategy_box(s)->toolTip().isEmpty());
}
