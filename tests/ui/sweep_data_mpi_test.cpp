// The window's data model reads an MPI run's extra lines (host, note, host= on task lines):
// lanes know their host, the run its hosts and note, and a dead rank's task counts as crashed.
#include <gtest/gtest.h>

#include "sweep_fixture.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

TEST(SweepDataMpi, HostsNotesAndLanesOfAnMpiRun) {
    SweepData d;
    SweepSpec leg;
    leg.strategies = {Strategy::MpiMap};
    leg.workers = {2};
    leg.base.tasks = 2;
    d.begin_leg(leg);
    feed(d, {"plab-events 1",
             line({"run", "1", "1", "mpi_map", "2", "2", "1.000000", "sleep", "2", "1", "-1"}),
             line({"host", "1", "0", "vm", "0.000000", "0.000000"}),
             line({"host", "1", "1", "plab-h2", "-3.000001", "0.000045"}),
             line({"note", "1", "oversubscribed: 3 ranks on 2 slots"}),
             line({"task", "1", "0", "1", "300", "0.001000", "1.001000", "1", "0", "host=0"}),
             line({"task", "1", "1", "2", "400", "0.001000", "0.500000", "0",
                   "rank 2 on host plab-h2 (pid 400) was killed by signal 9 (SIGKILL); Open MPI "
                   "ended the whole job",
                   "host=1"})});
    const RunRecord& run = d.runs().at(0);
    ASSERT_EQ(run.hosts.size(), 2u);
    EXPECT_EQ(run.hosts[1].name, "plab-h2");
    EXPECT_DOUBLE_EQ(run.hosts[1].offset_s, -3.000001);
    EXPECT_EQ(run.note, "oversubscribed: 3 ranks on 2 slots");
    ASSERT_EQ(run.lanes.size(), 2u);
    EXPECT_EQ(run.lanes[0].host, 0);
    EXPECT_EQ(run.lanes[1].host, 1);
    EXPECT_EQ(run.lanes[1].worker, 2);  // the rank
    EXPECT_EQ(run.crashed_tasks, 1);
    EXPECT_EQ(crash_cause(run.texts[1]), "killed by SIGKILL");
}
