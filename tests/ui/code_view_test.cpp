// The code tab: a Python and a C++ snippet for every strategy, filled with the experiment.
#include <gtest/gtest.h>

#include "code_view.h"
#include "experiment/durations.h"
#include "ui_test_support.h"

using namespace plab;
using namespace plab::ui;

TEST(CodeView, EveryStrategyHasBothSnippetsWithNoPlaceholderLeft) {
    ExperimentSpec spec;
    spec.workers = 7;
    spec.tasks = 12;
    for (Strategy s : all_strategies()) {
        for (const char* language : {"py", "cpp"}) {
            const QString text = snippet(s, language, spec);
            EXPECT_FALSE(text.isEmpty()) << strategy_name(s) << "." << language;
            EXPECT_FALSE(text.contains("{{")) << strategy_name(s) << "." << language;
        }
    }
    EXPECT_TRUE(snippet(Strategy::Map, "py", spec).contains("Pool(7)"));
    EXPECT_TRUE(snippet(Strategy::Map, "py", spec).contains("range(12)"));
    EXPECT_TRUE(snippet(Strategy::PathosMap, "py", spec).contains("pathos"));
    EXPECT_TRUE(snippet(Strategy::MapClosure, "py", spec).contains("Can't pickle"));
}

TEST(CodeView, FollowsTheChosenStrategy) {
    CodeView view;
    view.set_strategy(Strategy::Starmap);
    EXPECT_EQ(view.strategy(), Strategy::Starmap);
    EXPECT_TRUE(view.python_text().contains("starmap"));
    EXPECT_TRUE(view.cpp_text().contains("starmap"));
    ExperimentSpec spec;
    spec.workers = 3;
    view.set_spec(spec);
    EXPECT_TRUE(view.python_text().contains("Pool(3)"));
}

TEST(CodeView, TheClosureIsNamedWithTheExperimentsExponent) {
    CodeView view;
    ExperimentSpec spec;
    spec.exponent = 3;
    view.set_spec(spec);
    for (Strategy s : {Strategy::MapClosure, Strategy::PathosMap}) {
        view.set_strategy(s);
        const std::string name(strategy_name(s));
        EXPECT_TRUE(view.python_text().contains("power = power_factory(3)")) << name;
        EXPECT_TRUE(view.cpp_text().contains("power_factory(3)")) << name;
        EXPECT_TRUE(view.summary_text().contains("power_factory(3)"))
            << name << ": " << view.summary_text().toStdString();
        EXPECT_TRUE(view.summary_tooltip(s).contains("power_factory(3)")) << name;
    }
    view.set_strategy(Strategy::MapClosure);
    view.resize(1024, 700);
    plab::ui::testing::save_screenshot(&view, "code-map-closure-exponent-3");
    // Python's own words for the refusal name the local function as the snippet defines it.
    EXPECT_TRUE(snippet(Strategy::MapClosure, "py", spec).contains("'power_factory.<locals>.f'"));
    // No text of any strategy says 2 (or calls x**3 a square) when the exponent is 3.
    for (Strategy s : all_strategies()) {
        view.set_strategy(s);
        for (const QString& text :
             {view.python_text(), view.cpp_text(), view.summary_text(), view.summary_tooltip(s)}) {
            EXPECT_FALSE(text.contains("power_factory(2)")) << strategy_name(s);
            EXPECT_FALSE(text.contains("square", Qt::CaseInsensitive)) << strategy_name(s);
        }
    }
}

