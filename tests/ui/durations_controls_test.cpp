// The Durations control, its form field, the uneven-tasks preset, the engine's arguments and
// the Code tab's Python for each shape (run by python3, so it is real Python that plans the
// same durations).
#include <gtest/gtest.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include "code_view.h"
#include "controls_panel.h"
#include "durations_controls.h"
#include "engine_command.h"

using namespace plab;
using namespace plab::ui;

namespace {

const Preset* uneven_preset(const std::vector<Preset>& all) {
    for (const Preset& p : all) {
        if (p.name == "Uneven tasks: chunk size and stragglers") return &p;
    }
    return nullptr;
}

}  // namespace

TEST(DurationsControls, EveryShapeRoundTripsWithItsNumberAndSeedShownWhereTheyMatter) {
    DurationsControls c;
    EXPECT_EQ(c.text(), "fixed");
    EXPECT_EQ(c.seed(), 1);
    EXPECT_EQ(c.shape_box()->count(), 5);
    for (const char* text : {"fixed", "uniform:0.25", "exp", "straggler:12.5", "rising"}) {
        c.set_text(text);
        EXPECT_EQ(c.text(), text);
    }
    c.set_text("uniform:0.5");
    EXPECT_TRUE(c.number_box()->isVisibleTo(&c));
    EXPECT_EQ(c.number_box()->maximum(), 1.0);
    EXPECT_TRUE(c.seed_box()->isEnabled());
    c.set_text("straggler:10");
    EXPECT_EQ(c.number_box()->maximum(), kMaxStragglerFactor);
    EXPECT_GT(c.number_box()->minimum(), 0.0);
    EXPECT_FALSE(c.seed_box()->isEnabled());  // nothing random to draw
    c.set_text("rising");
    EXPECT_FALSE(c.number_box()->isVisibleTo(&c));
    c.set_text("not a shape");
    EXPECT_EQ(c.text(), "fixed");
    c.set_seed(-5);
    EXPECT_EQ(c.seed(), 0);
    c.set_seed(std::int64_t{1} << 40);
    EXPECT_EQ(c.seed(), kMaxFormSeed);
}

TEST(DurationsControls, EachShapeSaysWhatItMeans) {
    DurationsControls c;
    const QStringList want{"the delay", "1-S and 1+S", "exponential", "last task takes F",
                           "2(i+1)/(n+1)"};
    for (int i = 0; i < c.shape_box()->count(); ++i) {
        const QString tip = c.shape_box()->itemData(i, Qt::ToolTipRole).toString();
        EXPECT_TRUE(tip.contains(want[i])) << tip.toStdString();
        EXPECT_TRUE(c.shape_box()->toolTip().contains(want[i]));
    }
    EXPECT_TRUE(c.seed_box()->toolTip().contains("same seed"));
}

TEST(DurationsControls, ChoosingAShapeEmitsChangedWithItsDefaultNumber) {
    DurationsControls c;
    int changes = 0;
    QObject::connect(&c, &DurationsControls::changed, [&] { ++changes; });
    c.shape_box()->setCurrentIndex(
        c.shape_box()->findData(static_cast<int>(DurationShape::Straggler)));
    EXPECT_EQ(c.text(), "straggler:10");
    c.number_box()->setValue(3);
    EXPECT_EQ(c.text(), "straggler:3");
    c.seed_box()->setValue(9);
    EXPECT_EQ(changes, 3);
    c.set_text("exp");  // filling from a form is not an edit
    EXPECT_EQ(changes, 3);
}

TEST(DurationsForm, ThePanelCarriesShapeAndSeedIntoTheLegsAndTheEngine) {
    ControlsPanel panel(2);
    FormInput in = panel.input();
    EXPECT_EQ(in.durations, "fixed");
    // The default form's engine command is as it was before durations existed.
    const QStringList plain = engine_arguments(panel.check().legs.front(), {}, {});
    EXPECT_FALSE(plain.contains("--durations"));
    EXPECT_FALSE(plain.contains("--seed"));
    in.durations = "uniform:0.3";
    in.seed = 77;
    panel.set_input(in);
    EXPECT_EQ(panel.input(), in);
    ASSERT_TRUE(panel.check().ok());
    const SweepSpec& leg = panel.check().legs.front();
    EXPECT_EQ(leg.base.durations, (Durations{DurationShape::Uniform, 0.3}));
    EXPECT_EQ(leg.base.seed, 77);
    const QStringList args = engine_arguments(leg, {}, {});
    EXPECT_EQ(args.value(args.indexOf("--durations") + 1), "uniform:0.3");
    EXPECT_EQ(args.value(args.indexOf("--seed") + 1), "77");
    EXPECT_EQ(form_for(leg, {}).durations, "uniform:0.3");
    EXPECT_EQ(form_for(leg, {}).seed, 77);
}

