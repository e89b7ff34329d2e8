// The one-worker-count view: the article's preset as bars, values on them, the refusal as an
// empty neutral bar, the running strategy's bar growing with the clock.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFontMetricsF>
#include <QTest>

#include "chart_style.h"
#include "elapsed_chart.h"
#include "speedup_chart.h"
#include "sweep_fixture.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

// One run of the article's experiment as the engine streams it: run and end lines.
void feed_run(SweepData& d, int number, const char* strategy, const std::string& elapsed,
              const std::string& speedup, const std::string& efficiency,
              const std::string& refusal = "", double now_s = 0) {
    const std::string n = std::to_string(number);
    feed(d,
         {line({"run", n, "1", strategy, "5", "10", "1.000000", "sleep", "2", "2", "-1"}),
          line({"end", n, elapsed, "10.003000", "2.000000", speedup, efficiency, "nan",
                refusal.empty() ? "0" : "10", "0", refusal})},
         now_s);
}

// The article's preset run to its end: serial 10 s, the pools 2 s, the closure refused.
SweepData article_done() {
    SweepData d;
    d.begin_leg(article_leg(1'000'000'000));
    feed(d, {"plab-events 1"});
    feed_run(d, 1, "serial", "10.003000", "1", "1");
    feed_run(d, 2, "map", "2.002000", "4.996503", "0.999301");
    feed_run(d, 3, "starmap", "2.004000", "4.991517", "0.998303");
    feed_run(d, 4, "apply_async", "2.003000", "4.994009", "0.998802");
    feed_run(d, 5, "map_closure", "0.002000", "0", "0",
             "cannot send a function made at run time to a worker process");
    feed_run(d, 6, "pathos_map", "2.010000", "4.976617", "0.995323");
    feed(d, {line({"done", "1"})});
    return d;
}

// Saves widget under $PLAB_CHART_SHOTS (when set) for people to look at, at its size and at
// 560x380, what a chart gets in a 1280x720 window at QT_SCALE_FACTOR=1.5.
void shoot(QWidget* widget, const QString& name) {
    const QString dir = qEnvironmentVariable("PLAB_CHART_SHOTS");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    widget->grab().save(dir + "/" + name + ".png");
    const QSize size = widget->size();
    widget->resize(560, 380);
    widget->grab().save(dir + "/" + QString(name).replace("640x430", "560x380") + ".png");
    widget->resize(size);
}

}  // namespace

TEST(ElapsedBars, TheArticlesPresetIsOneBarPerStrategyWithItsValue) {
    const SweepData d = article_done();
    ElapsedChart chart;
    chart.resize(640, 430);
    chart.show_points(chart_points(d, 8));
    ASSERT_TRUE(chart.showing_bars());
    const auto& rows = chart.bars()->rows();
    ASSERT_EQ(rows.size(), 6u);
    const QStringList labels{"Serial",           "Pool.map",          "Pool.starmap",
                             "Pool.apply_async", "Pool.map(closure)", "pathos ProcessPool.map"};
    for (std::size_t i = 0; i < rows.size(); ++i)
        EXPECT_EQ(rows[i].label, labels[int(i)]);  // the form's order
    EXPECT_EQ(rows[0].text, "10.003 s");
    EXPECT_EQ(rows[1].text, "2.002 s");
    EXPECT_EQ(rows[5].text, "2.010 s");
    EXPECT_EQ(rows[0].look, BarRow::Look::Filled);
    // Bars to scale: serial's is five times Pool.map's.
    const double serial = chart.bars()->bar_rect(0).width(),
                 map = chart.bars()->bar_rect(1).width();
    EXPECT_NEAR(serial / map, 10.003 / 2.002, 0.05);
    // The ideal line at 2 s, at the end of an ideal pool's bar.
    const QRectF bar = chart.bars()->bar_rect(1);
    EXPECT_NEAR(chart.bars()->ideal_x(), bar.left() + bar.width() * 2.0 / 2.002, 1.0);
    EXPECT_EQ(chart.bars()->title(), "Elapsed time on 5 workers");
}

TEST(ElapsedBars, TheRefusedStrategyIsAnEmptyNeutralBarThatSaysWhy) {
    ElapsedChart chart;
    chart.resize(640, 430);
    chart.show_points(chart_points(article_done(), 8));
    const BarRow& refused = chart.bars()->rows()[4];
    EXPECT_EQ(refused.look, BarRow::Look::Empty);
    EXPECT_EQ(refused.text, "refused: a closure cannot be sent (as in Python)");
    EXPECT_EQ(refused.color, chart_colors(chart.palette()).neutral);
    EXPECT_NE(refused.color, error_color());
    EXPECT_GT(chart.bars()->bar_rect(4).width(), 0);  // an outline, drawn
    // Painted: no pixel of the error colour anywhere.
    const QImage image = chart.grab().toImage();
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            ASSERT_NE(QColor(image.pixel(x, y)), error_color()) << x << "," << y;
    }
    shoot(&chart, "bars-done-640x430");
}

