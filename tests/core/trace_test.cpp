// The Perfetto / chrome://tracing export: exact JSON for a small sweep, escaping, and what is
// left out.
#include "experiment/trace.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

namespace plab {
namespace {

TEST(Trace, JsonStringsEscapeWhatJsonRequires) {
    EXPECT_EQ(json_string("plain"), "\"plain\"");
    EXPECT_EQ(json_string("say \"hi\"\\ok"), R"("say \"hi\"\\ok")");
    EXPECT_EQ(json_string("a\nb\tc\x01"), R"("a\nb\tc\u0001")");
    EXPECT_EQ(json_string("Run 2 · Pool.map"), "\"Run 2 · Pool.map\"");  // UTF-8 as it is
}

TEST(Trace, RunsAreProcessesWorkersThreadsTasksCompleteEvents) {
    TraceRun run;
    run.number = 2;
    run.title = "Run 2 · Pool.map · 2 workers";
    run.tasks = {
        TraceTask{0, 1, 4242, 0.001, 0.0015, true, "0"},
        TraceTask{1, 0, 4241, 0.0, 0.25, false, "worker 0 (pid 4241) was \"killed\""},
        TraceTask{2, -1, 0, 0.0, 0.0, false, "cancelled"},  // never reached a worker: left out
        TraceTask{3, 1, 4242, 0.002, 0.0, false, ""},       // never ended: left out
    };
    std::ostringstream out;
    write_trace_json(out, {run});
    EXPECT_EQ(out.str(),
              R"({"displayTimeUnit":"ms","traceEvents":[
{"ph":"M","name":"process_name","pid":2,"args":{"name":"Run 2 · Pool.map · 2 workers"}},
{"ph":"M","name":"process_sort_index","pid":2,"args":{"sort_index":2}},
{"ph":"M","name":"thread_name","pid":2,"tid":1,"args":{"name":"worker 1 · pid 4242"}},
{"ph":"M","name":"thread_sort_index","pid":2,"tid":1,"args":{"sort_index":1001}},
{"ph":"X","cat":"task","name":"task 0","pid":2,"tid":1,"ts":1000.000,"dur":500.000,"args":{"task":0,"ok":true,"result":"0"}},
{"ph":"M","name":"thread_name","pid":2,"tid":2,"args":{"name":"worker 0 · pid 4241"}},
{"ph":"M","name":"thread_sort_index","pid":2,"tid":2,"args":{"sort_index":2}},
{"ph":"X","cat":"task","name":"task 1","pid":2,"tid":2,"ts":0.000,"dur":250000.000,"args":{"task":1,"ok":false,"error":"worker 0 (pid 4241) was \"killed\""}}
]}
)");
}

TEST(Trace, TitlesSayOnlyWhatMatters) {
    ExperimentSpec spec;
    spec.strategy = Strategy::Serial;
    EXPECT_EQ(trace_title(1, spec, 1, 1), "Run 1 · Serial");
    spec.strategy = Strategy::Map;
    spec.workers = 1;
    EXPECT_EQ(trace_title(3, spec, 4, 2), "Run 3 · Pool.map · 1 worker · chunksize 4 · repeat 2");
    spec.strategy = Strategy::ThreadMap;
    spec.workers = 4;
    EXPECT_EQ(trace_title(4, spec, 1, 1).find("worker"), std::string::npos)
        << trace_title(4, spec, 1, 1);
    EXPECT_NE(trace_title(4, spec, 1, 1).find(" · 4 threads"), std::string::npos);
}

TEST(Trace, AnyErrorTextGivesValidUtf8Json) {
    static constexpr char kControls[] = "nul \0 bel \a esc \x1b del \x7f";
    // What a task's error may hold: invalid UTF-8 (a stray byte, a cut sequence, an overlong
    // form, a surrogate), control characters, quotes, backslashes, DEL, and good UTF-8.
    const std::string nasty = std::string("bad \xff|cut \xe2\x82|over \xc0\xaf|sur \xed\xa0\x80|") +
                              std::string(kControls, sizeof kControls - 1) +
                              "|\"q\" \\ caf\xc3\xa9 \xf0\x9f\x98\x80";
    TraceRun run;
    run.title = "Run 1 \xfe";
    run.tasks = {TraceTask{0, 0, 7, 0.0, 0.5, false, nasty}};
    std::ostringstream out;
    write_trace_json(out, {run});
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(out.str())) << out.str();
    const auto& events = doc.at("traceEvents");
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[0]["args"]["name"], "Run 1 \xef\xbf\xbd");
    EXPECT_EQ(events[4]["args"]["error"],
              "bad \xef\xbf\xbd|cut \xef\xbf\xbd\xef\xbf\xbd|over \xef\xbf\xbd\xef\xbf\xbd|sur "
              "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|" +
                  std::string(kControls, sizeof kControls - 1) +
                  "|\"q\" \\ caf\xc3\xa9 \xf0\x9f\x98\x80");
}

TEST(Trace, AnEmptySweepIsAnEmptyTrace) {
    std::ostringstream out;
    write_trace_json(out, {});
    EXPECT_EQ(out.str(), "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n]}\n");
}

}  // namespace
}  // namespace plab
