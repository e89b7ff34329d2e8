// The serial part in the window without the engine: the speedup chart's bound is the formula
// at every worker count (Amdahl's for strong, Gustafson's for weak) with the estimate beside
// the fraction set, the form carries F and the scaling to the engine's arguments, the preset
// exists, the Code view's Python does the serial part in the parent, and the timeline puts the
// serial part on a lane of its own before the workers' lanes.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <cmath>

#include "code_view.h"
#include "controls_panel.h"
#include "engine_command.h"
#include "experiment/serial_part.h"
#include "presets.h"
#include "speedup_chart.h"
#include "timeline_text.h"
#include "ui_test_support.h"
#include "utilisation.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

SweepSpec amdahl_leg(double f, Scaling scaling) {
    SweepSpec leg;
    leg.strategies = {Strategy::Serial, Strategy::Map};
    leg.workers = {1, 2, 4, 8};
    leg.base.tasks = 16;
    leg.base.delay_ns = 250'000'000;
    leg.base.serial_fraction = f;
    leg.base.scaling = scaling;
    return leg;
}

void show(SpeedupChart& chart, const SweepData& data) {
    const ChartPoints points = chart_points(data, 8);
    chart.set_serial_part(serial_part_points(data, points.max_workers));
    chart.show_points(points);
}

}  // namespace

TEST(SerialPartChart, AmdahlsBoundMatchesTheFormulaAtEachWorkerCount) {
    SweepData data;
    data.begin_leg(amdahl_leg(0.2, Scaling::Strong));
    SpeedupChart chart;
    show(chart, data);
    QLineSeries* bound = chart.speedup()->line("bound");
    ASSERT_TRUE(bound);
    const QList<QPointF> points = bound->points();
    ASSERT_EQ(points.size(), 8);
    for (const QPointF& p : points) {
        const int n = static_cast<int>(p.x());
        EXPECT_NEAR(p.y(), 1.0 / (0.2 + 0.8 / n), 1e-9) << n;
    }
    EXPECT_EQ(bound->pen().style(), Qt::DashDotLine);  // its own dashes, not the ideal's
    EXPECT_TRUE(bound->name().contains("1/(F + (1−F)/n)")) << bound->name().toStdString();
    EXPECT_TRUE(bound->name().contains("serial fraction set 0.20")) << bound->name().toStdString();
    EXPECT_FALSE(bound->name().contains("estimated"));  // nothing measured yet
}

TEST(SerialPartChart, GustafsonsBoundForWeakScalingAndNoneWithoutASerialPart) {
    SweepData weak;
    weak.begin_leg(amdahl_leg(0.3, Scaling::Weak));
    SpeedupChart chart;
    show(chart, weak);
    ASSERT_TRUE(chart.speedup()->line("bound"));
    for (const QPointF& p : chart.speedup()->line("bound")->points())
        EXPECT_NEAR(p.y(), p.x() - 0.3 * (p.x() - 1), 1e-9);
    EXPECT_TRUE(chart.speedup()->line("bound")->name().contains("n − F(n−1)"));

    SweepData plain;
    plain.begin_leg(amdahl_leg(0.0, Scaling::Strong));
    SpeedupChart none;
    show(none, plain);
    EXPECT_EQ(none.speedup()->line("bound"), nullptr);
}

TEST(SerialPartChart, TheLegendShowsKarpFlattsEstimateNextToTheFractionSet) {
    SweepData data;
    SweepSpec leg = amdahl_leg(0.2, Scaling::Strong);
    leg.workers = {4};
    leg.strategies = {Strategy::Map};
    data.begin_leg(leg);
    // A run of 4 workers whose speedup is 2.2: Karp-Flatt (1/2.2 - 1/4)/(1 - 1/4) = 0.2727.
    feed(data, {line({"run", "1", "1", "map", "4", "16", "0.250000", "sleep", "2", "1", "-1"}),
                line({"end", "1", "1.818182", "4.000000", "1.000000", "2.200000", "0.550000",
                      "0.272727", "0", "0", ""})});
    SpeedupChart chart;
    show(chart, data);
    const auto part = serial_part_points(data, 4);
    ASSERT_TRUE(part && part->estimated);
    EXPECT_NEAR(*part->estimated, (1 / 2.2 - 0.25) / 0.75, 1e-6);
    const QString name = serial_part_legend(*part);
    EXPECT_TRUE(name.contains("serial fraction set 0.20, estimated 0.27 (Karp-Flatt)"))
        << name.toStdString();
}

