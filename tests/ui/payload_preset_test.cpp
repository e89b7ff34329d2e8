// The window's Payload field, its preset "Moving data costs time" and the Python it shows:
// sizes checked as the CLI checks them, one sweep per payload, the engine told --payload, the
// chart's bars named by payload, and the preset run for real in the window (pictures saved
// under $PLAB_CHART_SHOTS at $PLAB_SHOT_SIZE, dark with PLAB_SHOT_DARK=1).
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "chart_points.h"
#include "code_view.h"
#include "controls_panel.h"
#include "engine_command.h"
#include "form_check.h"
#include "main_window.h"
#include "presets.h"
#include "ui_test_support.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

constexpr std::int64_t kMiB = 1 << 20;

FormInput payload_form(const std::string& payload) {
    FormInput in;
    in.strategies = {Strategy::Serial, Strategy::Map};
    in.payload = payload;
    return in;
}

}  // namespace

TEST(PayloadForm, ChecksSizesAsTheCliDoesAndRunsOneSweepEach) {
    const FormCheck one = check_form(payload_form("4KiB"));
    ASSERT_TRUE(one.ok());
    ASSERT_EQ(one.legs.size(), 1u);
    EXPECT_EQ(one.legs[0].base.payload_bytes, 4096);

    const FormCheck several = check_form(payload_form("0,1MiB,16MiB"));
    ASSERT_TRUE(several.ok());
    ASSERT_EQ(several.legs.size(), 3u);
    EXPECT_EQ(several.legs[2].base.payload_bytes, 16 * kMiB);
    EXPECT_EQ(form_for(several.legs[0], {}, {0, kMiB, 16 * kMiB}).payload, "0,1MiB,16MiB");

    for (const std::string bad : {"1.5.MiB", "-1", "65MiB", "lots", "1MiB,1MiB"}) {
        const FormCheck c = check_form(payload_form(bad));
        EXPECT_FALSE(c.ok()) << bad;
        ASSERT_EQ(c.errors.count(Field::Payload), 1u) << bad;
    }
    FormInput many = payload_form("64MiB");
    many.tasks = 100;
    const FormCheck too_much = check_form(many);
    ASSERT_EQ(too_much.errors.count(Field::Payload), 1u);
    EXPECT_NE(too_much.errors.at(Field::Payload).find("1 GiB"), std::string::npos);
    FormInput plain;
    plain.strategies = {Strategy::Map};
    const FormCheck none = check_form(plain);  // the default: no payload
    ASSERT_EQ(none.legs.size(), 1u);
    EXPECT_EQ(none.legs.front().base.payload_bytes, 0);
}

TEST(PayloadForm, TheEngineIsToldThePayloadOnlyWhenThereIsOne) {
    const FormCheck c = check_form(payload_form("0,16MiB"));
    ASSERT_EQ(c.legs.size(), 2u);
    EXPECT_FALSE(engine_arguments(c.legs[0], {}, {}).contains("--payload"));
    const QStringList args = engine_arguments(c.legs[1], {}, {});
    const auto at = args.indexOf("--payload");
    ASSERT_GE(at, 0);
    EXPECT_EQ(args.value(at + 1), "16777216");
}

TEST(PayloadForm, ThePanelHasAPayloadFieldWithItsTooltipAndThePreset) {
    ControlsPanel panel(4);
    auto* box = qobject_cast<QComboBox*>(panel.field(Field::Payload));
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->toolTip().contains("sends and receives this many bytes"));
    EXPECT_TRUE(box->toolTip().contains("Python pickles them"));
    box->setEditText("1.5.MiB");
    EXPECT_FALSE(panel.check().ok());
    EXPECT_FALSE(panel.error_label(Field::Payload)->isHidden());
    EXPECT_FALSE(panel.run_button()->isEnabled());
    box->setEditText("1MiB");
    EXPECT_TRUE(panel.check().ok());
    EXPECT_EQ(panel.check().legs.front().base.payload_bytes, kMiB);

    const int index = preset_index(panel.presets(), "Moving data costs time");
    ASSERT_GE(index, 0);
    panel.apply_preset(index);
    EXPECT_EQ(box->currentText(), "0,1MiB,4MiB,16MiB");
    ASSERT_TRUE(panel.check().ok());
    ASSERT_EQ(panel.check().legs.size(), 4u);
    EXPECT_EQ(panel.check().legs.back().base.payload_bytes, 16 * kMiB);
    EXPECT_EQ(panel.check().legs.back().workers, std::vector<int>{4});
}

