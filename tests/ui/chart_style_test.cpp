// The charts' colours: readable text on light and dark, strategies apart, never the error red.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

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

namespace {

// CIE L*a*b* of an sRGB colour (D65), for colour differences as people see them.
std::array<double, 3> lab(const QColor& c) {
    auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const double r = linear(c.redF());
    const double g = linear(c.greenF());
    const double b = linear(c.blueF());
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double delta_e(const QColor& a, const QColor& b) {
    const auto p = lab(a);
    const auto q = lab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

}  // namespace

TEST(ChartStyle, OpenMpisStrategiesLookLikeNoOther) {
    std::vector<Strategy> others = all_strategies();
    others.insert(others.end(), python_strategies().begin(), python_strategies().end());
    for (bool dark : {false, true}) {
        const QColor bg = dark ? QColor(0x1E, 0x1E, 0x1E) : QColor(Qt::white);
        for (Strategy s : mpi_strategies()) {
            const QColor c = strategy_color(s, dark);
            const std::string name = std::string(strategy_name(s)) + (dark ? " on dark" : "");
            EXPECT_GE(contrast_ratio(c, bg), 4.5) << name;
            // Apart from every other strategy, Python's shades and the error red included.
            EXPECT_GE(delta_e(c, error_color()), 25) << name;
            for (Strategy t : others)
                EXPECT_GE(delta_e(c, strategy_color(t, dark)), 25)
                    << name << " vs " << strategy_name(t);
            for (Strategy t : mpi_strategies()) {
                if (t != s) {
                    EXPECT_GE(delta_e(c, strategy_color(t, dark)), 25) << name;
                }
            }
            // And drawn apart: dash-dotted, where ours are solid, dashed or dotted.
            for (int variant = 0; variant < 3; ++variant) {
                const Qt::PenStyle mine = series_pen(s, variant, dark).style();
                EXPECT_TRUE(mine == Qt::DashDotLine || mine == Qt::DashDotDotLine) << name;
                for (Strategy t : others)
                    EXPECT_NE(mine, series_pen(t, variant, dark).style()) << name;
            }
        }
    }
}
