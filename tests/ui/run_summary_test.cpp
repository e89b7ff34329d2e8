// What a run and an experiment came to: the lesson (a refused closure, a crash asked for) in
// its own tone, what went wrong in red, a cancelled run without a speedup.
#include <gtest/gtest.h>

#include "run_summary.h"
#include "sweep_fixture.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

/// A map run on 2 workers, 4 tasks, crash_task as given (-1 none), task 1 failing.
void feed_failed_map(SweepData& d, const std::string& crash_task) {
    SweepSpec leg = small_leg();
    leg.strategies = {Strategy::Map};
    leg.base.crash_task = std::stoi(crash_task);
    d.begin_leg(leg);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "map", "2", "4", "1.000000", "sleep", "2", "1", crash_task}),
             line({"start", "1", "0", "0", "201", "0.001000"}),
             line({"start", "1", "1", "1", "202", "0.001000"}),
             line({"task", "1", "0", "0", "201", "0.001000", "1.001000", "1", "0"}),
             line({"task", "1", "1", "1", "202", "0.001000", "0.002000", "0",
                   "worker 202 died (killed by SIGKILL)"}),
             line({"start", "1", "2", "0", "201", "1.001000"}),
             line({"start", "1", "3", "1", "203", "0.010000"}),
             line({"task", "1", "2", "0", "201", "1.001000", "2.001000", "1", "4"}),
             line({"task", "1", "3", "1", "203", "0.010000", "1.010000", "1", "9"}),
             line({"end", "1", "2.002000", "4.000000", "2.000000", "1.998", "0.999", "nan", "1",
                   "0", ""}),
             line({"done", "1"})});
}

}  // namespace

TEST(RunSummary, TheRefusedClosureIsTheLessonNotAnError) {
    SweepData d;
    feed_first_half(d);
    feed_second_half(d);
    const RunRecord& closure = d.runs()[2];
    EXPECT_TRUE(refusal_expected(closure));
    const auto lines = run_lines(closure, 5);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].tone, Tone::Lesson);
    EXPECT_TRUE(lines[0].text.contains("refused, as in the article"))
        << lines[0].text.toStdString();

    const Outcome o = experiment_outcome(d, 1, false, 6.5);
    EXPECT_EQ(o.tone, Tone::Lesson);
    EXPECT_TRUE(o.text.startsWith("Done in 6.500 s: 3 runs, 1 refused as the article shows"))
        << o.text.toStdString();
    EXPECT_FALSE(o.text.contains("exit code")) << o.text.toStdString();
}

TEST(RunSummary, ACrashAskedForIsExpected) {
    SweepData d;
    feed_failed_map(d, "1");
    const auto lines = run_lines(d.runs()[0], 5);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].tone, Tone::Lesson);
    EXPECT_TRUE(lines[0].text.contains("1 task killed as asked; its worker was replaced"))
        << lines[0].text.toStdString();
    EXPECT_EQ(lines[1].tone, Tone::Lesson);  // the task's own line, "killed by SIGKILL"
    const Outcome o = experiment_outcome(d, 1, false, 2.1);
    EXPECT_EQ(o.tone, Tone::Lesson);
    EXPECT_TRUE(o.text.contains("1 task killed as asked; its worker was replaced"))
        << o.text.toStdString();
}

TEST(RunSummary, AFailureNobodyAskedForIsRed) {
    SweepData d;
    feed_failed_map(d, "-1");
    const auto lines = run_lines(d.runs()[0], 5);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].tone, Tone::Error);
    EXPECT_TRUE(lines[0].text.contains(", 1 task failed")) << lines[0].text.toStdString();
    EXPECT_EQ(lines[1].tone, Tone::Error);
    const Outcome o = experiment_outcome(d, 1, false, 2.1);
    EXPECT_EQ(o.tone, Tone::Error);
    EXPECT_TRUE(o.text.contains("1 task failed")) << o.text.toStdString();
}

TEST(RunSummary, ACancelledRunHasNoSpeedup) {
    SweepData d;
    feed_first_half(d);
    feed(d,
         {line({"end", "2", "1.500000", "4.001000", "2.000000", "0.000000", "0.000000", "nan", "2",
                "1", ""})},
         12.0);
    const auto lines = run_lines(d.runs()[1], 5);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_FALSE(lines[0].text.contains("speedup")) << lines[0].text.toStdString();
    EXPECT_FALSE(lines[0].text.contains("failed")) << lines[0].text.toStdString();
    EXPECT_TRUE(lines[0].text.contains("cancelled after 1.500 s (2 of 4 tasks had finished)"))
        << lines[0].text.toStdString();
    const Outcome o = experiment_outcome(d, 1, true, 12.5);
    EXPECT_EQ(o.tone, Tone::Plain);
    EXPECT_EQ(o.text, "Cancelled after 12.500 s: 1 of 3 runs done");
}

TEST(RunSummary, WhatTheRunsDoNotExplainIsRed) {
    SweepData d;
    feed_first_half(d);
    EXPECT_EQ(experiment_outcome(d, 2, false, 1).tone, Tone::Error);
    const Outcome o = experiment_outcome(d, 1, false, 1);  // exit 1, nothing refused or failed
    EXPECT_EQ(o.tone, Tone::Error);
    EXPECT_TRUE(o.text.contains("exit code 1")) << o.text.toStdString();
    EXPECT_EQ(experiment_outcome(d, 0, false, 1).tone, Tone::Plain);
}

TEST(RunSummary, AnMpiRunNamesItsHostsAndACrashEndsTheJob) {
    SweepData d;
    SweepSpec leg = small_leg();
    leg.strategies = {Strategy::MpiMap};
    leg.base.crash_task = 1;
    d.begin_leg(leg);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "mpi_map", "2", "4", "1.000000", "sleep", "2", "1", "1"}),
             line({"host", "1", "0", "plab-h1", "0.000000", "0.000000"}),
             line({"host", "1", "1", "plab-h2", "3.000000", "0.000100"}),
             line({"note", "1", "oversubscribed: 3 ranks on 2 slots"}),
             line({"task", "1", "0", "1", "201", "0.001000", "1.001000", "1", "0", "host=0"}),
             line({"task", "1", "1", "2", "202", "0.001000", "0.002000", "0",
                   "rank 2 on host plab-h2 (pid 202) was killed by signal 9 (Killed)", "host=1"}),
             line({"end", "1", "1.100000", "4.000000", "2.000000", "1.998", "0.999", "nan", "3",
                   "0", ""}),
             line({"done", "1"})});
    const auto lines = run_lines(d.runs()[0], 5);
    ASSERT_GE(lines.size(), 2u);
    // The crash asked for ended the job: its 3 failed tasks are the lesson, nothing replaced.
    EXPECT_EQ(lines[0].tone, Tone::Lesson) << lines[0].text.toStdString();
    EXPECT_TRUE(lines[0].text.contains("3 tasks killed as asked")) << lines[0].text.toStdString();
    EXPECT_FALSE(lines[0].text.contains("replaced")) << lines[0].text.toStdString();
    EXPECT_EQ(lines[1].tone, Tone::Muted);
    EXPECT_EQ(lines[1].text.trimmed().toStdString(),
              "Open MPI ranks on plab-h1, plab-h2 (clock +3.000 s ± 100 µs); oversubscribed: 3 "
              "ranks on 2 slots");
}