TEST(DurationsForm, ATaskPlannedLongerThanAnHourIsMarkedOnTheField) {
    FormInput in;
    in.strategies = {Strategy::Map};
    in.durations = "straggler:1000";
    in.delay = "10s";
    FormCheck check = check_form(in);
    ASSERT_EQ(check.errors.count(Field::Durations), 1u);
    EXPECT_NE(check.errors[Field::Durations].find("at most 3600 s"), std::string::npos);
    in.delay = "1s";
    EXPECT_TRUE(check_form(in).ok());
    in.durations = "wobbly";
    check = check_form(in);
    EXPECT_NE(check.errors[Field::Durations].find("uniform:S"), std::string::npos);
    in.durations = "exp";
    in.seed = -1;
    EXPECT_EQ(check_form(in).errors.count(Field::Durations), 1u);

    ControlsPanel panel(2);
    FormInput bad = panel.input();
    bad.delay = "3000s";
    bad.durations = "rising";
    panel.set_input(bad);
    EXPECT_FALSE(panel.run_button()->isEnabled());
    EXPECT_TRUE(panel.error_label(Field::Durations)->isVisibleTo(&panel));
    EXPECT_TRUE(panel.error_label(Field::Durations)->text().contains("3600 s"));
}

TEST(DurationsPreset, RisingTasksWithMapAtChunkOneAndAutoOnTheTimeline) {
    ControlsPanel panel(2);
    const Preset* p = uneven_preset(panel.presets());
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->view, PresetView::Timeline);
    EXPECT_EQ(p->form.durations, "rising");
    EXPECT_EQ(p->form.strategies, (std::vector<Strategy>{Strategy::Map, Strategy::ImapUnordered}));
    const auto index = static_cast<int>(p - panel.presets().data());
    int applied = -1;
    QObject::connect(&panel, &ControlsPanel::preset_applied, [&](int i) { applied = i; });
    panel.apply_preset(index);
    EXPECT_EQ(applied, index);
    EXPECT_EQ(panel.input(), p->form);
    ASSERT_TRUE(panel.check().ok());
    ASSERT_EQ(panel.check().legs.size(), 2u);  // chunk size 1, then auto
    EXPECT_EQ(panel.check().legs[0].base.chunksize, 1);
    EXPECT_EQ(panel.check().legs[1].base.chunksize, 0);
    ExperimentSpec auto_map = panel.check().legs[1].base;
    auto_map.workers = panel.check().legs[1].workers.front();
    ExperimentSpec one_map = panel.check().legs[0].base;
    one_map.workers = auto_map.workers;
    // What the two lines promise: auto chunks leave a straggler, by the model 15% later.
    EXPECT_GT(static_cast<double>(model_elapsed_ns(auto_map)),
              1.1 * static_cast<double>(model_elapsed_ns(one_map)));
    const QString text = QString::fromStdString(p->description);
    EXPECT_TRUE(text.contains("rising"));
    EXPECT_TRUE(text.contains("timeline"));
}

TEST(DurationsCode, ThePythonPlansEachShapeAndRuns) {
    ExperimentSpec spec;
    spec.tasks = 5;
    spec.delay_ns = 1'000'000;
    spec.workers = 2;
    spec.durations = {DurationShape::Rising, 0};
    const QString rising = snippet(Strategy::Map, "py", spec);
    EXPECT_TRUE(rising.contains("time.sleep(duration(x))")) << rising.toStdString();
    EXPECT_TRUE(rising.contains("return DELAY * 2 * (i + 1) / (N + 1)"));
    EXPECT_TRUE(rising.contains("N, DELAY, SEED = 5, 0.001, 1"));
    EXPECT_FALSE(rising.contains("time.sleep(0.001)"));
    EXPECT_TRUE(snippet(Strategy::Map, "cpp", spec).contains("planned_delay_ns"));
    spec.durations = {};
    EXPECT_TRUE(snippet(Strategy::Map, "py", spec).contains("time.sleep(0.001)"));
    EXPECT_FALSE(snippet(Strategy::Map, "py", spec).contains("duration("));

    // python3 runs each shape's Python (serial), and rising in every snippet that runs without
    // pathos: it prints the squares.
    QTemporaryDir dir;
    std::vector<std::pair<const char*, Strategy>> runs;
    for (const char* shape : {"uniform:0.5", "exp", "straggler:3"})
        runs.emplace_back(shape, Strategy::Serial);
    for (Strategy s : {Strategy::Serial, Strategy::Map, Strategy::Starmap, Strategy::ApplyAsync,
                       Strategy::ImapUnordered, Strategy::ThreadMap})
        runs.emplace_back("rising", s);
    for (const auto& [shape, s] : runs) {
        spec.durations = *parse_durations(shape);
        {
            const QString code = snippet(s, "py", spec);
            ASSERT_TRUE(code.contains("duration(x)")) << shape << " " << strategy_name(s);
            QFile file(dir.filePath("snippet.py"));
            ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(code.toUtf8());
            file.close();
            QProcess python;
            python.start("python3", {file.fileName()});
            ASSERT_TRUE(python.waitForFinished(30'000));
            EXPECT_EQ(python.exitCode(), 0)
                << shape << " " << strategy_name(s) << "\n"
                << python.readAllStandardError().toStdString() << code.toStdString();
            EXPECT_TRUE(python.readAllStandardOutput().contains("16"))
                << shape << " " << strategy_name(s);
        }
    }
}
