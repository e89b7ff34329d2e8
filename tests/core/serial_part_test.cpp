// The serial part (Amdahl and Gustafson): the formulas, the model's lengths, a real run whose
// parent does its serial part before the tasks, weak scaling's grown problems and baselines,
// cancelling in the serial part, and the part in the events, CSVs and trace.
#include "experiment/serial_part.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <sstream>
#include <thread>

#include "experiment/csv.h"
#include "experiment/event_stream.h"
#include "experiment/runner.h"
#include "experiment/sweep.h"
#include "experiment/trace.h"
#include "test_support.h"

namespace plab {
namespace {

using namespace std::chrono_literals;

TEST(SerialPartFormulas, KnownValues) {
    EXPECT_DOUBLE_EQ(amdahl_bound(0.2, 4), 2.5);  // 1 / (0.2 + 0.8/4)
    EXPECT_DOUBLE_EQ(amdahl_bound(0.0, 8), 8.0);
    EXPECT_DOUBLE_EQ(amdahl_bound(0.5, 1), 1.0);
    EXPECT_NEAR(amdahl_bound(0.1, 64), 1.0 / (0.1 + 0.9 / 64), 1e-12);
    EXPECT_DOUBLE_EQ(gustafson_bound(0.2, 4), 3.4);  // 4 - 0.2 x 3
    EXPECT_DOUBLE_EQ(gustafson_bound(0.0, 8), 8.0);
    EXPECT_DOUBLE_EQ(gustafson_bound(0.5, 1), 1.0);
    EXPECT_NEAR(*karp_flatt_estimate(2.5, 4), 0.2, 1e-12);  // the bound gives F back
    EXPECT_NEAR(*gustafson_estimate(3.4, 4), 0.2, 1e-12);
    EXPECT_NEAR(*karp_flatt_estimate(4, 4), 0.0, 1e-12);    // perfect: no serial part
    EXPECT_FALSE(karp_flatt_estimate(1.0, 1).has_value());  // undefined for one worker
    EXPECT_FALSE(gustafson_estimate(1.0, 1).has_value());
    EXPECT_FALSE(karp_flatt_estimate(0.0, 4).has_value());  // no speedup measured
}

TEST(SerialPartFormulas, BoundFollowsTheSpecsScaling) {
    ExperimentSpec s;
    s.serial_fraction = 0.2;
    s.workers = 4;
    EXPECT_DOUBLE_EQ(speedup_bound(s), 2.5);
    EXPECT_NEAR(*estimated_serial_fraction(s, 2.5), 0.2, 1e-12);
    s.scaling = Scaling::Weak;
    EXPECT_DOUBLE_EQ(speedup_bound(s), 3.4);
    EXPECT_NEAR(*estimated_serial_fraction(s, 3.4), 0.2, 1e-12);
    s.strategy = Strategy::Serial;  // the serial strategy uses one worker whatever it says
    EXPECT_DOUBLE_EQ(speedup_bound(s), 1.0);
    EXPECT_FALSE(estimated_serial_fraction(s, 1.0).has_value());
}

TEST(SerialPartModel, LengthsKeepTheSerialTotal) {
    ExperimentSpec s;
    s.tasks = 10;
    s.delay_ns = 100'000'000;
    EXPECT_EQ(serial_part_ns(s), 0);  // default: today's experiment
    EXPECT_EQ(parallel_delay_ns(s), 100'000'000);
    s.serial_fraction = 0.5;
    EXPECT_EQ(serial_part_ns(s), 500'000'000);  // F x tasks x delay
    EXPECT_EQ(parallel_delay_ns(s), 50'000'000);
    EXPECT_EQ(serial_part_ns(s) + s.tasks * parallel_delay_ns(s), s.tasks * s.delay_ns);

    s.scaling = Scaling::Weak;
    s.workers = 4;
    const ExperimentSpec grown = grown_for_workers(s);
    EXPECT_EQ(grown.tasks, 40);
    EXPECT_EQ(serial_part_ns(grown), 500'000'000);  // the one-worker problem's serial part
    s.scaling = Scaling::Strong;
    EXPECT_EQ(grown_for_workers(s).tasks, 10);
}

TEST(SerialPartModel, ValidateRefusesBadFractionsAndOvergrownProblems) {
    ExperimentSpec s;
    for (double bad : {-0.1, 1.0, 1.5, std::nan("")}) {
        s.serial_fraction = bad;
        EXPECT_NE(validate(s).find("serial fraction"), std::string::npos) << bad;
    }
    s.serial_fraction = 0.95;
    EXPECT_EQ(validate(s), "");
    SweepSpec sweep;
    sweep.strategies = {Strategy::Map};
    sweep.workers = {1, 4};
    sweep.base.tasks = 3'000'000;
    sweep.base.scaling = Scaling::Weak;
    EXPECT_NE(validate(sweep).find("3000000 x 4 = 12000000"), std::string::npos) << validate(sweep);
    sweep.base.scaling = Scaling::Strong;
    EXPECT_EQ(validate(sweep), "");
}

TEST(SerialPartRun, TheParentDoesItsPartBeforeTheTasks) {
    ExperimentSpec spec;
    spec.strategy = Strategy::Map;
    spec.workers = 5;
    spec.tasks = 10;
    spec.delay_ns = 100'000'000;
    spec.serial_fraction = 0.5;  // 0.5 s in the parent, then 10 tasks of 50 ms
    const RunResult r = run_experiment(spec);
    ASSERT_TRUE(r.all_ok()) << (r.errors.empty() ? "" : r.errors.front());
    ASSERT_TRUE(r.serial_part.has_value());
    const TaskRecord& p = *r.serial_part;
    EXPECT_TRUE(p.ok);
    EXPECT_EQ(p.pid, ::getpid());
    EXPECT_EQ(p.worker, -1);
    EXPECT_EQ(p.task, -1);
    EXPECT_GE(p.end_s - p.start_s, 0.499);
    EXPECT_LT(p.end_s - p.start_s, 0.5 + 0.3 * testing::kSlowdown);  // coarse
    double busy = 0;
    for (const TaskRecord& t : r.tasks) {
        EXPECT_GE(t.start_s, p.end_s) << "task " << t.task << " began before the serial part ended";
        EXPECT_GE(t.end_s - t.start_s, 0.049);
        busy += t.end_s - t.start_s;
        EXPECT_NE(t.pid, ::getpid());
    }
    EXPECT_LT(busy / 10, 0.09 * testing::kSlowdown);  // (1 - F) x delay, not the whole delay
    EXPECT_GE(r.elapsed_s, 0.6);                      // 0.5 + two rounds of 50 ms
}

TEST(SerialPartRun, SerialStrategyKeepsTheTotalAndNoPartWhenZero) {
    ExperimentSpec spec;
    spec.strategy = Strategy::Serial;
    spec.tasks = 5;
    spec.delay_ns = 40'000'000;
    const RunResult plain = run_experiment(spec);
    EXPECT_FALSE(plain.serial_part.has_value());
    spec.serial_fraction = 0.4;
    const RunResult r = run_experiment(spec);
    ASSERT_TRUE(r.all_ok());
    ASSERT_TRUE(r.serial_part.has_value());
    EXPECT_GE(r.serial_part->end_s - r.serial_part->start_s, 0.079);  // 0.4 x 5 x 40 ms
    EXPECT_GE(r.elapsed_s, 0.199);                                    // still 5 x 40 ms
    EXPECT_LT(r.elapsed_s, 0.2 + 0.3 * testing::kSlowdown);
}

TEST(SerialPartRun, CancelInTheSerialPartRunsNoTask) {
    ExperimentSpec spec;
    spec.strategy = Strategy::Map;
    spec.tasks = 10;
    spec.delay_ns = 1'000'000'000;
    spec.serial_fraction = 0.9;  // 9 s alone
    CancelToken cancel;
    std::thread stopper([&] {
        std::this_thread::sleep_for(200ms);
        cancel.cancel();
    });
    const RunResult r = run_experiment(spec, {}, nullptr, &cancel);
    stopper.join();
    EXPECT_TRUE(r.cancelled);
    ASSERT_TRUE(r.serial_part.has_value());
    EXPECT_FALSE(r.serial_part->ok);
    EXPECT_EQ(r.serial_part->error, "cancelled");
    EXPECT_TRUE(r.tasks.empty());
    EXPECT_EQ(r.results.size(), 10u);
    EXPECT_LT(r.elapsed_s, 2.0 * testing::kSlowdown);
    EXPECT_TRUE(testing::children().empty());
}

/// Records the observer's view of the serial part.
class PartWatcher : public RunObserver {
  public:
    void serial_part_started(RunId, const TaskRecord& part) override {
        started = part;
        tasks_before_start = tasks;
    }
    void serial_part_finished(RunId, const TaskRecord& part) override { finished = part; }
    void task_finished(RunId, const TaskRecord&) override { ++tasks; }
    std::optional<TaskRecord> started, finished;
    int tasks = 0, tasks_before_start = -1;
};

TEST(SerialPartRun, WeakScalingRunsTasksTimesWorkersAgainstItsOwnSerialRun) {
    SweepSpec sweep;
    sweep.strategies = {Strategy::Serial, Strategy::Map};
    sweep.workers = {1, 3};
    sweep.base.tasks = 2;
    sweep.base.delay_ns = 20'000'000;
    sweep.base.serial_fraction = 0.5;
    sweep.base.scaling = Scaling::Weak;
    const std::vector<ExperimentSpec> plan = plan_runs(sweep);
    ASSERT_EQ(plan.size(), 4u);  // serial of each grown problem, then map x 2
    EXPECT_EQ(plan[0].strategy, Strategy::Serial);
    EXPECT_EQ(plan[0].tasks, 2);
    EXPECT_EQ(plan[1].strategy, Strategy::Serial);
    EXPECT_EQ(plan[1].tasks, 6);
    EXPECT_EQ(plan[3].tasks, 6);
    PartWatcher watcher;
    const std::vector<SweepRow> rows = run_sweep(sweep, &watcher);
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[3].run.tasks.size(), 6u);  // 2 tasks x 3 workers really ran
    EXPECT_TRUE(rows[3].run.all_ok());
    EXPECT_DOUBLE_EQ(rows[3].serial_s, rows[1].run.elapsed_s);  // its own grown problem
    EXPECT_DOUBLE_EQ(rows[2].serial_s, rows[0].run.elapsed_s);
    EXPECT_DOUBLE_EQ(rows[1].efficiency, 1.0);  // serial uses one worker whatever its problem
    EXPECT_TRUE(std::isnan(rows[1].karp_flatt));
    ASSERT_TRUE(rows[3].run.serial_part.has_value());
    EXPECT_GE(rows[3].run.serial_part->end_s - rows[3].run.serial_part->start_s, 0.019);
    ASSERT_TRUE(watcher.finished.has_value());
    EXPECT_EQ(watcher.finished->pid, ::getpid());
}

TEST(SerialPartRecords, EventsCsvAndTraceCarryThePart) {
    ExperimentSpec spec;
    spec.strategy = Strategy::Map;
    spec.workers = 2;
    spec.tasks = 2;
    spec.delay_ns = 20'000'000;
    spec.serial_fraction = 0.5;
    PartWatcher watcher;
    const SweepRow row = make_row(run_experiment(spec, {}, &watcher), 0.04);
    ASSERT_TRUE(watcher.started && watcher.finished);
    EXPECT_EQ(watcher.tasks_before_start, 0);  // told before any task

    const TaskRecord& p = *row.run.serial_part;
    const auto start = events::parse(events::serial_start_line({3, 1}, p));
    ASSERT_TRUE(start.has_value());
    EXPECT_EQ(start->kind, events::Event::Kind::SerialStart);
    EXPECT_EQ(start->id.run, 3);
    EXPECT_EQ(start->task.pid, p.pid);
    EXPECT_EQ(start->task.worker, -1);
    const auto end = events::parse(events::serial_line({3, 1}, p));
    ASSERT_TRUE(end.has_value());
    EXPECT_EQ(end->kind, events::Event::Kind::Serial);
    EXPECT_NEAR(end->task.end_s, p.end_s, 1e-6);
    EXPECT_TRUE(end->task.ok);
    std::string why;
    EXPECT_FALSE(events::parse("serial\t1\tx\t0.1\t0.2\t1\t", &why).has_value());
    EXPECT_NE(why.find("malformed serial part event"), std::string::npos) << why;

    std::ostringstream tasks_csv;
    write_tasks_csv(tasks_csv, {row});
    const std::string csv = tasks_csv.str();
    EXPECT_NE(csv.find(",error,part,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("1,1,map,2,,," + std::to_string(::getpid()) + ","), std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",serial,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",parallel,"), std::string::npos) << csv;

    std::ostringstream runs_csv;
    write_runs_csv(runs_csv, {row});
    EXPECT_NE(runs_csv.str().find(
                  ",refusal,serial_fraction,scaling,speedup_bound,estimated_serial_fraction,"),
              std::string::npos);
    EXPECT_NE(runs_csv.str().find(",0.500000,strong,1.333333,"), std::string::npos)
        << runs_csv.str();  // 1 / (0.5 + 0.5/2)

    std::ostringstream trace;
    write_trace_json(trace, trace_runs({row}));
    EXPECT_NE(trace.str().find("serial part (parent) · pid " + std::to_string(::getpid())),
              std::string::npos);
    EXPECT_NE(trace.str().find(R"("name":"serial part")"), std::string::npos);
}

}  // namespace
}  // namespace plab
