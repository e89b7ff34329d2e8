// The whole window with the real engine: the article's preset end to end, exports, cancel,
// a large run that must not freeze the GUI, closing mid-run. Saves screenshots to look at.
#include <gtest/gtest.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <ctime>

#include "../core/test_support.h"
#include "focus_ring.h"
#include "main_window.h"
#include "ui_test_support.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

double thread_cpu_ms() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double machine_load() {
    double one_minute = 0;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &one_minute) != 1) one_minute = 0;
        std::fclose(f);
    }
    return one_minute;
}

bool process_gone(int pid) {
    return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
}

struct WindowTest : ::testing::Test {
    void SetUp() override {
        WindowOptions options;
        options.engine = PLAB_BINARY;
        options.settings_file = dir.filePath("settings.ini");
        window = std::make_unique<MainWindow>(options);
        window->resize(1360, 880);
        window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get(), 5'000));
    }
    void TearDown() override {
        if (window) window->close();
    }
    void set_text(Field f, const QString& text) {
        qobject_cast<QLineEdit*>(window->controls()->field(f))->setText(text);
    }
    void set_number(Field f, int value) {
        qobject_cast<QSpinBox*>(window->controls()->field(f))->setValue(value);
    }
    bool wait_finished(int timeout_ms) {
        return wait_for([&] { return !window->controller()->running(); }, timeout_ms);
    }
    QTemporaryDir dir;
    std::unique_ptr<MainWindow> window;
};

QLabel* status(MainWindow* w) {
    return w->status_label();
}

QColor text_color(const QWidget* w) {
    return w->palette().color(QPalette::WindowText);
}

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

TEST_F(WindowTest, BeforeAnyRunTheChartShowsWhatTheFormAsksFor) {
    window->controls()->apply_preset(0);  // 10 tasks, 5 workers
    set_text(Field::Delay, "300ms");
    const ElapsedChart* chart = window->elapsed_chart();
    ASSERT_NE(chart->line("serial"), nullptr);
    EXPECT_DOUBLE_EQ(chart->line("serial")->points().front().y(), 3.0);  // tasks x delay
    ASSERT_NE(chart->line("ideal"), nullptr);
    EXPECT_DOUBLE_EQ(chart->line("ideal")->points().back().y(), 0.6);  // 2 rounds at 5 workers
    ASSERT_NE(chart->line("map/0"), nullptr);  // the strategies are in the legend, no points yet
    EXPECT_TRUE(chart->line("map/0")->points().isEmpty());
    EXPECT_TRUE(chart->chart()->title().contains("expected, before the first run"))
        << chart->chart()->title().toStdString();
    set_number(Field::Tasks, 20);  // every change of the form redraws the expectation
    EXPECT_DOUBLE_EQ(chart->line("serial")->points().front().y(), 6.0);
}

