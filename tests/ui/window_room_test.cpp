// The window fits the room: its minimum size fits 1024x768 and 1280x720 at 150%, it opens at a
// size that fits its screen, its text is readable in a dark palette, and pictures of the whole
// window at those sizes (mid-run and done) to look at.
#include <gtest/gtest.h>

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QScreen>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolBar>

#include "main_window.h"
#include "timeline_panel.h"
#include "timeline_widget.h"
#include "ui_test_support.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

// 1280x720 at 150% leaves 853x480 device-independent pixels; a title bar or a panel takes
// some 30 of them. 1024x768 is larger in both directions.
constexpr int kRoomWidth = 853;
constexpr int kRoomHeight = 480 - 30;

struct Room : ::testing::Test {
    /// A window with the settings file of this name (each name starts with none).
    std::unique_ptr<MainWindow> make(const QString& settings = "settings.ini") {
        WindowOptions options;
        options.engine = PLAB_BINARY;
        options.settings_file = dir.filePath(settings);
        return std::make_unique<MainWindow>(options);
    }
    QTemporaryDir dir;
};

QSize minimum_of(QWidget* w) {
    return w->minimumSizeHint().expandedTo(w->minimumSize());
}

/// True when child is shown whole inside its window.
bool whole_inside(QWidget* child) {
    if (!child->isVisible()) return false;
    const QRect r(child->mapTo(child->window(), QPoint(0, 0)), child->size());
    return child->window()->rect().contains(r);
}

QString scale_suffix() {
    const QByteArray scale = qgetenv("QT_SCALE_FACTOR");
    return scale.isEmpty() ? QString() : "-x" + QString::fromLatin1(scale);
}

}  // namespace

TEST_F(Room, TheMinimumSizeFitsAProjectorAt150Percent) {
    auto window = make();
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get(), 5'000));
    const QSize min = minimum_of(window.get());
    std::printf("minimum size %dx%d device-independent, %gx%g pixels at scale %g\n", min.width(),
                min.height(), min.width() * window->devicePixelRatioF(),
                min.height() * window->devicePixelRatioF(), window->devicePixelRatioF());
    EXPECT_LE(min.width(), kRoomWidth);
    EXPECT_LE(min.height(), kRoomHeight);
    // In pixels: whatever the scale, the minimum fits a 1280x720 screen (and 1024x768 at 1x).
    EXPECT_LE(min.width() * window->devicePixelRatioF(), 1280.0);
    EXPECT_LE(min.height() * window->devicePixelRatioF(), 720.0 - 30);

    // At that size Run and Cancel are reachable and the status bar is whole.
    window->resize(kRoomWidth, kRoomHeight);
    QTest::qWait(50);
    QToolBar* bar = window->toolbar();
    EXPECT_TRUE(whole_inside(bar->widgetForAction(window->action("run"))));
    EXPECT_TRUE(whole_inside(bar->widgetForAction(window->action("cancel"))));
    EXPECT_TRUE(whole_inside(window->statusBar()));
    EXPECT_GE(window->statusBar()->height(), window->statusBar()->sizeHint().height());
    EXPECT_TRUE(whole_inside(window->tabs()));
}

