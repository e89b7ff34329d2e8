// The strategy table: names, engines and counterparts.
#include "experiment/strategy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace plab {
namespace {

TEST(Strategy, EveryNameParsesBackToItsStrategy) {
    std::set<std::string> names;
    for (const auto* group : {&all_strategies(), &python_strategies(), &mpi_strategies()}) {
        for (Strategy s : *group) {
            EXPECT_EQ(parse_strategy(strategy_name(s)), s) << strategy_name(s);
            EXPECT_TRUE(names.insert(std::string(strategy_name(s))).second) << strategy_name(s);
        }
    }
    EXPECT_EQ(names.size(), 18U);
    EXPECT_FALSE(parse_strategy("MPI_MAP").has_value());
    EXPECT_NE(strategy_names_joined().find("mpi_scatter"), std::string::npos);
}

TEST(Strategy, EachGroupHoldsOnlyItsEngine) {
    EXPECT_EQ(all_strategies().size(), 8U);
    EXPECT_EQ(python_strategies().size(), 8U);
    ASSERT_EQ(mpi_strategies().size(), 2U);
    EXPECT_EQ(mpi_strategies()[0], Strategy::MpiMap);
    EXPECT_EQ(mpi_strategies()[1], Strategy::MpiScatter);
    for (Strategy s : all_strategies()) {
        EXPECT_EQ(engine_of(s), Engine::Pool);
        EXPECT_FALSE(runs_python(s) || runs_mpi(s));
    }
    for (Strategy s : python_strategies())
        EXPECT_TRUE(runs_python(s) && !runs_mpi(s));
    for (Strategy s : mpi_strategies())
        EXPECT_TRUE(runs_mpi(s) && !runs_python(s));
}

TEST(Strategy, PythonMirrorsOursAndMpiIsItsOwn) {
    EXPECT_EQ(own_counterpart(Strategy::PyMap), Strategy::Map);
    EXPECT_EQ(own_counterpart(Strategy::PyThreadMap), Strategy::ThreadMap);
    for (std::size_t i = 0; i < python_strategies().size(); ++i)
        EXPECT_EQ(own_counterpart(python_strategies()[i]), all_strategies()[i]);
    for (Strategy s : all_strategies())
        EXPECT_EQ(own_counterpart(s), s);
    for (Strategy s : mpi_strategies()) {
        EXPECT_EQ(own_counterpart(s), s);
        EXPECT_TRUE(uses_processes(s));
        EXPECT_NE(strategy_summary(s).find("Open MPI"), std::string_view::npos);
    }
}

}  // namespace
}  // namespace plab
