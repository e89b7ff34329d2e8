// Pictures of the timeline tab to look at (build/screenshots/timeline-shot-*.png): the article's
// preset mid-run and done, a crash run, the tiny-tasks preset, in a 1024x768 window's room, in a
// 1280x720 window's room at QT_SCALE_FACTOR=1.5 (run the program with it set) and dark. Each
// picture also checks that the panel's parts are not cut off.
#include <gtest/gtest.h>

#include <QApplication>
#include <QPalette>
#include <QTest>

#include "sweep_fixture.h"
#include "timeline_panel.h"
#include "window_palette.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

struct Task {
    int worker, pid;
    double start, end;
    const char* text = nullptr;  // null: ok, result x*x
};

void add_run(SweepData& d, Strategy s, int workers, int tasks, const std::vector<Task>& done,
             double elapsed, const std::string& refusal = {}) {
    events::Event run;
    run.kind = events::Event::Kind::Run;
    run.id.run = static_cast<int>(d.runs().size()) + 1;  // one leg: engine and window agree
    run.spec.strategy = s;
    run.spec.workers = workers;
    run.spec.tasks = tasks;
    run.chunksize = 1;
    ASSERT_TRUE(d.apply(run, 0));
    const int number = run.id.run;
    events::Event task;
    task.kind = events::Event::Kind::Task;
    task.id.run = number;
    for (std::size_t i = 0; i < done.size(); ++i) {
        const Task& t = done[i];
        task.task.task = static_cast<int>(i);
        task.task.worker = t.worker;
        task.task.pid = t.pid;
        task.task.start_s = t.start;
        task.task.end_s = t.end;
        task.task.ok = t.text == nullptr;
        task.kind = t.end < 0 ? events::Event::Kind::Start : events::Event::Kind::Task;
        task.text = t.text ? t.text : std::to_string(i * i);
        ASSERT_TRUE(d.apply(task, 0));
    }
    if (elapsed < 0) return;
    events::Event end;
    end.kind = events::Event::Kind::End;
    end.id.run = number;
    end.elapsed_s = elapsed;
    end.text = refusal;
    ASSERT_TRUE(d.apply(end, 0));
}

// Ten 1 s tasks on 5 workers (pids base..base+4), two rounds: about 2 s.
std::vector<Task> pool_tasks(int pid_base, double upto = 1e9) {
    std::vector<Task> out;
    for (int i = 0; i < 10; ++i) {
        const int round = i / 5;
        const double start = 0.002 + round * 1.0005 + (i % 5) * 0.0003;
        if (start > upto) break;
        const double end = start + 1.0002;
        out.push_back({i % 5, pid_base + i % 5, start, end > upto ? -1 : end});
    }
    return out;
}

