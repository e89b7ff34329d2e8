// Every number the program writes for other programs (CSV, trace, event stream, results) uses '.'
// and no digit grouping whatever the process locale: the window's QApplication sets the C locale
// from the environment, and a program may set a global C++ locale too. The test needs the
// de_DE.UTF-8 locale and FAILS without it (scripts/install-deps.sh generates it): a locale test
// that skips proves nothing.
#include <gtest/gtest.h>

#include <clocale>
#include <locale>
#include <sstream>

#include "experiment/csv.h"
#include "experiment/event_stream.h"
#include "experiment/trace.h"

namespace plab {
namespace {

/// Switches the C and the C++ global locale to de_DE.UTF-8 for one test, and back.
class GermanLocale : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_NE(std::setlocale(LC_ALL, "de_DE.UTF-8"), nullptr)
            << "de_DE.UTF-8 is not installed: run scripts/install-deps.sh (it generates it)";
        old_ = std::locale::global(std::locale("de_DE.UTF-8"));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", 1.5);
        ASSERT_STREQ(buf, "1,5") << "the locale is not in effect: the test would prove nothing";
    }
    void TearDown() override {
        std::locale::global(old_);
        std::setlocale(LC_ALL, "C");
    }

  private:
    std::locale old_;
};

SweepRow row() {
    RunResult r;
    r.spec.strategy = Strategy::Map;
    r.spec.workers = 2;
    r.spec.tasks = 2000;
    r.spec.delay_ns = 1'500'000'000;
    r.id = {1, 1};
    r.chunksize = 1000;
    r.elapsed_s = 1234.5;
    TaskRecord t;
    t.task = 1999;
    t.worker = 1;
    t.pid = 123456;
    t.start_s = 0.001;
    t.end_s = 1000.25;
    t.ok = true;
    t.result = 2.5;
    r.tasks = {t};
    return make_row(r, 3000.5);
}

TEST_F(GermanLocale, CsvUsesDotsAndNoGrouping) {
    std::ostringstream runs;
    std::ostringstream tasks;
    write_runs_csv(runs, {row()});
    write_tasks_csv(tasks, {row()});
    EXPECT_NE(runs.str().find("\r\n1,1,map,2,2000,1.500000,sleep,2,1000,1234.500000,"),
              std::string::npos)
        << runs.str();
    EXPECT_NE(
        tasks.str().find("\r\n1,1,map,2,1999,1,123456,0.001000,1000.250000,1000.249000,1,2.5,"),
        std::string::npos)
        << tasks.str();
}

TEST_F(GermanLocale, TraceUsesDotsAndNoGrouping) {
    std::ostringstream out;
    write_trace_json(out, trace_runs({row()}));
    EXPECT_NE(
        out.str().find(
            R"("name":"task 1999","pid":1,"tid":1,"ts":1000.000,"dur":1000249000.000,"args":{"task":1999,"ok":true,"result":"2.5"})"),
        std::string::npos)
        << out.str();
    EXPECT_NE(out.str().find(R"("sort_index":1001)"), std::string::npos) << out.str();
}

TEST_F(GermanLocale, EventStreamUsesDotsAndReadsBack) {
    const SweepRow r = row();
    const std::string task = events::task_line(r.run.id, r.run.tasks[0]);
    EXPECT_EQ(task, "task\t1\t1999\t1\t123456\t0.001000\t1000.250000\t1\t2.5");
    const std::string end = events::end_line(r);
    EXPECT_EQ(end.rfind("end\t1\t1234.500000\t", 0), 0u) << end;
    const auto parsed = events::parse(task);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_DOUBLE_EQ(parsed->task.end_s, 1000.25);
}

}  // namespace
}  // namespace plab
