// Round tick steps and their labels.
#include <gtest/gtest.h>

#include "axis_ticks.h"

using namespace plab::ui;

TEST(AxisTicks, StepIsOneTwoOrFiveTimesAPowerOfTen) {
    EXPECT_DOUBLE_EQ(tick_step(0, 10, 10), 1.0);
    EXPECT_DOUBLE_EQ(tick_step(0, 10, 4), 5.0);
    EXPECT_DOUBLE_EQ(tick_step(0, 2.1, 8), 0.5);
    EXPECT_NEAR(tick_step(0, 0.003, 6), 0.0005, 1e-15);
    EXPECT_DOUBLE_EQ(tick_step(5, 5, 4), 1.0);  // empty range
    EXPECT_DOUBLE_EQ(tick_step(0, 5, 0), 1.0);
}

TEST(AxisTicks, TicksAreTheMultiplesInsideTheRange) {
    EXPECT_EQ(ticks(0.3, 2.2, 0.5), (std::vector<double>{0.5, 1.0, 1.5, 2.0}));
    EXPECT_TRUE(ticks(0, 1, 0).empty());
    EXPECT_EQ(ticks(0, 1e9, 1).size(), 1000u);  // bounded
}

TEST(AxisTicks, LabelsUseAUnitThatFitsTheStep) {
    EXPECT_EQ(tick_label(2, 1), "2 s");
    EXPECT_EQ(tick_label(1.5, 0.5), "1.5 s");
    EXPECT_EQ(tick_label(0.25, 0.05), "250 ms");
    EXPECT_EQ(tick_label(40e-6, 10e-6), "40 µs");
}

TEST(AxisTicks, DurationsReadWell) {
    EXPECT_EQ(format_duration(2.0134), "2.013 s");
    EXPECT_EQ(format_duration(0.0124), "12.4 ms");
    EXPECT_EQ(format_duration(0.00085), "850 µs");
}

TEST(AxisTicks, LongSpansTickOnClockUnits) {
    EXPECT_DOUBLE_EQ(time_tick_step(0, 10, 10), 1.0);  // short spans as tick_step
    EXPECT_DOUBLE_EQ(time_tick_step(0, 3600, 6), 600.0);
    EXPECT_DOUBLE_EQ(time_tick_step(0, 5 * 3600, 5), 3600.0);
    EXPECT_DOUBLE_EQ(time_tick_step(0, 400, 5), 120.0);
    EXPECT_DOUBLE_EQ(time_tick_step(0, 30 * 86400, 3), 10 * 86400.0);
    EXPECT_EQ(tick_label(600, 600), "10 min");
    EXPECT_EQ(tick_label(5400, 1800), "1 h 30 min");
    EXPECT_EQ(tick_label(2 * 86400, 86400), "2 d");
}

TEST(AxisTicks, LongDurationsNeverUseExponents) {
    EXPECT_EQ(format_duration(100), "1 min 40 s");
    EXPECT_EQ(format_duration(3 * 3600 + 600), "3 h 10 min");
    EXPECT_EQ(format_duration(1.89e7), "218 d 18 h");
    EXPECT_EQ(format_duration(59.9999), "1 min");
    EXPECT_EQ(format_rough_duration(3 * 3600 + 599.6), "3 h 10 min");
    EXPECT_EQ(format_rough_duration(250), "4 min 10 s");
    EXPECT_EQ(format_rough_duration(12.4), "12 s");
    EXPECT_EQ(format_rough_duration(0.2), "under a second");
    EXPECT_EQ(format_rough_duration(-1), "");
    for (double s : {1e9, 1e12, 1e20}) {
        EXPECT_EQ(format_duration(s).find('e'), std::string::npos) << s;
    }
}