TEST(SerialPartForm, TheFormCarriesTheSerialPartToTheEngine) {
    ControlsPanel panel(2);
    panel.serial_part()->set(0.35, Scaling::Weak);
    const FormInput in = panel.input();
    EXPECT_DOUBLE_EQ(in.serial_fraction, 0.35);
    EXPECT_EQ(in.scaling, Scaling::Weak);
    const FormCheck check = check_form(in);
    ASSERT_TRUE(check.ok());
    EXPECT_DOUBLE_EQ(check.legs.front().base.serial_fraction, 0.35);
    const QStringList args = engine_arguments(check.legs.front(), {}, {});
    const auto at = args.indexOf("--serial-fraction");
    ASSERT_GE(at, 0) << args.join(' ').toStdString();
    EXPECT_DOUBLE_EQ(args.value(at + 1).toDouble(), 0.35);
    EXPECT_EQ(args.value(args.indexOf("--scaling") + 1), "weak");
    EXPECT_EQ(form_for(check.legs.front(), {0}).serial_fraction, 0.35);
    panel.serial_part()->set(0, Scaling::Strong);  // the default: the engine is asked as before
    const QStringList plain = engine_arguments(check_form(panel.input()).legs.front(), {}, {});
    EXPECT_FALSE(plain.contains("--serial-fraction"));
    EXPECT_FALSE(plain.contains("--scaling"));
    EXPECT_FALSE(panel.serial_part()->fraction_box()->toolTip().isEmpty());
    EXPECT_FALSE(panel.serial_part()->scaling_box()->toolTip().isEmpty());
    EXPECT_DOUBLE_EQ(panel.serial_part()->fraction_box()->maximum(), 0.95);
    EXPECT_DOUBLE_EQ(panel.serial_part()->fraction_box()->singleStep(), 0.05);
}

TEST(SerialPartForm, WeakScalingBeyondTheTaskLimitIsRefusedByTheForm) {
    ControlsPanel panel(2);
    FormInput in = panel.input();
    in.tasks = 5'000'000;
    in.workers = "1..4";
    in.scaling = Scaling::Weak;
    const FormCheck check = check_form(in);
    EXPECT_FALSE(check.ok());
    ASSERT_TRUE(check.errors.count(Field::Strategies));
    EXPECT_NE(check.errors.at(Field::Strategies).find("weak scaling"), std::string::npos);
}

TEST(SerialPartForm, ThePresetAndItsPython) {
    const auto all = presets(2);
    const auto it = std::find_if(all.begin(), all.end(), [](const Preset& p) {
        return p.name == "Amdahl: the serial part caps speedup";
    });
    ASSERT_NE(it, all.end());
    EXPECT_DOUBLE_EQ(it->form.serial_fraction, 0.2);
    ASSERT_TRUE(check_form(it->form).ok());
    const SweepSpec leg = check_form(it->form).legs.front();
    EXPECT_EQ(leg.workers, (std::vector<int>{1, 2, 4, 8}));

    ExperimentSpec spec = leg.base;
    spec.workers = 8;
    const QString py = snippet(Strategy::Map, "py", spec);
    const auto part = py.indexOf("time.sleep(0.8)");  // 0.2 x 16 x 0.25 s, in the parent
    const auto pool = py.indexOf("with Pool(8)");
    ASSERT_GE(part, 0) << py.toStdString();
    EXPECT_LT(part, pool) << py.toStdString();
    EXPECT_TRUE(py.contains("time.sleep(0.2)")) << py.toStdString();  // each task: 0.8 x 0.25 s
    EXPECT_TRUE(py.contains("1/(F + (1-F)/n) = 3.33")) << py.toStdString();
    spec.serial_fraction = 0;
    EXPECT_FALSE(snippet(Strategy::Map, "py", spec).contains("serial part"));
}

TEST(SerialPartTimeline, TheSerialPartHasItsOwnLaneBeforeTheWorkers) {
    SweepData data;
    SweepSpec leg = amdahl_leg(0.5, Scaling::Strong);
    leg.strategies = {Strategy::Map};
    leg.workers = {2};
    data.begin_leg(leg);
    feed(data, {line({"run", "1", "1", "map", "2", "2", "0.100000", "sleep", "2", "1", "-1"}),
                line({"serial-start", "1", "4242", "0.000100"}),
                line({"serial", "1", "4242", "0.000100", "0.100100", "1", ""}),
                line({"task", "1", "0", "0", "5000", "0.102000", "0.152000", "1", "0"}),
                line({"task", "1", "1", "1", "5001", "0.102000", "0.152000", "1", "1"}),
                line({"end", "1", "0.160000", "0.200000", "0.150000", "1.250000", "0.625000",
                      "0.600000", "0", "0", ""})});
    const RunRecord& run = *data.run(1);
    ASSERT_EQ(run.lanes.size(), 3u);
    const Lane& first = run.lanes[static_cast<std::size_t>(run.lane_order.front())];
    EXPECT_EQ(first.worker, -1);
    EXPECT_EQ(lane_label(run, first), "serial part (parent)");
    const int part = first.bars.front();
    EXPECT_TRUE(bar_tooltip(run, part, 0.2).contains("pid 4242"))
        << bar_tooltip(run, part, 0.2).toStdString();
    EXPECT_EQ(run.finished_tasks, 2);  // the serial part is not a task
    EXPECT_EQ(run.failed_tasks, 0);
    // Busy workers: 2 x 50 ms out of 2 x 160 ms; the parent's 100 ms alone is no worker's.
    EXPECT_NEAR(busy_seconds(run, 0.16), 0.1, 1e-9);
}