TEST(CodeView, OpenMpisStrategiesShowOurRanksAndMpi4py) {
    ExperimentSpec spec;
    spec.workers = 4;
    spec.tasks = 10;
    spec.chunksize = 0;  // auto: ceil(10 / (4 x 4)) = 1
    for (Strategy s : mpi_strategies()) {
        spec.strategy = s;
        for (const char* language : {"py", "cpp"}) {
            const QString text = snippet(s, language, spec);
            EXPECT_FALSE(text.isEmpty()) << strategy_name(s) << "." << language;
            EXPECT_FALSE(text.contains("{{")) << strategy_name(s) << "." << language;
            // The master and 4 workers: 5 ranks; a dead rank ends the whole job.
            EXPECT_TRUE(text.contains("-n 5") || text.contains("-np 5")) << text.toStdString();
            EXPECT_TRUE(text.contains("ends the whole job")) << text.toStdString();
        }
    }
    // mpi4py's executor with the chunk size the run uses (mpi4py's own default is 1).
    const QString map_py = snippet(Strategy::MpiMap, "py", spec);
    EXPECT_TRUE(map_py.contains("MPIPoolExecutor(max_workers=4)"));
    EXPECT_TRUE(map_py.contains("chunksize=1)"));
    EXPECT_TRUE(map_py.contains("default is 1"));
    spec.chunksize = 3;
    EXPECT_TRUE(snippet(Strategy::MpiMap, "py", spec).contains("chunksize=3)"));
    EXPECT_TRUE(snippet(Strategy::MpiMap, "cpp", spec).contains("map_chunks(10, 3)"));
    const QString scatter_py = snippet(Strategy::MpiScatter, "py", spec);
    EXPECT_TRUE(scatter_py.contains("comm.scatter(") && scatter_py.contains("comm.gather("));
    EXPECT_TRUE(snippet(Strategy::MpiScatter, "cpp", spec).contains("MPI_Iscatterv"));
    // Ranks have no start method: it does not change their code.
    ExperimentSpec other = spec;
    other.start_method = StartMethod::Spawn;
    for (Strategy s : mpi_strategies()) {
        for (const char* language : {"py", "cpp"})
            EXPECT_EQ(snippet(s, language, other), snippet(s, language, spec)) << strategy_name(s);
    }
    // A payload travels in the ranks' messages: mpi4py's code carries it, ours says how.
    other.payload_bytes = 1024;
    for (Strategy s : mpi_strategies()) {
        const QString py = snippet(s, "py", other);
        EXPECT_TRUE(py.contains("PAYLOAD = 1024")) << strategy_name(s);
        EXPECT_TRUE(py.contains("return x ** 2, data")) << py.toStdString();
        EXPECT_FALSE(py.contains("{{")) << py.toStdString();
        EXPECT_TRUE(snippet(s, "cpp", other).startsWith("// With a payload of 1 KiB: rank 0"))
            << strategy_name(s);
    }
    EXPECT_TRUE(snippet(Strategy::MpiMap, "py", other).contains("MPIPoolExecutor"));
    EXPECT_TRUE(snippet(Strategy::MpiScatter, "py", other).contains("comm.scatter(blocks"));
    // Uneven durations reach the rank's task as they reach the pool's.
    spec.durations = *parse_durations("rising");
    EXPECT_TRUE(snippet(Strategy::MpiScatter, "py", spec).contains("time.sleep(duration(x))"));
    EXPECT_TRUE(snippet(Strategy::MpiMap, "cpp", spec).contains("planned_delay_ns"));

    CodeView view;
    view.set_strategy(Strategy::MpiScatter);
    EXPECT_EQ(view.strategy(), Strategy::MpiScatter);
    EXPECT_TRUE(view.python_text().contains("mpi4py"));
    view.resize(1024, 700);
    plab::ui::testing::save_screenshot(&view, "code-mpi-scatter");
}

TEST(CodeView, MovingDataShowsThePythonScriptThatMovesIt) {
    // The Code view shows the very script python3 runs: with a payload, <name>_payload.py.
    ExperimentSpec spec;
    spec.payload_bytes = 1 << 20;
    EXPECT_TRUE(snippet(Strategy::PyMap, "py", spec).contains("plab.payload(x)"));
    EXPECT_TRUE(snippet(Strategy::PyApplyAsync, "py", spec).contains("plab.payload(x)"));
    EXPECT_FALSE(snippet(Strategy::PyMapClosure, "py", spec).isEmpty());  // none: its own
    EXPECT_FALSE(snippet(Strategy::PyMapClosure, "py", spec).contains("plab.payload(x)"));
    spec.payload_bytes = 0;
    EXPECT_FALSE(snippet(Strategy::PyMap, "py", spec).contains("plab.payload(x)"));
}
