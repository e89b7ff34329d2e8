// The log: tones by colour, and its last line stays in view.
#include <gtest/gtest.h>

#include <QScrollBar>
#include <QTest>

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
