// The log: tones by colour, and its last line stays in view.
#include <gtest/gtest.h>

#include <QApplication>
#include <QScrollBar>
#include <QStyle>
#include <QTest>
#include <QTextBlock>

#include "contrast.h"
#include "log_view.h"

using namespace plab::ui;

TEST(LogView, TheLastLineStaysInViewWhenTheLogShrinks) {
    LogView log;
    log.resize(600, 400);
    log.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&log, 5'000));
    for (int i = 0; i < 40; ++i)
        log.add_line(QString("line %1").arg(i), Tone::Plain);
    QTest::qWait(20);
    QScrollBar* bar = log.verticalScrollBar();
    ASSERT_EQ(bar->value(), bar->maximum());
    log.resize(600, 80);
    QTest::qWait(20);
    EXPECT_EQ(bar->value(), bar->maximum());
    EXPECT_GT(bar->maximum(), 0);
}

TEST(LogView, ErrorsAndLessonsHaveTheirOwnColours) {
    LogView log;
    log.add_line("the lesson", Tone::Lesson);
    log.add_line("gone wrong", Tone::Error);
    const QColor base = log.palette().color(QPalette::Base);
    const QString html = log.document()->toHtml();
    EXPECT_TRUE(html.contains(tone_color(Tone::Lesson, base).name(), Qt::CaseInsensitive));
    EXPECT_TRUE(html.contains(tone_color(Tone::Error, base).name(), Qt::CaseInsensitive));
}

TEST(LogView, ADarkPaletteSetAfterTheLinesRecoloursThemAll) {
    // A teacher's desktop turns dark while the window is open: lines written for the light
    // palette must not stay dark on dark.
    LogView log;
    log.setPalette(QApplication::style()->standardPalette());
    log.add_line("12.00 s", Tone::Plain);
    log.add_line("refused, as the article shows", Tone::Lesson);
    log.add_line("task 3 failed", Tone::Error);
    log.setPalette(dark_palette());
    const QColor base = log.palette().color(QPalette::Base);
    int coloured = 0;
    for (QTextBlock block = log.document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (!format.hasProperty(QTextFormat::ForegroundBrush)) continue;
            const QColor color = format.foreground().color();
            EXPECT_GE(contrast_ratio(color, base), 4.5)
                << it.fragment().text().toStdString() << " in " << color.name().toStdString()
                << " on " << base.name().toStdString();
            ++coloured;
        }
    }
    EXPECT_EQ(coloured, 6);  // a stamp and a text per line
    const QString html = log.document()->toHtml();
    EXPECT_TRUE(html.contains(tone_color(Tone::Error, base).name(), Qt::CaseInsensitive));
}