TEST_F(Room, TheSameAtScale150InItsOwnProcess) {
    if (!qEnvironmentVariableIsEmpty("QT_SCALE_FACTOR")) GTEST_SKIP() << "already scaled";
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_SCALE_FACTOR", "1.5");
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {"--gtest_filter=Room.TheMinimumSizeFitsAProjectorAt150Percent"});
    ASSERT_TRUE(child.waitForFinished(60'000));
    const QString out = QString::fromLocal8Bit(child.readAll());
    EXPECT_EQ(child.exitCode(), 0) << out.toStdString();
    EXPECT_TRUE(out.contains("at scale 1.5")) << out.toStdString();
}

TEST_F(Room, PresentationTextGrowsAsFarAsTheScreenHasRoom) {
    EXPECT_DOUBLE_EQ(presentation_text_scale(1.0, 720), MainWindow::kPresentationTextScale);
    EXPECT_DOUBLE_EQ(presentation_text_scale(1.0, 1080), MainWindow::kPresentationTextScale);
    EXPECT_DOUBLE_EQ(presentation_text_scale(1.0, 600), 1.25);
    EXPECT_DOUBLE_EQ(presentation_text_scale(1.0, 480), 1.0);  // 1280x720 at 150%
    EXPECT_DOUBLE_EQ(presentation_text_scale(2.0, 480), 2.0);  // a larger text stays
    EXPECT_DOUBLE_EQ(presentation_text_scale(1.0, 0), 1.0);
}

TEST_F(Room, ClampKeepsAWindowOnItsScreen) {
    const QRect screen(0, 0, 1280, 720);
    EXPECT_EQ(clamp_to(QRect(100, 50, 800, 600), screen), QRect(100, 50, 800, 600));
    EXPECT_EQ(clamp_to(QRect(0, 0, 1360, 880), screen), screen);
    EXPECT_EQ(clamp_to(QRect(1000, 600, 800, 600), screen), QRect(480, 120, 800, 600));
    EXPECT_EQ(clamp_to(QRect(-3000, -50, 800, 600), screen), QRect(0, 0, 800, 600));
    EXPECT_EQ(clamp_to(QRect(2000, 0, 800, 600), QRect(1920, 0, 1280, 720)),
              QRect(2000, 0, 800, 600));
}

TEST_F(Room, ItOpensToFitItsScreenAndComesBackInsideIt) {
    auto window = make();
    const QRect available = window->screen()->availableGeometry();
    const QSize expected = (QSizeF(available.size()) * 0.9)
                               .toSize()
                               .expandedTo(window->minimumSizeHint())
                               .boundedTo(available.size());
    EXPECT_EQ(window->size(), expected);
    EXPECT_NE(window->size(), QSize(1360, 880));

    window->show();
    window->setGeometry(-500, -400, 4000, 3000);  // as if saved on a much larger screen
    window->close();
    auto again = make();
    again->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(again.get(), 5'000));
    const QRect g = again->frameGeometry();
    EXPECT_TRUE(available.contains(g))
        << g.x() << "," << g.y() << " " << g.width() << "x" << g.height() << " in "
        << available.width() << "x" << available.height();
}

namespace {

/// Checks every label and check box of root against its background: at least 4.5:1.
void expect_readable(QWidget* root, const char* where) {
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!qobject_cast<QLabel*>(w) && !qobject_cast<QCheckBox*>(w)) continue;
        if (w->isHidden()) continue;
        const double ratio = contrast_ratio(w->palette().color(QPalette::WindowText),
                                            w->palette().color(QPalette::Window));
        EXPECT_GE(ratio, 4.5) << where << ": " << w->metaObject()->className() << " \""
                              << w->property("text").toString().toStdString() << "\"";
    }
}

/// Checks the colour of every piece of text in the log against the log's background.
void expect_log_readable(LogView* log) {
    const QColor base = log->palette().color(QPalette::Base);
    int pieces = 0;
    for (QTextBlock b = log->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            const QColor fg = f.charFormat().foreground().style() == Qt::NoBrush
                                  ? log->palette().color(QPalette::Text)
                                  : f.charFormat().foreground().color();
            EXPECT_GE(contrast_ratio(fg, base), 4.5) << f.text().toStdString();
            ++pieces;
        }
    }
    EXPECT_GE(pieces, 8);
}

void check_palette(Room& room, const QPalette& palette) {
    const QPalette before = QApplication::palette();
    QApplication::setPalette(palette);
    {
        auto window = room.make();
        window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get(), 5'000));
        qobject_cast<QLineEdit*>(window->controls()->field(Field::Workers))->setText("100");
        for (Tone t : {Tone::Plain, Tone::Lesson, Tone::Error, Tone::Muted})
            window->log()->add_line("a line", t);
        window->log()->add_line("a controller message", true);
        window->start_experiment();  // refused: the form is wrong, said in red in the status
        expect_log_readable(window->log());
        expect_readable(window->controls(), "form");
        expect_readable(window->statusBar(), "status bar");
        window->close();
    }
    QApplication::setPalette(before);
}

}  // namespace

TEST_F(Room, TextIsReadableInADarkPalette) {
    check_palette(*this, dark_palette());
}

TEST_F(Room, TextIsReadableInALightPalette) {
    QPalette light(QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::Base, Qt::white);
    check_palette(*this, light);
}