TEST_F(WindowTest, TheArticlesPresetRunsLiveAndExports) {
    window->controls()->apply_preset(0);
    set_text(Field::Delay, "300ms");
    save_screenshot(window.get(), "window-idle");
    ASSERT_TRUE(window->start_experiment());

    // Mid-run: Pool.map has ended (a point on the chart), starmap's tasks are running.
    ASSERT_TRUE(wait_for_article_mid_run(*window->controller(), 20'000));
    QTest::qWait(150);
    save_screenshot(window.get(), "window-mid-run-elapsed");
    window->tabs()->setCurrentWidget(window->timeline());
    QTest::qWait(100);
    save_screenshot(window.get(), "window-mid-run-timeline");
    EXPECT_FALSE(window->controls()->run_button()->isEnabled());

    ASSERT_TRUE(wait_finished(30'000));
    const SweepData& d = window->controller()->data();
    ASSERT_EQ(d.runs().size(), 6u);

    // Elapsed chart: one point per pool strategy at 5 workers, the serial baseline ~3 s.
    const RunRecord& map = d.runs()[1];
    ASSERT_TRUE(window->elapsed_chart()->line("map/0"));
    const auto map_points = window->elapsed_chart()->line("map/0")->points();
    ASSERT_EQ(map_points.size(), 1);
    EXPECT_EQ(map_points[0].y(), map.end->elapsed_s);
    EXPECT_NEAR(map_points[0].x(), 5.0, 0.3);  // beside 5 workers: strategies are dodged
    const auto serial = window->elapsed_chart()->line("serial")->points();
    ASSERT_EQ(serial.size(), 2);
    EXPECT_GE(serial[0].y(), 3.0);
    EXPECT_LT(serial[0].y(), 4.0);
    EXPECT_LT(map.end->elapsed_s, 1.2);  // two rounds of 300 ms plus the pool's start and stop
    EXPECT_TRUE(window->elapsed_chart()->line("map_closure/0")->points().isEmpty());
    EXPECT_EQ(window->speedup_chart()->speedup()->line("pathos_map/0")->points().size(), 1);
    EXPECT_EQ(window->elapsed_chart()->chart()->title(), "Elapsed time (lower is better)");

    // Timeline: Pool.map's run, one bar per task in the lane of its worker's pid.
    window->run_selector()->setCurrentIndex(2);
    window->refresh();
    TimelineWidget* timeline = window->timeline()->timeline();
    ASSERT_EQ(timeline->run_number(), 2);
    ASSERT_EQ(map.bars.size(), 10u);
    ASSERT_EQ(map.lanes.size(), 5u);
    for (std::size_t i = 0; i < map.bars.size(); ++i) {
        const int lane = map.bars[i].lane;
        const auto row =
            std::find(map.lane_order.begin(), map.lane_order.end(), lane) - map.lane_order.begin();
        EXPECT_TRUE(timeline->lane_rect(static_cast<int>(row))
                        .contains(timeline->bar_rect(static_cast<int>(i)).center()))
            << "task " << map.bars[i].task;
    }

    // Results: the list as Python prints it.
    window->tabs()->setCurrentWidget(window->results());
    EXPECT_EQ(window->results()->ordered_text(), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]");
    EXPECT_EQ(window->results()->completion()->rowCount(), 10);

    // Log: one line per run, the refusal among them.
    const QString log = window->log()->text();
    EXPECT_TRUE(log.contains("Run 2 · Pool.map · 5 workers")) << log.toStdString();
    EXPECT_TRUE(log.contains("refused, as in the article: cannot send")) << log.toStdString();

    // The refusal is the lesson, not an error: said so, and not in red.
    const QString said = status(window.get())->text();
    EXPECT_TRUE(said.contains("6 runs, 1 refused as the article shows")) << said.toStdString();
    EXPECT_FALSE(said.contains("exit code")) << said.toStdString();
    const QColor background = window->palette().color(QPalette::Window);
    EXPECT_EQ(text_color(status(window.get())), tone_color(Tone::Lesson, background));
    EXPECT_NE(text_color(status(window.get())), tone_color(Tone::Error, background));
    EXPECT_FALSE(status(window.get())->font().bold());
    EXPECT_TRUE(window->controls()->progress_label()->text().endsWith("tasks · done"))
        << window->controls()->progress_label()->text().toStdString();

    // Exports.
    QString error;
    ASSERT_TRUE(window->export_runs_csv(dir.filePath("runs.csv"), &error)) << error.toStdString();
    const QList<QByteArray> rows = read(dir.filePath("runs.csv")).trimmed().split('\n');
    ASSERT_EQ(rows.size(), 7);
    EXPECT_TRUE(rows[0].startsWith("run,repeat,strategy,workers"));
    EXPECT_TRUE(rows[2].startsWith("2,1,map,5,10,"));
    ASSERT_TRUE(window->export_tasks_csv(dir.filePath("tasks.csv"), &error));
    // A header and ten tasks for each of the five runs that ran (the refused one has none).
    EXPECT_EQ(read(dir.filePath("tasks.csv")).trimmed().split('\n').size(), 1 + 5 * 10);
    window->tabs()->setCurrentWidget(window->elapsed_chart());
    ASSERT_TRUE(window->export_view_png(dir.filePath("chart.png"), &error));
    ASSERT_TRUE(window->export_view_svg(dir.filePath("chart.svg"), &error));
    EXPECT_TRUE(read(dir.filePath("chart.svg")).contains("<svg"));
    EXPECT_FALSE(window->export_runs_csv(dir.filePath("nope/runs.csv"), &error));
    EXPECT_TRUE(error.contains("nope/runs.csv"));

    window->tabs()->setCurrentWidget(window->elapsed_chart());
    QTest::qWait(50);
    save_screenshot(window.get(), "window-done-elapsed");
    window->tabs()->setCurrentWidget(window->speedup_chart());
    QTest::qWait(50);
    save_screenshot(window.get(), "window-done-speedup");
    window->tabs()->setCurrentWidget(window->results());
    QTest::qWait(50);
    save_screenshot(window.get(), "window-done-results");
    window->tabs()->setCurrentWidget(window->code());
    QTest::qWait(50);
    save_screenshot(window.get(), "window-done-code");
}

TEST_F(WindowTest, CancelAnswersAtOnce) {
    window->controls()->apply_preset(0);
    set_text(Field::Delay, "3s");
    ASSERT_TRUE(window->start_experiment());
    ASSERT_TRUE(wait_for(
        [&] {
            const auto& runs = window->controller()->data().runs();
            return !runs.empty() && !runs[0].bars.empty();
        },
        10'000));
    QElapsedTimer clock;
    clock.start();
    window->cancel_experiment();
    EXPECT_FALSE(window->controls()->cancel_button()->isEnabled());
    ASSERT_TRUE(wait_finished(5'000));
    EXPECT_LT(clock.elapsed(), 3'000);
    EXPECT_TRUE(window->controls()->run_button()->isEnabled());
    EXPECT_TRUE(status(window.get())->text().startsWith("Cancelled after"))
        << status(window.get())->text().toStdString();
    // The cancelled run says how far it got, not a speedup of 0; the progress line is final.
    const QString log = window->log()->text();
    EXPECT_FALSE(log.contains("speedup 0.00")) << log.toStdString();
    EXPECT_TRUE(log.contains("Run 1 · Serial: cancelled after")) << log.toStdString();
    const QString progress = window->controls()->progress_label()->text();
    EXPECT_TRUE(progress.endsWith("tasks · cancelled")) << progress.toStdString();
    EXPECT_FALSE(progress.contains("left")) << progress.toStdString();
    QTest::qWait(200);  // a late update does not bring the time left back
    EXPECT_EQ(window->controls()->progress_label()->text(), progress);
}

TEST_F(WindowTest, ABigRunAsksFirstAndASmallOneDoesNot) {
    QStringList asked;
    bool answer = false;
    window->set_confirmation([&](const QString& question) {
        asked << question;
        return answer;
    });
    for (Strategy s : all_strategies()) {
        window->controls()->strategy_box(s)->setChecked(s == Strategy::Map);
    }
    set_text(Field::Workers, "5");
    set_number(Field::Tasks, 57'000);  // 11,400 rounds of 1 s: 3 h 10 min
    set_text(Field::Delay, "1s");
    EXPECT_FALSE(window->start_experiment());
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked[0], "This experiment needs about 3 h 10 min. Run it?");
    EXPECT_FALSE(window->controller()->running());
    EXPECT_TRUE(window->log()->text().contains("Not started"))
        << window->log()->text().toStdString();

    answer = true;  // asked again, and this time it runs
    ASSERT_TRUE(window->start_experiment());
    EXPECT_EQ(asked.size(), 2);
    window->cancel_experiment();
    ASSERT_TRUE(wait_finished(10'000));

    set_number(Field::Tasks, 2'995);  // 599 rounds: just under ten minutes, not asked
    ASSERT_TRUE(window->start_experiment());
    EXPECT_EQ(asked.size(), 2);
    window->cancel_experiment();
    ASSERT_TRUE(wait_finished(10'000));
}

TEST_F(WindowTest, KeysSelectTheViewsAndTheLog) {
    QApplication::setActiveWindow(window.get());
    ASSERT_TRUE(QTest::qWaitForWindowActive(window.get(), 5'000));
    for (int i = 0; i < window->tabs()->count(); ++i) {
        QTest::keyClick(window.get(), static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
        EXPECT_EQ(window->tabs()->currentIndex(), i);
    }
    QTest::keyClick(window.get(), Qt::Key_6, Qt::ControlModifier);
    EXPECT_TRUE(window->log()->hasFocus());
    // The focus shows: a ring around the log, wider than it by the ring's width.
    auto* ring = window->findChild<FocusRing*>();
    ASSERT_NE(ring, nullptr);
    EXPECT_EQ(ring->target(), window->log());
    EXPECT_TRUE(ring->isVisible());
    EXPECT_EQ(ring->width(), window->log()->width() + 2 * FocusRing::kWidth);
    QTest::keyClick(window.get(), Qt::Key_1, Qt::ControlModifier);
    QTest::keyClick(window.get(), Qt::Key_Tab, Qt::ControlModifier);
    EXPECT_EQ(window->tabs()->currentIndex(), 1);
    QTest::keyClick(window.get(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(window.get(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(window->tabs()->currentIndex(), window->tabs()->count() - 1);  // wraps around
    QTest::keyClick(window.get(), Qt::Key_Tab, Qt::ControlModifier);
    EXPECT_EQ(window->tabs()->currentIndex(), 0);

    // Every action says its shortcut in its menu.
    for (const char* name :
         {"run", "cancel", "export_runs", "export_tasks", "export_trace", "export_png",
          "export_svg", "preset_1", "view_6", "next_view", "previous_view", "toggle_form",
          "presentation", "text_larger", "text_smaller", "text_reset", "quit"}) {
        QAction* a = window->action(name);
        ASSERT_NE(a, nullptr) << name;
        EXPECT_FALSE(a->shortcut().isEmpty()) << name;
        EXPECT_FALSE(a->associatedObjects().size() < 2) << name << " is in no menu";
    }
}

TEST_F(WindowTest, TextSizeAndPresentationMode) {
    QApplication::setActiveWindow(window.get());
    ASSERT_TRUE(QTest::qWaitForWindowActive(window.get(), 5'000));
    QSignalSpy scaled(window.get(), &MainWindow::text_scale_changed);
    const qreal log_size = window->log()->font().pointSizeF();
    QTest::keyClick(window.get(), Qt::Key_Equal, Qt::ControlModifier);
    ASSERT_EQ(scaled.count(), 1);
    EXPECT_GT(scaled[0][0].toDouble(), 1.0);
    EXPECT_GT(window->log()->font().pointSizeF(), log_size);
    EXPECT_GT(window->controls()->font().pointSizeF(), log_size);
    EXPECT_GT(status(window.get())->font().pointSizeF(), log_size);
    QTest::keyClick(window.get(), Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(window.get(), Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_LT(window->text_scale(), 1.0);
    QTest::keyClick(window.get(), Qt::Key_0, Qt::ControlModifier);
    EXPECT_DOUBLE_EQ(window->text_scale(), 1.0);

    const int log_height = window->log()->height();
    QTest::keyClick(window.get(), Qt::Key_F11);
    EXPECT_TRUE(window->presentation_mode());
    EXPECT_FALSE(window->form_visible());  // the views take the screen
    EXPECT_TRUE(window->windowState() & Qt::WindowFullScreen);
    EXPECT_GT(window->text_scale(), 1.0);
    EXPECT_DOUBLE_EQ(window->text_scale(),
                     presentation_text_scale(1.0, window->screen()->geometry().height()));
    QTest::qWait(50);
    EXPECT_TRUE(window->log()->visibleRegion().isEmpty());  // folded: the views take the room
    QTest::keyClick(window.get(), Qt::Key_F11);
    EXPECT_FALSE(window->presentation_mode());
    EXPECT_FALSE(window->windowState() & Qt::WindowFullScreen);
    EXPECT_DOUBLE_EQ(window->text_scale(), 1.0);
    EXPECT_TRUE(window->form_visible());
    QTest::qWait(50);
    EXPECT_NEAR(window->log()->height(), log_height, 2);

    // The scale is remembered.
    window->set_text_scale(1.3);
    window->close();
    WindowOptions options;
    options.engine = PLAB_BINARY;
    options.settings_file = dir.filePath("settings.ini");
    MainWindow again(options);
    EXPECT_DOUBLE_EQ(again.text_scale(), 1.3);
}

TEST_F(WindowTest, TheFormHidesAndRunStaysReachable) {
    QAction* toggle = window->action("toggle_form");
    toggle->trigger();
    EXPECT_FALSE(window->form_visible());
    EXPECT_FALSE(window->controls()->isVisible());
    QAction* run = window->action("run");
    EXPECT_TRUE(run->isEnabled());
    EXPECT_TRUE(window->toolbar()->widgetForAction(run)->isVisible());
    toggle->trigger();
    EXPECT_TRUE(window->form_visible());
}

TEST_F(WindowTest, ExportsSuggestNamesThatSayWhatTheyHold) {
    QStringList suggested;
    window->set_save_dialog([&](const QString&, const QString& name, const QString&) {
        suggested << name;
        return QString();  // cancelled: nothing written
    });
    for (const char* name : {"export_runs", "export_tasks", "export_trace"})
        window->action(name)->trigger();
    window->tabs()->setCurrentWidget(window->elapsed_chart());
    window->action("export_png")->trigger();
    window->tabs()->setCurrentWidget(window->speedup_chart());
    window->action("export_svg")->trigger();
    window->tabs()->setCurrentWidget(window->timeline());
    window->action("export_png")->trigger();
    EXPECT_EQ(suggested, QStringList({"runs.csv", "tasks.csv", "timeline.json", "elapsed.png",
                                      "speedup.svg", "timeline.png"}));
}

TEST_F(WindowTest, TheTitleLeavesTheNameToTheDesktop) {
    EXPECT_FALSE(window->windowTitle().contains("ParallelLab"))
        << window->windowTitle().toStdString();
    EXPECT_FALSE(window->windowTitle().isEmpty());
}

TEST_F(WindowTest, ALargeRunNeverBlocksTheGuiThread) {
    for (Strategy s : all_strategies()) {
        window->controls()->strategy_box(s)->setChecked(s == Strategy::Map);
    }
    set_text(Field::Workers, "2");
    set_number(Field::Tasks, 100'000);
    set_text(Field::Delay, "0");
    set_text(Field::Chunksize, "auto");
    set_text(Field::CrashTask, "");
    ASSERT_TRUE(window->controls()->check().ok());
    window->tabs()->setCurrentWidget(window->timeline());

    // Two gaps between ticks: on the wall clock (what a user sees, which also includes waiting
    // for a CPU on a busy machine) and in the GUI thread's own CPU time (work the window did
    // without returning to its event loop).
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    double last_cpu = thread_cpu_ms(), worst_cpu = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        const double cpu = thread_cpu_ms();
        worst = std::max(worst, now - last);
        worst_cpu = std::max(worst_cpu, cpu - last_cpu);
        last = now;
        last_cpu = cpu;
    });
    ASSERT_TRUE(window->start_experiment());
    clock.start();
    ticker.start();
    bool saw_mid_run = false;
    ASSERT_TRUE(wait_for(
        [&] {
            const auto& runs = window->controller()->data().runs();
            if (!saw_mid_run && !runs.empty() && runs[0].finished_tasks > 20'000) {
                saw_mid_run = true;
                save_screenshot(window.get(), "window-large-run");
                last = clock.elapsed();  // the screenshot is the test's work, not the window's
                last_cpu = thread_cpu_ms();
            }
            return !window->controller()->running();
        },
        150'000));
    ticker.stop();
    const auto& runs = window->controller()->data().runs();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].finished_tasks, 100'000);
    window->tabs()->setCurrentWidget(window->results());
    EXPECT_EQ(window->results()->completion()->rowCount(), 100'000);
    EXPECT_TRUE(window->results()->ordered_text().startsWith("[0, 1, 4, 9"));
    std::printf("large run: worst gap between 5 ms ticks %lld ms wall, %.1f ms of GUI-thread CPU\n",
                static_cast<long long>(worst), worst_cpu);
    EXPECT_LT(worst_cpu, 50 * plab::testing::kSlowdown)
        << "the GUI thread worked " << worst_cpu << " ms without a break";
    // The wall-clock gap also counts time spent waiting for a CPU, which the window cannot
    // help when other programs load the machine beyond its cores: checked when they do not.
    // The run itself keeps five threads busy (two workers, the engine's collector and writer,
    // the window's reader), so on 2 cores the GUI thread may wait a few time slices for a CPU:
    // the bound is twice the CPU one (plab_window_bench measures the stall precisely).
    if (machine_load() <= QThread::idealThreadCount()) {
        EXPECT_LT(worst, 100 * plab::testing::kSlowdown)
            << "the GUI thread did not answer for " << worst << " ms";
    } else {
        std::printf("machine load %.1f on %d cores: wall-clock gap reported, not checked\n",
                    machine_load(), QThread::idealThreadCount());
    }
    RecordProperty("worst_gap_ms", static_cast<int>(worst));
}

TEST_F(WindowTest, ClosingMidRunStopsAndReapsEverything) {
    for (Strategy s : all_strategies()) {
        window->controls()->strategy_box(s)->setChecked(s == Strategy::Map);
    }
    set_text(Field::Delay, "5s");
    ASSERT_TRUE(window->start_experiment());
    ASSERT_TRUE(wait_for(
        [&] {
            const auto& runs = window->controller()->data().runs();
            return !runs.empty() && runs[0].lanes.size() == 5;  // Pool.map's five workers
        },
        15'000));
    std::vector<int> pids;
    for (const Lane& lane : window->controller()->data().runs()[0].lanes)
        pids.push_back(lane.pid);
    const auto engine = static_cast<int>(window->controller()->engine_pid());
    QElapsedTimer clock;
    clock.start();
    window->close();
    EXPECT_LT(clock.elapsed(), 4'000);
    EXPECT_TRUE(process_gone(engine));
    for (int pid : pids)
        EXPECT_TRUE(wait_for([&] { return process_gone(pid); }, 2'000)) << pid;
}

TEST_F(WindowTest, SettingsRememberTheLastExperiment) {
    set_text(Field::Workers, "1..3");
    window->tabs()->setCurrentIndex(2);
    window->close();
    WindowOptions options;
    options.engine = PLAB_BINARY;
    options.settings_file = dir.filePath("settings.ini");
    MainWindow again(options);
    EXPECT_EQ(again.controls()->input().workers, "1..3");
    EXPECT_EQ(again.tabs()->currentIndex(), 2);
}

TEST_F(WindowTest, AnInvalidFormCannotRun) {
    set_text(Field::Workers, "100");
    EXPECT_FALSE(window->controls()->run_button()->isEnabled());
    EXPECT_FALSE(window->start_experiment());
    EXPECT_FALSE(window->controller()->running());
    EXPECT_TRUE(window->log()->text().contains("fix the fields"));
}
