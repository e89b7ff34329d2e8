// The elapsed and speedup charts show what chart_points computed, line by line.
#include <gtest/gtest.h>

#include <cmath>

#include <QLegendMarker>

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
    EXPECT_EQ(points_of(chart.line("serial")), (QList<QPointF>{{1, 4.001}, {2, 4.001}}));
    EXPECT_TRUE(one_point_near(points_of(chart.line("map/0")), 2, 2.01));
    ASSERT_TRUE(chart.line("map_closure/0"));
    EXPECT_TRUE(chart.line("map_closure/0")->name().contains("refused"));
    EXPECT_EQ(chart.chart()->series().size(), 4);
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
