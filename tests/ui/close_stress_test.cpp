// Cancel and close under load, a hundred times (Esc on even rounds, closing the real window on
// odd ones): the engine and every worker are gone each time, and no descriptor is left open.
#include <dirent.h>
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <csignal>
#include <fstream>
#include <random>

#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "controls_panel.h"
#include "experiment_controller.h"
#include "main_window.h"
#include "ui_test_support.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

int open_fds() {
    int n = -1;  // the directory's own descriptor
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (const dirent* e = ::readdir(d))
            n += e->d_name[0] != '.';
        ::closedir(d);
    }
    return n;
}

// Descendants of this process that still exist, from /proc (children of all our threads, and
// theirs).
std::vector<int> descendants() {
    std::vector<int> out;
    std::vector<int> frontier{::getpid()};
    while (!frontier.empty()) {
        const int pid = frontier.back();
        frontier.pop_back();
        DIR* d = ::opendir(("/proc/" + std::to_string(pid) + "/task").c_str());
        if (d == nullptr) continue;
        while (const dirent* e = ::readdir(d)) {
            if (e->d_name[0] == '.') continue;
            std::ifstream f("/proc/" + std::to_string(pid) + "/task/" + e->d_name + "/children");
            int child = 0;
            while (f >> child) {
                out.push_back(child);
                frontier.push_back(child);
            }
        }
        ::closedir(d);
    }
    return out;
}

SweepSpec busy_leg() {
    SweepSpec leg;
    leg.base.tasks = 10'000;
    leg.base.delay_ns = 0;
    leg.strategies = {Strategy::Map, Strategy::ImapUnordered, Strategy::ApplyAsync};
    leg.workers = {2, 3};
    return leg;
}

// Opens the real window on a busy experiment; the caller closes it mid-run.
std::unique_ptr<MainWindow> busy_window(const QTemporaryDir& dir) {
    WindowOptions options;
    options.engine = PLAB_BINARY;
    options.settings_file = dir.filePath("settings.ini");
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    for (Strategy s : all_strategies()) {
        window->controls()->strategy_box(s)->setChecked(s == Strategy::Map ||
                                                        s == Strategy::ApplyAsync);
    }
    qobject_cast<QLineEdit*>(window->controls()->field(Field::Workers))->setText("2,3");
    qobject_cast<QSpinBox*>(window->controls()->field(Field::Tasks))->setValue(10'000);
    qobject_cast<QLineEdit*>(window->controls()->field(Field::Delay))->setText("0");
    return window;
}

}  // namespace

TEST(CloseStress, AHundredCancelsAndClosesMidRunLeaveNothingBehind) {
    std::mt19937 rng(11);
    QTemporaryDir dir;
    // Qt opens a few descriptors of its own the first time a window runs a process (an event
    // notifier, /dev/null for the child's input) and keeps them; count from after one such
    // round, so that what the test sees is growth.
    {
        auto window = busy_window(dir);
        ASSERT_TRUE(window->start_experiment());
        wait_for([] { return false; }, 50);
        window->close();
    }
    ASSERT_TRUE(wait_for([] { return descendants().empty(); }, 2'000));
    const int fds_before = open_fds();
    for (int round = 0; round < 100; ++round) {
        const int after_ms = static_cast<int>(rng() % 120);
        QElapsedTimer clock;
        if (round % 2 == 1) {  // the window itself, closed mid-run
            auto window = busy_window(dir);
            ASSERT_TRUE(window->start_experiment()) << "round " << round;
            wait_for([] { return false; }, after_ms);  // let it run, stream and draw for a while
            clock.start();
            window->close();
            window.reset();
        } else {  // Esc: cancel, then wait for the engine's last word
            auto controller = std::make_unique<ExperimentController>(PLAB_BINARY);
            QSignalSpy finished(controller.get(), &ExperimentController::finished);
            ASSERT_TRUE(controller->start({busy_leg()})) << "round " << round;
            wait_for([] { return false; }, after_ms);
            clock.start();
            controller->cancel();
            ASSERT_TRUE(finished.count() > 0 || finished.wait(5'000)) << "round " << round;
        }
        EXPECT_LT(clock.elapsed(), 4'000) << "round " << round;
        ASSERT_TRUE(wait_for([] { return descendants().empty(); }, 2'000))
            << "round " << round << ": a process outlived its experiment";
    }
    EXPECT_EQ(open_fds(), fds_before);
}
