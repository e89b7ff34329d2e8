// Cancel and close under load, a hundred times: the engine and every worker are gone each time,
// and no descriptor is left open in the window's process.
#include <dirent.h>
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <csignal>
#include <fstream>
#include <random>

#include "experiment_controller.h"
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

}  // namespace

TEST(CloseStress, AHundredCancelsAndClosesMidRunLeaveNothingBehind) {
    const int fds_before = open_fds();
    std::mt19937 rng(11);
    for (int round = 0; round < 100; ++round) {
        auto controller = std::make_unique<ExperimentController>(PLAB_BINARY);
        QSignalSpy finished(controller.get(), &ExperimentController::finished);
        ASSERT_TRUE(controller->start({busy_leg()})) << "round " << round;
        const int after_ms = static_cast<int>(rng() % 120);
        wait_for([] { return false; }, after_ms);  // let it run and stream for a while
        QElapsedTimer clock;
        clock.start();
        if (round % 2 == 0) {
            controller->cancel();  // Esc
            ASSERT_TRUE(finished.count() > 0 || finished.wait(5'000)) << "round " << round;
        } else {
            controller->stop(3'000);  // closing the window
        }
        EXPECT_LT(clock.elapsed(), 4'000) << "round " << round;
        controller.reset();
        ASSERT_TRUE(wait_for([] { return descendants().empty(); }, 2'000))
            << "round " << round << ": a process outlived its experiment";
    }
    EXPECT_EQ(open_fds(), fds_before);
}
