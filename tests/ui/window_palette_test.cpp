// The window's text colours are readable (WCAG 4.5:1) on light and dark backgrounds.
#include <gtest/gtest.h>

#include "chart_style.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;

TEST(WindowPalette, ContrastRatioIsWcags) {
    EXPECT_NEAR(contrast_ratio(Qt::black, Qt::white), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(Qt::white, Qt::white), 1.0, 1e-9);
    // #777 on white: 4.48, the classic just-fails grey.
    EXPECT_NEAR(contrast_ratio(QColor(0x77, 0x77, 0x77), Qt::white), 4.48, 0.01);
}

TEST(WindowPalette, EveryToneIsReadableOnLightAndDark) {
    const QPalette dark = dark_palette();
    EXPECT_TRUE(is_dark(dark));
    EXPECT_FALSE(is_dark(QPalette(Qt::white)));
    for (const QColor& bg : {QColor(Qt::white), QColor(0xef, 0xef, 0xef),
                             dark.color(QPalette::Window), dark.color(QPalette::Base)}) {
        for (Tone t : {Tone::Plain, Tone::Lesson, Tone::Error, Tone::Muted}) {
            EXPECT_GE(contrast_ratio(tone_color(t, bg), bg), 4.5)
                << bg.name().toStdString() << " tone " << static_cast<int>(t);
        }
        EXPECT_NE(tone_color(Tone::Lesson, bg), tone_color(Tone::Error, bg));
    }
    EXPECT_GE(contrast_ratio(dark.color(QPalette::WindowText), dark.color(QPalette::Window)), 4.5);
    EXPECT_GE(contrast_ratio(dark.color(QPalette::Text), dark.color(QPalette::Base)), 4.5);
}

TEST(WindowPalette, StrategyColoursAreMadeReadableKeepingTheirHue) {
    for (Strategy s : all_strategies()) {
        for (const QColor& bg : {QColor(Qt::white), dark_palette().color(QPalette::Window)}) {
            const QColor c = readable_on(strategy_color(s), bg);
            EXPECT_GE(contrast_ratio(c, bg), 4.5) << static_cast<int>(s);
            if (strategy_color(s).hslSaturation() > 40 && c != Qt::white && c != Qt::black) {
                EXPECT_NEAR(c.hslHue(), strategy_color(s).hslHue(), 12) << static_cast<int>(s);
            }
        }
    }
}

TEST(WindowPalette, ADarkDesktopIsFollowed) {
    const QByteArray before = qgetenv("GTK_THEME");
    QPalette light(QColor(0xef, 0xef, 0xef));
    qputenv("GTK_THEME", "Adwaita:dark");
    EXPECT_TRUE(desktop_wants_dark(light));
    EXPECT_FALSE(desktop_wants_dark(dark_palette()));  // the platform gives dark already
    qputenv("GTK_THEME", "Adwaita");
    EXPECT_FALSE(desktop_wants_dark(light));
    if (before.isEmpty()) {
        qunsetenv("GTK_THEME");
    } else {
        qputenv("GTK_THEME", before);
    }
}