TEST(ElapsedBars, TheRunningStrategysBarGrowsWithTheClock) {
    SweepData d;
    d.begin_leg(article_leg(1'000'000'000));
    feed(d,
         {"plab-events 1",
          line({"run", "1", "1", "serial", "1", "10", "1.000000", "sleep", "2", "1", "-1"}),
          line({"start", "1", "0", "0", "100", "0.000010"})},
         100.0);
    ElapsedChart chart;
    SpeedupChart speedup;
    chart.resize(640, 430);
    const ChartPoints points = chart_points(d, 8);
    chart.show_points(points);
    speedup.show_points(points);
    chart.show_live(live_run(d, 101.0));
    const BarRow at_1s = chart.bars()->rows()[0];
    const double width_1s = chart.bars()->bar_rect(0).width();
    chart.show_live(live_run(d, 104.0));
    speedup.show_live(live_run(d, 104.0));
    const BarRow at_4s = chart.bars()->rows()[0];
    EXPECT_EQ(at_4s.look, BarRow::Look::Growing);
    EXPECT_DOUBLE_EQ(at_1s.value, 1.0);
    EXPECT_DOUBLE_EQ(at_4s.value, 4.0);
    EXPECT_EQ(at_4s.text, "4.000 s, running…");
    EXPECT_NEAR(chart.bars()->bar_rect(0).width(), 4 * width_1s, 1.0);
    EXPECT_DOUBLE_EQ(at_4s.outline, 10.0);  // growing towards what serial should take
    EXPECT_EQ(speedup.bars()->rows()[0].text, "running, 4.000 s so far…");
    shoot(&chart, "bars-mid-run-640x430");
    chart.show_live(std::nullopt);
    EXPECT_DOUBLE_EQ(chart.bars()->rows()[0].value, 0.0);
}

TEST(ElapsedBars, SpeedupBarsAppearAsRunsEnd) {
    SpeedupChart chart;
    chart.resize(640, 430);
    chart.show_points(chart_points(article_done(), 8));
    ASSERT_TRUE(chart.showing_bars());
    const auto& rows = chart.bars()->rows();
    EXPECT_EQ(rows[0].text, "1.00× (the baseline)");
    EXPECT_EQ(rows[1].text, "5.00× · efficiency 100%");
    EXPECT_DOUBLE_EQ(
        chart.bars()->ideal_x(),
        chart.bars()->bar_rect(1).left() + chart.bars()->bar_rect(1).width() * 5.0 / 4.996503);
    shoot(&chart, "speedup-bars-done-640x430");
}

TEST(ElapsedBars, ADarkPaletteGetsADarkChart) {
    ElapsedChart chart;
    chart.resize(640, 430);
    chart.setPalette(dark_palette());
    chart.show_points(chart_points(article_done(), 8));
    const QImage image = chart.grab().toImage();
    EXPECT_EQ(QColor(image.pixel(2, 2)), QColor(0x1E, 0x1E, 0x1E));
    EXPECT_EQ(chart.bars()->rows()[0].color, strategy_color(Strategy::Serial, true));
    shoot(&chart, "bars-done-dark-640x430");
    SpeedupChart speedup;
    speedup.resize(640, 430);
    speedup.setPalette(dark_palette());
    speedup.show_points(chart_points(article_done(), 8));
    shoot(&speedup, "speedup-bars-done-dark-640x430");
}

TEST(ElapsedBars, TextScaleGrowsTheBarsText) {
    ElapsedChart chart;
    chart.resize(640, 430);
    chart.show_points(chart_points(article_done(), 8));
    const double label_left = chart.bars()->bar_rect(0).left();
    chart.set_text_scale(1.6);
    EXPECT_GT(chart.bars()->bar_rect(0).left(), label_left);  // wider labels column
    shoot(&chart, "bars-done-640x430-text-1.6");
}

TEST(ElapsedBars, AShortChartShrinksItsTextUntilEachLabelFitsItsRow) {
    ElapsedChart chart;
    chart.show_points(chart_points(article_done(), 8));
    // The bars alone, as short as the window at 853x450 in presentation mode leaves them.
    BarsView bars(chart.bars()->title(), BarMeasure::Elapsed);
    bars.set_rows(chart.bars()->rows(), 2.0, "ideal with 5 workers: 2.000 s");
    bars.set_text_scale(1.6);  // presentation mode
    bars.resize(853, 230);
    const double row = bars.bar_rect(1).center().y() - bars.bar_rect(0).center().y();
    EXPECT_LT(bars.fitted_scale(), 1.6);
    EXPECT_LE(QFontMetricsF(readable_font(1.1 * bars.fitted_scale())).height(), row * 0.9 + 0.5);
    save_screenshot(&bars, "bars-done-853x230-text-1.6");
    bars.resize(853, 700);  // room enough: the scale set
    EXPECT_DOUBLE_EQ(bars.fitted_scale(), 1.6);
}

TEST(ElapsedBars, SeveralWorkerCountsKeepTheLines) {
    // The tiny-tasks preset's shape: two chunk sizes, workers 1, 2 and 4, all ended.
    SweepData d;
    SweepSpec a;
    a.strategies = {Strategy::Serial, Strategy::Map, Strategy::ImapUnordered};
    a.workers = {1, 2, 4};
    a.base.tasks = 20'000;
    a.base.delay_ns = 0;
    a.base.chunksize = 1;
    SweepSpec b = a;
    b.base.chunksize = 0;
    for (const SweepSpec& leg : {a, b}) {
        int run = 0;  // the engine numbers the runs of each sweep from 1
        d.begin_leg(leg);
        feed(d, {"plab-events 1"});
        const double serial = leg.base.chunksize ? 0.006 : 0.0065;
        const std::string chunk = leg.base.chunksize ? "1" : "400";
        ++run;
        feed(d, {line({"run", std::to_string(run), "1", "serial", "1", "20000", "0", "sleep", "2",
                       "1", "-1"}),
                 line({"end", std::to_string(run), std::to_string(serial), std::to_string(serial),
                       "0", "1", "1", "nan", "0", "0", ""})});
        for (const char* strategy : {"map", "imap_unordered"}) {
            for (int w : {1, 2, 4}) {
                ++run;
                const double per_task = leg.base.chunksize ? 40e-6 : 1.5e-6;
                const double elapsed = 0.03 + 20'000 * per_task / w;
                const std::string n = std::to_string(run);
                feed(d, {line({"run", n, "1", strategy, std::to_string(w), "20000", "0", "sleep",
                               "2", chunk, "-1"}),
                         line({"end", n, std::to_string(elapsed), std::to_string(serial), "0",
                               std::to_string(serial / elapsed),
                               std::to_string(serial / elapsed / w), "nan", "0", "0", ""})});
            }
        }
        feed(d, {line({"done", "0"})});
    }
    ElapsedChart elapsed;
    elapsed.resize(640, 430);
    elapsed.show_points(chart_points(d, 8));
    EXPECT_FALSE(elapsed.showing_bars());
    elapsed.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&elapsed));
    QTest::qWait(30);
    EXPECT_FALSE(elapsed.lines()->shown_labels().isEmpty());
    shoot(&elapsed, "tiny-elapsed-done-640x430");
    SpeedupChart speedup;
    speedup.resize(640, 430);
    speedup.show_points(chart_points(d, 8));
    speedup.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&speedup));
    QTest::qWait(30);
    shoot(&speedup, "tiny-speedup-done-640x430");
    elapsed.setPalette(dark_palette());
    QTest::qWait(30);
    shoot(&elapsed, "tiny-elapsed-done-dark-640x430");
}

TEST(ElapsedBars, ARefusalTooLongForItsBarDropsItsAsideBeforeAnEllipsis) {
    const QFontMetricsF fm(QApplication::font());
    const QString text = "refused: a closure cannot be sent (as in Python)";
    const QString core = "refused: a closure cannot be sent";
    EXPECT_EQ(one_line(text, fm, fm.horizontalAdvance(text) + 1), text);
    EXPECT_EQ(one_line(text, fm, fm.horizontalAdvance(core) + 1), core);  // not "... (as in Pyt…"
    const QString cut = one_line(text, fm, fm.horizontalAdvance(core) / 2);
    EXPECT_TRUE(cut.endsWith(QChar(0x2026))) << cut.toStdString();
    EXPECT_LE(fm.horizontalAdvance(cut), fm.horizontalAdvance(core) / 2);
    EXPECT_EQ(one_line("no aside here at all", fm, fm.horizontalAdvance("no aside") + 1).back(),
              QChar(0x2026));
}
