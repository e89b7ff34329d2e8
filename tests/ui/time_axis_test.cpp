// The timeline's time <-> pixel mapping, without a screen.
#include <gtest/gtest.h>

#include <cmath>

#include "time_axis.h"

using plab::ui::TimeAxis;

namespace {

TimeAxis axis_of(double left, double width, double live_end) {
    TimeAxis a;
    a.set_pixels(left, width);
    a.set_live_end(live_end);
    return a;
}

}  // namespace

TEST(TimeAxis, FollowModeFitsTheRunWithRoomAtTheLiveEdge) {
    const TimeAxis a = axis_of(100, 800, 2.0);
    EXPECT_TRUE(a.following());
    EXPECT_DOUBLE_EQ(a.visible_start(), 0.0);
    EXPECT_DOUBLE_EQ(a.visible_end(), 2.0 * TimeAxis::kFollowRoom);
    EXPECT_DOUBLE_EQ(a.to_pixel(0), 100);
    EXPECT_NEAR(a.to_pixel(2.0), 100 + 800 / TimeAxis::kFollowRoom, 1e-9);
}

TEST(TimeAxis, PixelAndTimeAreInverse) {
    const TimeAxis a = axis_of(37, 613, 7.5);
    for (double t : {0.0, 0.001, 1.0, 3.3, 7.5})
        EXPECT_NEAR(a.to_seconds(a.to_pixel(t)), t, 1e-12);
}

TEST(TimeAxis, FollowModeGrowsWithTheRun) {
    TimeAxis a = axis_of(0, 1000, 1.0);
    a.set_live_end(4.0);
    EXPECT_DOUBLE_EQ(a.visible_end(), 4.0 * TimeAxis::kFollowRoom);
}

TEST(TimeAxis, ZoomKeepsTheTimeUnderTheAnchorAndLeavesFollow) {
    TimeAxis a = axis_of(100, 800, 10.0);
    const double anchor_px = 300;
    const double before = a.to_seconds(anchor_px);
    a.zoom(4.0, anchor_px);
    EXPECT_FALSE(a.following());
    EXPECT_NEAR(a.to_seconds(anchor_px), before, 1e-9);
    EXPECT_NEAR(a.visible_span(), 10.0 * TimeAxis::kFollowRoom / 4.0, 1e-9);
}

TEST(TimeAxis, ZoomedViewStaysPutWhileTheRunGrows) {
    TimeAxis a = axis_of(0, 500, 10.0);
    a.zoom(2.0, 250);
    const double start = a.visible_start(), end = a.visible_end();
    a.set_live_end(20.0);
    EXPECT_DOUBLE_EQ(a.visible_start(), start);
    EXPECT_DOUBLE_EQ(a.visible_end(), end);
}

TEST(TimeAxis, ResetReturnsToFollowing) {
    TimeAxis a = axis_of(0, 500, 10.0);
    a.zoom(3.0, 100);
    a.set_live_end(12.0);
    a.reset();
    EXPECT_TRUE(a.following());
    EXPECT_DOUBLE_EQ(a.visible_start(), 0.0);
    EXPECT_DOUBLE_EQ(a.visible_end(), 12.0 * TimeAxis::kFollowRoom);
}

TEST(TimeAxis, PanMovesByPixelsAndNeverBeforeZero) {
    TimeAxis a = axis_of(0, 1000, 10.0);
    a.show_range(4.0, 6.0);
    a.pan(-500);  // drag left by half the width: later times come into view
    EXPECT_NEAR(a.visible_start(), 5.0, 1e-9);
    EXPECT_NEAR(a.visible_end(), 7.0, 1e-9);
    a.pan(1e6);
    EXPECT_DOUBLE_EQ(a.visible_start(), 0.0);
    EXPECT_NEAR(a.visible_span(), 2.0, 1e-9);
    EXPECT_FALSE(a.following());
}

TEST(TimeAxis, SpanStaysWithinLimits) {
    TimeAxis a = axis_of(0, 100, 1.0);
    a.zoom(1e12, 50);
    EXPECT_DOUBLE_EQ(a.visible_span(), TimeAxis::kMinSpan);
    a.zoom(1e-30, 50);
    EXPECT_DOUBLE_EQ(a.visible_span(), TimeAxis::kMaxSpan);
    a.zoom(0, 50);   // ignored
    a.zoom(-2, 50);  // ignored
    EXPECT_DOUBLE_EQ(a.visible_span(), TimeAxis::kMaxSpan);
}

TEST(TimeAxis, AnEmptyRunOrANarrowWidgetNeverDividesByZero) {
    TimeAxis a = axis_of(10, 0, 0.0);
    EXPECT_DOUBLE_EQ(a.width(), 1.0);
    EXPECT_GT(a.visible_span(), 0.0);
    EXPECT_TRUE(std::isfinite(a.to_pixel(1.0)));
    EXPECT_TRUE(std::isfinite(a.to_seconds(50)));
}

TEST(TimeAxis, ShowRangeIgnoresAnEmptyRange) {
    TimeAxis a = axis_of(0, 100, 5.0);
    a.show_range(3.0, 3.0);
    EXPECT_TRUE(a.following());
    a.show_range(1.0, 2.0);
    EXPECT_DOUBLE_EQ(a.visible_start(), 1.0);
    EXPECT_DOUBLE_EQ(a.visible_end(), 2.0);
}
