// The elapsed and speedup charts show what chart_points computed, line by line.
#include <gtest/gtest.h>

#include <malloc.h>

#include <QDir>
#include <QLegendMarker>
#include <QScreen>
#include <QSet>
#include <QTest>
#include <algorithm>
#include <cmath>

#include "elapsed_chart.h"
#include "speedup_chart.h"
#include "sweep_fixture.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

QList<QPointF> points_of(QLineSeries* s) {
    return s ? s->points() : QList<QPointF>{};
}

// One point at y, drawn beside worker count w (strategies are dodged sideways by at most 0.3).
::testing::AssertionResult one_point_near(const QList<QPointF>& points, double w, double y) {
    if (points.size() != 1) return ::testing::AssertionFailure() << points.size() << " points";
    if (std::abs(points[0].x() - w) > 0.3 || points[0].y() != y) {
        return ::testing::AssertionFailure()
               << "(" << points[0].x() << ", " << points[0].y() << ")";
    }
    return ::testing::AssertionSuccess();
}

}  // namespace

TEST(Charts, ElapsedShowsIdealBaselineAndEachStrategy) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    ElapsedChart chart;
    chart.show_points(chart_points(d, 2));
    EXPECT_EQ(points_of(chart.line("ideal")), (QList<QPointF>{{1, 4.0}, {2, 2.0}}));
    EXPECT_EQ(chart.line("ideal")->pen().style(), Qt::DashLine);
    EXPECT_TRUE(chart.showing_bars());  // one worker count: the bars are on screen
    EXPECT_EQ(points_of(chart.line("serial")), (QList<QPointF>{{1, 4.001}, {2, 4.001}}));
    EXPECT_TRUE(one_point_near(points_of(chart.line("map/0")), 2, 2.01));
    ASSERT_TRUE(chart.line("map_closure/0"));
    EXPECT_TRUE(chart.line("map_closure/0")->name().contains("refused"));
    // ideal, serial, and a line and its markers for each of map and map_closure
    EXPECT_EQ(chart.chart()->series().size(), 6);
}

TEST(Charts, ReplacingPointsKeepsTheSameSeries) {
    SweepData d;
    feed_first_half(d);
    ElapsedChart chart;
    chart.show_points(chart_points(d, 2));
    QLineSeries* map = chart.line("map/0");
    ASSERT_TRUE(map);
    EXPECT_TRUE(map->points().isEmpty());
    feed_second_half(d);
    chart.show_points(chart_points(d, 2));
    EXPECT_EQ(chart.line("map/0"), map);
    EXPECT_EQ(map->points().size(), 1);
}

TEST(Charts, SpeedupAndEfficiencyWithTheirIdeals) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    SpeedupChart chart;
    chart.show_points(chart_points(d, 2));
    EXPECT_EQ(points_of(chart.speedup()->line("ideal")), (QList<QPointF>{{1, 1}, {2, 2}}));
    EXPECT_TRUE(one_point_near(points_of(chart.speedup()->line("map/0")), 2, 1.990547));
    EXPECT_EQ(points_of(chart.efficiency()->line("ideal")), (QList<QPointF>{{1, 100}, {2, 100}}));
    ASSERT_EQ(chart.efficiency()->line("map/0")->points().size(), 1);
    EXPECT_NEAR(chart.efficiency()->line("map/0")->points()[0].y(), 99.5274, 1e-9);
}

TEST(Charts, ANewExperimentDropsLinesItDoesNotHave) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    ElapsedChart chart;
    chart.show_points(chart_points(d, 2));
    SweepData other;
    SweepSpec leg = small_leg();
    leg.strategies = {Strategy::ThreadMap};
    other.begin_leg(leg);
    chart.show_points(chart_points(other, 2));
    EXPECT_EQ(chart.line("map/0"), nullptr);
    EXPECT_NE(chart.line("thread_map/0"), nullptr);
    // The serial line is now what this experiment expects (tasks x delay), no longer measured.
    ASSERT_NE(chart.line("serial"), nullptr);
    EXPECT_TRUE(chart.line("serial")->name().contains("tasks × delay"))
        << chart.line("serial")->name().toStdString();
    EXPECT_DOUBLE_EQ(chart.line("serial")->points().front().y(), 4.0);
}