namespace {

/// Runs the article's preset (300 ms tasks) and saves the whole window mid-run and done at
/// 1024x768 and at 853x480 (1280x720 at 150%), in palette; name says which.
void shoot(Room& room, const QPalette& palette, const QString& name, double text_scale) {
    const QPalette before = QApplication::palette();
    QApplication::setPalette(palette);
    auto window = room.make(name + ".ini");  // no saved geometry clamped to the small screen
    window->set_text_scale(text_scale);
    window->controls()->apply_preset(0);
    qobject_cast<QLineEdit*>(window->controls()->field(Field::Delay))->setText("300ms");
    const QSize size = text_scale > 1 ? QSize(1280, 720) : QSize(1024, 768);
    window->resize(size);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get(), 5'000));
    ASSERT_TRUE(window->start_experiment());
    ASSERT_TRUE(wait_for_article_mid_run(*window->controller(), 20'000));
    QTest::qWait(100);
    save_screenshot(window.get(), name + "-mid-run" + scale_suffix());
    ASSERT_TRUE(wait_for([&] { return !window->controller()->running(); }, 30'000));
    QTest::qWait(100);
    save_screenshot(window.get(), name + "-done" + scale_suffix());
    window->resize(kRoomWidth, kRoomHeight);
    QTest::qWait(100);
    save_screenshot(window.get(), name + "-done-853x450" + scale_suffix());
    window->tabs()->setCurrentWidget(window->timeline());
    QTest::qWait(100);
    save_screenshot(window.get(), name + "-done-853x450-timeline" + scale_suffix());
    window->close();
    window.reset();
    QApplication::setPalette(before);
}

}  // namespace

TEST_F(Room, PicturesOfTheWholeWindow) {
    shoot(*this, QApplication::palette(), "room-light", 1.0);
    shoot(*this, dark_palette(), "room-dark", 1.0);
}

// Presentation mode for real: full screen on a 1280x720 projector (an offscreen screen of that
// size, in a process of its own), at 100% and at 150%.
TEST_F(Room, PresentationModeOnAProjector) {
    if (qEnvironmentVariableIsEmpty("PLAB_PROJECTOR")) {
        for (const char* scale : {"1", "1.5"}) {
            const QString config = dir.filePath("projector.json");
            QFile file(config);
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            file.write(R"({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280,
                "height": 720, "logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]})");
            file.close();
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("QT_QPA_PLATFORM", "offscreen:configfile=" + config);
            env.insert("QT_SCALE_FACTOR", scale);
            env.insert("PLAB_PROJECTOR", "1");
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::MergedChannels);
            child.start(QCoreApplication::applicationFilePath(),
                        {"--gtest_filter=Room.PresentationModeOnAProjector"});
            ASSERT_TRUE(child.waitForFinished(90'000));
            const QString out = QString::fromLocal8Bit(child.readAll());
            EXPECT_EQ(child.exitCode(), 0) << out.toStdString();
            EXPECT_TRUE(out.contains("projector 1280x720")) << out.toStdString();
        }
        return;
    }
    const QPalette before = QApplication::palette();
    QApplication::setPalette(dark_palette());
    auto window = make();
    window->controls()->apply_preset(0);
    qobject_cast<QLineEdit*>(window->controls()->field(Field::Delay))->setText("300ms");
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get(), 5'000));
    window->set_presentation_mode(true);
    QTest::qWait(100);
    const QRect screen = window->screen()->geometry();
    const double dpr = window->devicePixelRatioF();
    std::printf("projector %dx%d, window %dx%d at scale %g, text %g\n",
                qRound(screen.width() * dpr / 8) * 8, qRound(screen.height() * dpr / 8) * 8,
                window->width(), window->height(), dpr, window->text_scale());
    EXPECT_EQ(window->size(), screen.size());  // full screen
    EXPECT_DOUBLE_EQ(window->text_scale(), presentation_text_scale(1.0, screen.height()));
    EXPECT_TRUE(window->log()->visibleRegion().isEmpty());  // folded: the views take the room
    ASSERT_TRUE(window->start_experiment());
    ASSERT_TRUE(wait_for_article_mid_run(*window->controller(), 20'000));
    QTest::qWait(100);
    const QString tag = "room-presentation-" + QString::fromLatin1(qgetenv("QT_SCALE_FACTOR"));
    save_screenshot(window.get(), tag + "x-mid-run");
    ASSERT_TRUE(wait_for([&] { return !window->controller()->running(); }, 30'000));
    QTest::qWait(100);
    save_screenshot(window.get(), tag + "x-done");
    window->tabs()->setCurrentWidget(window->timeline());
    QTest::qWait(100);
    save_screenshot(window.get(), tag + "x-done-timeline");
    // The timeline has room for the runs: at least a third of the screen's height.
    const QWidget* lanes = window->timeline()->timeline();
    EXPECT_GE(lanes->visibleRegion().boundingRect().height(), window->height() / 3)
        << lanes->visibleRegion().boundingRect().height() << " of " << window->height();
    window->close();
    window.reset();
    QApplication::setPalette(before);
}
