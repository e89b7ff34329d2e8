// --serial-fraction and --scaling on the real binary: bad values exit 2 with one line, the
// serial part shows in the events, both CSVs and the sweep's table, and weak scaling grows the
// task count with the workers.
#include <gtest/gtest.h>

#include "../core/test_support.h"
#include "run_binary.h"

namespace plab {
namespace {

using testing::count_lines;
using testing::run_binary;

TEST(CliSerialPart, BadValuesExitTwoWithOneLine) {
    const std::vector<std::vector<std::string>> bad = {
        {"run", "--serial-fraction", "1"},
        {"run", "--serial-fraction", "-0.1"},
        {"run", "--serial-fraction", "abc"},
        {"run", "--serial-fraction", ""},
        {"run", "--serial-fraction", "nan"},
        {"run", "--serial-fraction", "inf"},
        {"run", "--serial-fraction", "0.5x"},
        {"sweep", "--serial-fraction", "1e400"},
        {"run", "--scaling", "medium"},
        {"sweep", "--scaling", ""},
        {"run", "--scaling", "STRONG"},
        {"sweep", "--scaling"},
        {"sweep", "--scaling", "weak", "--tasks", "2000000", "--workers", "1..8"},
        {"run", "--scaling", "weak", "--tasks", "10000000", "--workers", "2"},
    };
    for (const auto& args : bad) {
        const auto r = run_binary(args);
        std::string all;
        for (const auto& a : args)
            all += a + " ";
        EXPECT_EQ(r.code, 2) << all << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << all << r.err;
        EXPECT_TRUE(r.out.empty()) << all << r.out;
    }
    const auto grown =
        run_binary({"run", "--scaling", "weak", "--tasks", "10000000", "--workers", "2"});
    EXPECT_NE(grown.err.find("weak scaling runs tasks x workers tasks"), std::string::npos)
        << grown.err;
    const auto fraction = run_binary({"run", "--serial-fraction", "1"});
    EXPECT_NE(fraction.err.find("serial fraction"), std::string::npos) << fraction.err;
}

TEST(CliSerialPart, RunRecordsTheSerialPartEverywhere) {
    const auto r = run_binary({"run", "--tasks", "4", "--workers", "2", "--delay", "50ms",
                               "--serial-fraction", "0.5", "--events", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    // 0.5 x 4 x 50 ms = 100 ms in the parent, before any task.
    const auto serial = r.out.find("\nserial\t1\t");
    ASSERT_NE(serial, std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nserial-start\t1\t"), std::string::npos) << r.out;
    EXPECT_LT(serial, r.out.find("\ntask\t1\t")) << r.out;

    const auto csv = run_binary({"run", "--tasks", "4", "--workers", "2", "--delay", "20ms",
                                 "--serial-fraction", "0.25", "--csv", "-"});
    ASSERT_EQ(csv.code, 0) << csv.err;
    EXPECT_NE(csv.out.find(",serial_fraction,scaling,speedup_bound,estimated_serial_fraction,"),
              std::string::npos)
        << csv.out;
    EXPECT_NE(csv.out.find(",0.250000,strong,1.600000,"), std::string::npos)
        << csv.out;  // 1 / (0.25 + 0.75/2)

    const auto tasks = run_binary({"run", "--tasks", "3", "--workers", "2", "--delay", "20ms",
                                   "--serial-fraction", "0.5", "--tasks-csv", "-"});
    ASSERT_EQ(tasks.code, 0) << tasks.err;
    EXPECT_EQ(count_lines(tasks.out), 1 + 1 + 3) << tasks.out;  // header, serial part, tasks
    EXPECT_NE(tasks.out.find(",serial,"), std::string::npos) << tasks.out;
}

TEST(CliSerialPart, OldCommandLinesHaveNoSerialPart) {
    const auto r =
        run_binary({"run", "--tasks", "3", "--workers", "2", "--delay", "0", "--events", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.find("serial"), std::string::npos) << r.out;
}

TEST(CliSerialPart, SweepTableShowsTheBoundAndKarpFlatt) {
    const auto r = run_binary({"sweep", "--strategies", "serial,map", "--workers", "1,2", "--tasks",
                               "4", "--delay", "50ms", "--serial-fraction", "0.5"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("amdahl"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("karp_flatt"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1.33"), std::string::npos) << r.out;  // 1 / (0.5 + 0.5/2)
    EXPECT_NE(r.out.find("serial fraction set 0.50"), std::string::npos) << r.out;
    const auto plain = run_binary(
        {"sweep", "--strategies", "serial,map", "--workers", "2", "--tasks", "2", "--delay", "0"});
    ASSERT_EQ(plain.code, 0) << plain.err;
    EXPECT_EQ(plain.out.find("amdahl"), std::string::npos) << plain.out;  // F = 0: as before
}

TEST(CliSerialPart, WeakScalingRunsTasksTimesWorkers) {
    const auto r = run_binary({"sweep", "--strategies", "serial,map", "--workers", "1,3", "--tasks",
                               "2", "--delay", "10ms", "--serial-fraction", "0.5", "--scaling",
                               "weak", "--csv", "-"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count_lines(r.out), 1 + 4) << r.out;  // serial x 2 grown problems, map x 2
    EXPECT_NE(r.out.find(",map,3,6,"), std::string::npos) << r.out;        // 2 tasks x 3 workers
    EXPECT_NE(r.out.find(",serial,3,6,"), std::string::npos) << r.out;     // its own baseline
    EXPECT_NE(r.out.find(",weak,2.000000,"), std::string::npos) << r.out;  // 3 - 0.5 x 2
}

}  // namespace
}  // namespace plab