// The article's preset; mid: stop during Pool.starmap's second round.
void article(SweepData& d, bool mid) {
    SweepSpec leg = article_leg(1'000'000'000);
    d.begin_leg(leg);
    std::vector<Task> serial;
    for (int i = 0; i < 10; ++i)
        serial.push_back({0, 100, i * 1.0003, i * 1.0003 + 1.0002});
    add_run(d, Strategy::Serial, 5, 10, serial, 10.004);
    add_run(d, Strategy::Map, 5, 10, pool_tasks(201), 2.004);
    if (mid) {
        add_run(d, Strategy::Starmap, 5, 10, pool_tasks(301, 1.5), -1);
        return;
    }
    add_run(d, Strategy::Starmap, 5, 10, pool_tasks(301), 2.004);
    add_run(d, Strategy::ApplyAsync, 5, 10, pool_tasks(401), 2.005);
    add_run(d, Strategy::MapClosure, 5, 10, {}, 0.001,
            "cannot send a function made at run time to a worker process (Python: Can't pickle "
            "local object 'power_factory.<locals>.power')");
    add_run(d, Strategy::PathosMap, 5, 10, pool_tasks(601), 2.006);
}

// The tiny-tasks preset: 20,000 tasks of nothing; serial, map and imap_unordered on 1, 2, 4
// workers, chunksize 1 (slow) then auto (fast).
void tiny(SweepData& d) {
    SweepSpec leg;
    leg.strategies = {Strategy::Serial, Strategy::Map, Strategy::ImapUnordered};
    leg.workers = {1, 2, 4};
    leg.base.tasks = 20'000;
    leg.base.delay_ns = 0;
    d.begin_leg(leg);
    auto run_of = [&](Strategy s, int workers, double per_task) {
        std::vector<Task> tasks;
        tasks.reserve(20'000);
        const int w = s == Strategy::Serial ? 1 : workers;
        for (int i = 0; i < 20'000; ++i) {
            const double start = 0.001 + (i / w) * per_task;
            tasks.push_back({i % w, 500 + i % w, start, start + per_task * 0.4});
        }
        add_run(d, s, workers, 20'000, tasks, tasks.back().end + 0.001);
    };
    run_of(Strategy::Serial, 1, 0.3e-6);
    for (Strategy s : {Strategy::Map, Strategy::ImapUnordered}) {
        for (int w : {1, 2, 4})
            run_of(s, w, 40e-6 / w * 2);
    }
    for (Strategy s : {Strategy::Map, Strategy::ImapUnordered}) {
        for (int w : {1, 2, 4})
            run_of(s, w, 1.2e-6 / w * 2);
    }
}

// The room the timeline tab gets: about 640x430 in a 1024x768 window; at QT_SCALE_FACTOR=1.5
// a 1280x720 screen is 853x480 logical pixels, leaving the tab about 560x300.
QSize room() {
    return qApp->devicePixelRatio() > 1.2 ? QSize(560, 300) : QSize(640, 430);
}

void shoot(const SweepData& d, int run, double live, const QString& name, bool fit = false,
           bool dark = false) {
    TimelinePanel panel;
    if (dark) panel.setPalette(dark_palette());
    panel.resize(room());
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.show_run(&d, run, live);
    panel.set_fit_one_run(fit);
    QApplication::processEvents();
    for (QWidget* part : {static_cast<QWidget*>(panel.title()), static_cast<QWidget*>(panel.key()),
                          static_cast<QWidget*>(panel.fit_button())}) {
        const QRect where(part->mapTo(&panel, QPoint(0, 0)), part->size());
        EXPECT_TRUE(panel.rect().contains(where)) << name.toStdString() << ": part cut off";
    }
    const QString scale = qApp->devicePixelRatio() > 1.2 ? "-x1.5" : "";
    save_screenshot(&panel, "timeline-shot-" + name + scale + (dark ? "-dark" : ""));
}

}  // namespace

TEST(TimelineShots, ArticlePresetMidRunAndDone) {
    SweepData mid;
    article(mid, true);
    shoot(mid, 3, 1.5, "article-mid");
    SweepData done;
    article(done, false);
    shoot(done, 6, 2.006, "article-done");
    shoot(done, 6, 2.006, "article-done", false, true);
    shoot(done, 2, 2.004, "article-fit-map", true);
}

TEST(TimelineShots, CrashRun) {
    SweepData d;
    feed_crash_run(d);
    shoot(d, 1, 2.061, "crash");
    shoot(d, 1, 2.061, "crash", false, true);
}

TEST(TimelineShots, CancelledRun) {
    SweepData d;
    feed_cancelled_run(d);
    shoot(d, 1, 1.503, "cancelled");
}

TEST(TimelineShots, TinyTasksPreset) {
    SweepData d;
    tiny(d);
    ASSERT_EQ(d.runs().size(), 13u);
    shoot(d, 13, d.runs().back().end->elapsed_s, "tiny");
    shoot(d, 13, d.runs().back().end->elapsed_s, "tiny", false, true);
}
