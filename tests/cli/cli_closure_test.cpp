// The refused closure is named as the experiment made it: power_factory(3) when the exponent
// is 3, in what the CLI prints and in what the window reads (events) and exports (CSV).
#include <gtest/gtest.h>

#include "run_binary.h"

namespace plab {
namespace {

using testing::run_binary;

TEST(CliClosure, TheRefusalNamesTheClosureWithTheExperimentsExponent) {
    const auto run =
        run_binary({"run", "--strategy", "map_closure", "--exponent", "3", "--delay", "0"});
    EXPECT_EQ(run.code, 1);
    EXPECT_NE(run.err.find("cannot send power_factory(3), a function made at run time, to"),
              std::string::npos)
        << run.err;
    EXPECT_EQ(run.err.find("power_factory(2)"), std::string::npos) << run.err;

    for (const char* output : {"--events", "--csv"}) {
        const auto sweep = run_binary({"sweep", "--strategies", "map_closure", "--workers", "2",
                                       "--exponent", "5", "--delay", "0", output, "-"});
        EXPECT_EQ(sweep.code, 1) << output;
        EXPECT_NE(sweep.out.find("cannot send power_factory(5), a function made at run time, to"),
                  std::string::npos)
            << output << ":\n"
            << sweep.out;
        EXPECT_EQ(sweep.out.find("power_factory(2)"), std::string::npos) << sweep.out;
    }
}

}  // namespace
}  // namespace plab
