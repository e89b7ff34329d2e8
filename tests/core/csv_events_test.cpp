#include <gtest/gtest.h>

#include <sstream>

#include "experiment/csv.h"
#include "experiment/event_stream.h"

namespace plab {
namespace {

SweepRow sample_row() {
    RunResult r;
    r.spec.strategy = Strategy::Map;
    r.spec.workers = 2;
    r.spec.tasks = 2;
    r.spec.delay_ns = 250'000'000;
    r.id = {3, 1};
    r.chunksize = 1;
    r.elapsed_s = 0.3125;  // exact in binary: the expected text below is exact too
    TaskRecord ok;
    ok.task = 0;
    ok.worker = 1;
    ok.pid = 4242;
    ok.start_s = 0.001;
    ok.end_s = 0.251;
    ok.ok = true;
    ok.result = 0;
    TaskRecord bad = ok;
    bad.task = 1;
    bad.ok = false;
    bad.result = Value();
    bad.error = "worker 1 (pid 4242) was killed, \"badly\"\nreally";
    r.tasks = {ok, bad};
    r.errors = {"task 1: boom"};
    return make_row(r, 0.5);
}

TEST(Csv, FieldsAreQuotedOnlyWhenNeeded) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(Csv, RunsAndTasksFollowTheDocumentedSchema) {
    std::ostringstream runs;
    std::ostringstream tasks;
    write_runs_csv(runs, {sample_row()});
    write_tasks_csv(tasks, {sample_row()});
    EXPECT_EQ(
        runs.str(),
        "run,repeat,strategy,workers,tasks,delay_s,workload,exponent,chunksize,elapsed_s,"
        "serial_s,ideal_s,speedup,efficiency,karp_flatt,ok_tasks,failed_tasks,cancelled,refusal,"
        "serial_fraction,scaling,speedup_bound,estimated_serial_fraction,durations,seed,"
        "start_method,payload_bytes,launch_s,hosts,clock_uncertainty_s\r\n"
        "3,1,map,2,2,0.250000,sleep,2,1,0.312500,0.500000,0.250000,1.600000,0.800000,0.250000,1,1,"
        "0,,0.000000,strong,2.000000,0.250000,fixed,1,fork,0,,,\r\n");
    EXPECT_EQ(
        tasks.str(),
        "run,repeat,strategy,workers,task,worker,pid,start_s,end_s,duration_s,ok,result,error,"
        "part,planned_duration_s,host,rank\r\n"
        "3,1,map,2,0,1,4242,0.001000,0.251000,0.250000,1,0,,parallel,0.250000,,\r\n"
        "3,1,map,2,1,1,4242,0.001000,0.251000,0.250000,0,,\"worker 1 (pid 4242) was killed, "
        "\"\"badly\"\"\nreally\",parallel,0.250000,,\r\n");
}

TEST(Csv, ARunStoppedPartWayCountsOnlyRecordedValuesAsOk) {
    // A run stopped by its own failure (recording ran out of memory) recorded 1 of 5 tasks: the
    // other 4 never ran, and count as failed, never as ok.
    SweepRow row = sample_row();
    row.run.spec.tasks = 5;
    row.run.tasks.resize(1);
    row.run.error = "recording the run's task events failed (std::bad_alloc)";
    std::ostringstream runs;
    write_runs_csv(runs, {row});
    const std::string text = runs.str();
    const std::string last = text.substr(text.find("\r\n") + 2);
    EXPECT_NE(last.find(",1,4,0,,0.000000,strong,"), std::string::npos) << last;
    EXPECT_NE(last.find(",fixed,1,fork,0,,,\r\n"), std::string::npos) << last;
}

TEST(EventStream, EveryLineParsesBackToWhatWasWritten) {
    const SweepRow row = sample_row();
    const RunResult& r = row.run;
    auto run = events::parse(events::run_line(r.spec, r.id, 4));
    ASSERT_TRUE(run);
    EXPECT_EQ(run->kind, events::Event::Kind::Run);
    EXPECT_EQ(run->id.run, 3);
    EXPECT_EQ(run->spec.strategy, Strategy::Map);
    EXPECT_EQ(run->spec.delay_ns, 250'000'000);
    EXPECT_EQ(run->chunksize, 4);

    auto start = events::parse(events::start_line(r.id, r.tasks[0]));
    ASSERT_TRUE(start);
    EXPECT_EQ(start->kind, events::Event::Kind::Start);
    EXPECT_EQ(start->task.pid, 4242);
    EXPECT_DOUBLE_EQ(start->task.start_s, 0.001);

    auto bad = events::parse(events::task_line(r.id, r.tasks[1]));
    ASSERT_TRUE(bad);
    EXPECT_FALSE(bad->task.ok);
    EXPECT_EQ(bad->text, r.tasks[1].error);  // tabs and newlines survive the escaping

    auto good = events::parse(events::task_line(r.id, r.tasks[0]));
    ASSERT_TRUE(good);
    EXPECT_EQ(good->text, "0");

    auto end = events::parse(events::end_line(row));
    ASSERT_TRUE(end);
    EXPECT_EQ(end->kind, events::Event::Kind::End);
    EXPECT_NEAR(end->speedup, 1.6, 1e-9);
    EXPECT_EQ(end->failed, 1);

    auto done = events::parse(events::done_line(1));
    ASSERT_TRUE(done);
    EXPECT_EQ(done->exit_code, 1);
    EXPECT_TRUE(events::parse(events::kHeader));
}

TEST(EventStream, GarbageIsRejectedWithAReason) {
    std::string why;
    EXPECT_FALSE(events::parse("", &why));
    EXPECT_FALSE(events::parse("task\t1\t2", &why));
    EXPECT_FALSE(events::parse("run\t1\t1\tnope\t1\t1\t1\tsleep\t2\t1\t-1", &why));
    EXPECT_NE(why.find("malformed run event"), std::string::npos);
    EXPECT_FALSE(events::parse("start\tx\t1\t1\t1\t0.1", &why));
    EXPECT_EQ(events::unescape(events::escape("a\tb\\n\nc")), "a\tb\\n\nc");
}

}  // namespace
}  // namespace plab