TEST(PayloadForm, TheCodeViewShowsBytesGoingAndComingBack) {
    ExperimentSpec spec;
    spec.payload_bytes = 16 * kMiB;
    for (const Strategy s :
         {Strategy::Serial, Strategy::Map, Strategy::Starmap, Strategy::ApplyAsync,
          Strategy::ImapUnordered, Strategy::PathosMap, Strategy::ThreadMap}) {
        spec.strategy = s;
        const QString py = snippet(s, "py", spec);
        EXPECT_TRUE(py.contains("PAYLOAD = 16777216")) << strategy_name(s);
        EXPECT_TRUE(py.contains("16 MiB")) << strategy_name(s);
        EXPECT_TRUE(py.contains(", data")) << strategy_name(s);  // returns the bytes
        EXPECT_FALSE(py.contains("{{")) << strategy_name(s);
        EXPECT_TRUE(snippet(s, "cpp", spec).contains("slow_pow_payload")) << strategy_name(s);
    }
    spec.payload_bytes = 0;
    EXPECT_FALSE(snippet(Strategy::Map, "py", spec).contains("PAYLOAD"));
    EXPECT_FALSE(snippet(Strategy::Map, "cpp", spec).contains("slow_pow_payload"));
}

TEST(PayloadForm, BarsAreNamedByTheirPayload) {
    const FormCheck c = check_form(payload_form("0,16MiB"));
    SweepData data;
    for (const SweepSpec& leg : c.legs)
        data.begin_leg(leg);
    const ChartPoints points = chart_points(data, 4);
    std::vector<std::string> labels;
    for (const BarPoint& b : points.bars)
        labels.push_back(b.label);
    ASSERT_EQ(labels.size(), 4u);
    EXPECT_NE(labels[1].find("0 B"), std::string::npos) << labels[1];     // leg 1: serial, map
    EXPECT_NE(labels[3].find("16 MiB"), std::string::npos) << labels[3];  // leg 2
    EXPECT_EQ(labels[3].find("chunksize"), std::string::npos) << labels[3];
    EXPECT_NE(points.baselines[1].label.find("16 MiB sweep"), std::string::npos);
    ASSERT_EQ(points.series.size(), 2u);  // Pool.map at 0 B and at 16 MiB: two series
    EXPECT_NE(points.series[1].label.find("16 MiB"), std::string::npos);
}

TEST(PayloadWindow, ThePresetRunsAndTheSpeedupFallsAsTheDataGrows) {
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
    const int index = preset_index(window.controls()->presets(), "Moving data costs time");
    ASSERT_GE(index, 0);
    window.controls()->apply_preset(index);
    window.tabs()->setCurrentWidget(window.speedup_chart());
    ASSERT_TRUE(window.start_experiment());
    ASSERT_TRUE(wait_for([&] { return !window.controller()->running(); }, 120'000));
    QTest::qWait(100);
    const ChartPoints points = chart_points(window.controller()->data(), 2);
    double first = 0, last = 0;
    for (const BarPoint& b : points.bars) {
        if (b.key.strategy != Strategy::Map) continue;
        EXPECT_EQ(b.state, BarPoint::State::Done) << b.label;
        if (b.key.payload == 0) first = b.speedup;
        if (b.key.payload == 16 * kMiB) last = b.speedup;
    }
    EXPECT_GT(first, 1.5);   // coarse: 4 workers of 50 ms tasks, nothing to move
    EXPECT_LT(last, first);  // 16 MiB each way per task costs the pool its speedup
    const QString shots = qEnvironmentVariable("PLAB_CHART_SHOTS");
    if (shots.isEmpty()) return;
    QDir().mkpath(shots);
    const QString tag =
        size.join('x') + (qEnvironmentVariable("PLAB_SHOT_DARK") == "1" ? "-dark" : "");
    window.grab().save(shots + "/payload-done-speedup-" + tag + ".png");
    window.tabs()->setCurrentWidget(window.elapsed_chart());
    QTest::qWait(100);
    window.grab().save(shots + "/payload-done-elapsed-" + tag + ".png");
    window.tabs()->setCurrentWidget(window.code());
    window.code()->set_strategy(Strategy::Map);
    QTest::qWait(100);
    window.grab().save(shots + "/payload-code-" + tag + ".png");
}
