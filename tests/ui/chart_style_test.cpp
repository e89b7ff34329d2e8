// The charts' colours: readable text on light and dark, strategies apart, never the error red.
#include <gtest/gtest.h>

#include "chart_style.h"

using namespace plab;
using namespace plab::ui;

namespace {

QPalette palette_of(QColor base, QColor text) {
    QPalette p;
    p.setColor(QPalette::Window, base);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Text, text);
    return p;
}

}  // namespace

TEST(ChartStyle, ContrastRatioIsWcags) {
    EXPECT_NEAR(contrast_ratio(Qt::black, Qt::white), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(Qt::white, Qt::white), 1.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(QColor(0x76, 0x76, 0x76), Qt::white), 4.54, 0.01);
}

TEST(ChartStyle, LabelsAndTitlesReadOnLightAndDark) {
    const std::vector<QPalette> palettes{
        palette_of(Qt::white, Qt::black),
        palette_of(QColor(0x1E, 0x1E, 0x1E), QColor(0xEE, 0xEE, 0xEE)),
        palette_of(QColor(0x31, 0x36, 0x3B), QColor(0xEF, 0xF0, 0xF1)),   // Breeze Dark
        palette_of(QColor(0xF0, 0xF0, 0xF0), QColor(0x50, 0x50, 0x50))};  // a grey-on-grey theme
    for (const QPalette& p : palettes) {
        const ChartColors c = chart_colors(p);
        EXPECT_EQ(c.background, p.color(QPalette::Base));
        EXPECT_GE(contrast_ratio(c.text, c.background), 4.5) << c.background.name().toStdString();
        EXPECT_GE(contrast_ratio(c.muted, c.background), 4.5) << c.background.name().toStdString();
        EXPECT_GE(contrast_ratio(c.neutral, c.background), 4.5)
            << c.background.name().toStdString();
        EXPECT_GE(contrast_ratio(c.ideal, c.background), 4.5) << c.background.name().toStdString();
    }
    EXPECT_FALSE(chart_colors(palettes[0]).dark);
    EXPECT_TRUE(chart_colors(palettes[1]).dark);
}

TEST(ChartStyle, StrategiesStayVisibleAndApartOnBothBackgrounds) {
    for (bool dark : {false, true}) {
        const QColor bg = dark ? QColor(0x1E, 0x1E, 0x1E) : QColor(Qt::white);
        for (Strategy s : all_strategies()) {
            const QColor c = strategy_color(s, dark);
            EXPECT_NE(c, error_color());
            // Serial's grey never vanishes; Okabe-Ito's orange and sky blue are the palest on
            // white, and each series also has its own marker.
            EXPECT_GE(contrast_ratio(c, bg), s == Strategy::Serial ? 7.0 : 2.2)
                << strategy_name(s) << (dark ? " on dark" : " on light");
            for (Strategy t : all_strategies()) {
                if (t != s) {
                    EXPECT_NE(c, strategy_color(t, dark));
                }
            }
        }
    }
}

TEST(ChartStyle, SixMarkersBeforeOneRepeats) {
    for (int i = 0; i < kMarkerShapes; ++i) {
        for (int j = 0; j < i; ++j)
            EXPECT_NE(marker_shape(i), marker_shape(j));
    }
    EXPECT_EQ(marker_shape(kMarkerShapes), marker_shape(0));
    EXPECT_EQ(marker_shape(-1), marker_shape(kMarkerShapes - 1));
}