namespace {

// map and imap_unordered on 1 and 2 workers, one leg per chunk size (1, auto), as the
// tiny-tasks preset; the first leg's runs have ended.
SweepData two_chunk_sizes() {
    SweepData d;
    SweepSpec a = small_leg();
    a.strategies = {Strategy::Serial, Strategy::Map, Strategy::ImapUnordered};
    a.workers = {1, 2};
    a.base.chunksize = 1;
    SweepSpec b = a;
    b.base.chunksize = 0;
    d.begin_leg(a);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "serial", "1", "4", "1", "sleep", "2", "1", "-1"}),
             line({"end", "1", "4.0", "4.0", "4.0", "1", "1", "nan", "0", "0", ""}),
             line({"run", "2", "1", "map", "1", "4", "1", "sleep", "2", "1", "-1"}),
             line({"end", "2", "4.1", "4.0", "4.0", "0.97", "0.97", "nan", "0", "0", ""}),
             line({"run", "3", "1", "map", "2", "4", "1", "sleep", "2", "1", "-1"}),
             line({"end", "3", "2.1", "4.0", "2.0", "1.90", "0.95", "nan", "0", "0", ""}),
             line({"run", "4", "1", "imap_unordered", "1", "4", "1", "sleep", "2", "1", "-1"}),
             line({"end", "4", "4.2", "4.0", "4.0", "0.95", "0.95", "nan", "0", "0", ""}),
             line({"run", "5", "1", "imap_unordered", "2", "4", "1", "sleep", "2", "1", "-1"}),
             line({"end", "5", "2.2", "4.0", "2.0", "1.82", "0.91", "nan", "0", "0", ""}),
             line({"done", "0"})});
    d.begin_leg(b);
    return d;
}

}  // namespace

TEST(Charts, EverySeriesHasItsOwnMarkerAndEachChunkSizeItsDash) {
    const SweepData d = two_chunk_sizes();
    ElapsedChart chart;
    chart.show_points(chart_points(d, 2));
    EXPECT_FALSE(chart.showing_bars());  // two worker counts: lines
    const QStringList ids{"map/1", "map/0", "imap_unordered/1", "imap_unordered/0"};
    QSet<int> shapes;
    for (const QString& id : ids) {
        ASSERT_TRUE(chart.lines()->markers(id)) << id.toStdString();
        shapes.insert(chart.lines()->markers(id)->markerShape());
    }
    EXPECT_EQ(shapes.size(), ids.size());  // the two chunk sizes never share a marker
    EXPECT_EQ(chart.line("map/1")->pen().style(), Qt::SolidLine);
    EXPECT_EQ(chart.line("map/0")->pen().style(), Qt::DashLine);
    EXPECT_EQ(chart.line("map/1")->pen().color(), chart.line("map/0")->pen().color());
    EXPECT_NE(chart.line("map/1")->pen().color(), chart.line("imap_unordered/1")->pen().color());
    // Each chunk size's serial baseline is its own line, named as such.
    ASSERT_TRUE(chart.line("serial/1"));
    ASSERT_TRUE(chart.line("serial/0"));
    EXPECT_TRUE(chart.line("serial/1")->name().startsWith("Serial (measured), chunksize 1"))
        << chart.line("serial/1")->name().toStdString();
    EXPECT_EQ(chart.line("serial"), nullptr);
    // The legend below shows each series with its marker.
    const auto& entries = chart.legend()->entries();
    const auto map1 = std::find_if(entries.begin(), entries.end(), [](const LegendEntry& e) {
        return e.name == "Pool.map · chunksize 1";
    });
    ASSERT_NE(map1, entries.end());
    EXPECT_TRUE(map1->shape.has_value());
}

TEST(Charts, HoveringAPointSaysStrategyWorkersElapsedAndSpeedup) {
    const SweepData d = two_chunk_sizes();
    SpeedupChart chart;
    chart.show_points(chart_points(d, 2));
    QScatterSeries* markers = chart.speedup()->markers("map/1");
    ASSERT_TRUE(markers);
    ASSERT_EQ(markers->points().size(), 2);
    emit markers->hovered(markers->points()[1], true);
    EXPECT_EQ(
        chart.speedup()->hover_text(),
        "Pool.map · chunksize 1 · 2 workers\nelapsed 2.100 s\nspeedup 1.90× · efficiency 95%");
}

TEST(Charts, ValuesAreWrittenBesideThePointsWhereTheyFit) {
    const SweepData d = two_chunk_sizes();
    ElapsedChart chart;
    chart.resize(640, 430);
    chart.show();
    chart.show_points(chart_points(d, 2));
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));
    QTest::qWait(20);
    const QStringList labels = chart.lines()->shown_labels();
    EXPECT_TRUE(labels.contains("2.100 s")) << labels.join(" | ").toStdString();
    EXPECT_GE(labels.size(), 2);
}

TEST(Charts, TextScaleGrowsTitlesAxesAndLegend) {
    ElapsedChart chart;
    chart.show_points(chart_points(two_chunk_sizes(), 2));
    const double title = chart.chart()->titleFont().pointSizeF();
    const int legend = chart.legend()->heightForWidth(600);
    chart.set_text_scale(1.5);
    EXPECT_NEAR(chart.chart()->titleFont().pointSizeF(), 1.5 * title, 0.01);
    EXPECT_NEAR(chart.chart()->axes().front()->labelsFont().pointSizeF(),
                1.5 * readable_font().pointSizeF(), 0.01);
    EXPECT_GT(chart.legend()->heightForWidth(600), legend);
}

