// The code tab: a Python and a C++ snippet for every strategy, filled with the experiment.
#include <gtest/gtest.h>

#include "code_view.h"

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