TEST(Charts, ANarrowChartsLegendWrapsBelowItWithNothingCutOff) {
    ElapsedChart chart;
    chart.resize(420, 400);
    chart.show();
    chart.show_points(chart_points(two_chunk_sizes(), 2));
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));
    QTest::qWait(20);
    ChartLegend* legend = chart.legend();
    EXPECT_GE(legend->geometry().top(), chart.lines()->geometry().bottom());  // below
    for (int i = 0; i < int(legend->entries().size()); ++i) {
        const QRect r = legend->entry_rect(i);
        EXPECT_TRUE(legend->rect().contains(r)) << i;
        const QFontMetrics fm(readable_font(1.05));
        EXPECT_GE(r.width(), 30 + 6 + fm.horizontalAdvance(legend->entries()[std::size_t(i)].name))
            << "cut: " << legend->entries()[std::size_t(i)].name.toStdString();
    }
}

TEST(Charts, EachViewIsBuiltWithItsOwnChartAndOrphansNone) {
    {  // warm Qt's caches (fonts, themes) first
        ElapsedChart warm;
        SpeedupChart warm_too;
    }
    const auto before = mallinfo2().uordblks;
    for (int i = 0; i < 30; ++i) {
        SeriesChart chart("title", SeriesChart::YAxis::Times);
        ASSERT_EQ(chart.scene()->items().count(chart.chart()), 1);
    }
    const auto after = mallinfo2().uordblks;
    // An orphaned default QChart keeps tens of kilobytes per view; allow some noise.
    EXPECT_LT(double(after) - double(before), 30 * 2048.0);
}

namespace {

// What the window shows of widget now, without repainting it: the offscreen backing store.
QImage on_screen(QWidget* widget) {
    return widget->screen()->grabWindow(widget->winId()).toImage();
}

// How many pixels of two images of the same size differ.
int differing_pixels(const QImage& a, const QImage& b) {
    int differ = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x)
            differ += a.pixel(x, y) != b.pixel(x, y);
    }
    return differ;
}

// Keeps a picture of a failure beside the screenshots.
void save_image(const QImage& image, const QString& name) {
    QDir().mkpath(PLAB_SCREENSHOT_DIR);
    image.save(QString(PLAB_SCREENSHOT_DIR) + "/" + name + ".png");
}

}  // namespace

TEST(Charts, ANewExperimentRepaintsTheWholeChart) {
    SweepData first = two_chunk_sizes();
    SweepData next;  // the same form, started again: nothing has ended yet
    for (const SweepSpec& leg : first.legs())
        next.begin_leg(leg);
    ElapsedChart chart;
    chart.resize(640, 430);
    chart.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));
    chart.show_points(chart_points(first, 2));
    QTest::qWait(60);
    chart.show_points(chart_points(next, 2));
    QTest::qWait(60);

    ElapsedChart fresh;
    fresh.resize(640, 430);
    fresh.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&fresh));
    fresh.show_points(chart_points(next, 2));
    QTest::qWait(60);
    const QImage a = on_screen(&chart), b = on_screen(&fresh);
    ASSERT_FALSE(a.isNull());
    ASSERT_EQ(a.size(), b.size());
    const int differ = differing_pixels(a, b);
    if (differ) save_image(a, "charts-stale");
    EXPECT_EQ(differ, 0) << "pixels left over from the previous experiment";
}

TEST(Charts, AMovedSinglePointLeavesNoMarkerBehind) {
    const auto draw = [](SeriesChart& chart, const std::vector<XY>& points) {
        LineLook look{series_pen(Strategy::Map, 0), MarkerShape::Circle, {}, {}};
        chart.set_line("map/0", "Pool.map", look, points);
        chart.set_line(
            "pathos_map/0", "pathos", look,
            points.empty() ? points : std::vector<XY>{{points[0].x + 0.2, points[0].y * 0.8}});
        chart.fit_axes(1, 5, 0.001);
    };
    SeriesChart chart("Elapsed", SeriesChart::YAxis::Seconds);
    chart.resize(640, 430);
    chart.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));
    draw(chart, {{5, 2.0}});
    QTest::qWait(60);
    draw(chart, {{3, 6.0}});
    QTest::qWait(60);
    SeriesChart fresh("Elapsed", SeriesChart::YAxis::Seconds);
    fresh.resize(640, 430);
    fresh.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&fresh));
    draw(fresh, {{3, 6.0}});
    QTest::qWait(60);
    const QImage a = on_screen(&chart), b = on_screen(&fresh);
    const int differ = differing_pixels(a, b);
    if (differ) save_image(a, "charts-stale-point");
    EXPECT_EQ(differ, 0);
}

TEST(Charts, TheLegendListsBaselinesBeforeTheSeries) {
    const SweepData ran = two_chunk_sizes();
    SweepData d;  // the window begins the second leg only when the first has run
    d.begin_leg(ran.legs().front());
    ElapsedChart chart;
    chart.show_points(chart_points(d, 2));  // one leg: one "serial" line, then two
    chart.show_points(chart_points(ran, 2));
    const auto& entries = chart.legend()->entries();
    ASSERT_EQ(entries.size(), 7u);
    EXPECT_TRUE(entries[1].name.startsWith("Serial")) << entries[1].name.toStdString();
    EXPECT_TRUE(entries[2].name.startsWith("Serial")) << entries[2].name.toStdString();
    EXPECT_EQ(entries[3].name, "Pool.map · chunksize 1");
}
