// Rank 0's lines (core/mpi/mpi_line.h) are read strictly, and mpirun's words about a dead rank
// (core/mpi/mpi_death.h) are read from Open MPI 4.1's own texts.
#include <gtest/gtest.h>

#include "mpi/mpi_death.h"
#include "mpi/mpi_line.h"

namespace plab::mpi {
namespace {

std::optional<MpiLine> parse(const std::string& fields, int tasks = 10, int np = 5) {
    std::string why;
    auto l = parse_mpi_line("@plab-mpi\t" + fields, tasks, np, &why);
    EXPECT_TRUE(l.has_value()) << why << ": " << fields;
    return l;
}

std::string refusal(const std::string& line, int tasks = 10, int np = 5) {
    std::string why;
    const auto l = parse_mpi_line(line, tasks, np, &why);
    EXPECT_FALSE(l.has_value()) << line;
    return why;
}

TEST(MpiLine, ReadsEachKindOfLine) {
    auto l = parse("hello\t5\t4242\tvm");
    EXPECT_EQ(l->kind, MpiLine::Kind::Hello);
    EXPECT_EQ(l->np, 5);
    EXPECT_EQ(l->pid, 4242);
    EXPECT_EQ(l->host, "vm");

    l = parse("rank\t3\tnode-1\t77");
    EXPECT_EQ(l->kind, MpiLine::Kind::Rank);
    EXPECT_EQ(l->rank, 3);
    EXPECT_EQ(l->host, "node-1");
    EXPECT_EQ(l->pid, 77);

    l = parse("clock\tplab-h2\t3\t-3000000123\t45000\t16");
    EXPECT_EQ(l->kind, MpiLine::Kind::Clock);
    EXPECT_EQ(l->host, "plab-h2");
    EXPECT_EQ(l->rank, 3);
    EXPECT_EQ(l->offset_ns, -3000000123);
    EXPECT_EQ(l->delay_ns, 45000);
    EXPECT_EQ(l->samples, 16);

    l = parse("begin\t1000");
    EXPECT_EQ(l->kind, MpiLine::Kind::Begin);
    EXPECT_EQ(l->t_ns, 1000);

    l = parse("give\t2\t7\t3");
    EXPECT_EQ(l->kind, MpiLine::Kind::Give);
    EXPECT_EQ(l->rank, 2);
    EXPECT_EQ(l->first, 7);
    EXPECT_EQ(l->count, 3);
    EXPECT_EQ(parse("give\t0\t0\t0")->count, 0);  // scatter's root: an empty block

    l = parse("start\t9\t4\t1500");
    EXPECT_EQ(l->kind, MpiLine::Kind::Start);
    EXPECT_EQ(l->task, 9);
    EXPECT_EQ(l->rank, 4);

    l = parse("end\t9\t4\t1500\t2500\tok\t81");
    EXPECT_EQ(l->kind, MpiLine::Kind::End);
    EXPECT_TRUE(l->ok);
    EXPECT_EQ(l->t_ns, 1500);
    EXPECT_EQ(l->end_ns, 2500);
    EXPECT_EQ(l->text, "81");

    l = parse("end\t0\t1\t5\t5\terror\tOverflowError: a\\tb");
    EXPECT_FALSE(l->ok);
    EXPECT_EQ(l->text, "OverflowError: a\tb");  // unescaped as the event stream escapes

    l = parse("list\t[0, 1, None]", 3);
    EXPECT_EQ(l->kind, MpiLine::Kind::List);
    EXPECT_EQ(l->text, "[0, 1, None]");

    l = parse("elapsed\t0.601234567\r");  // a pty's '\r' is dropped
    EXPECT_EQ(l->kind, MpiLine::Kind::Elapsed);
    EXPECT_DOUBLE_EQ(l->elapsed_s, 0.601234567);

    l = parse("serial_start\t1000");
    EXPECT_EQ(l->kind, MpiLine::Kind::SerialStart);
    EXPECT_EQ(l->t_ns, 1000);
    l = parse("serial_end\t1000\t2000");
    EXPECT_EQ(l->kind, MpiLine::Kind::SerialEnd);
    EXPECT_EQ(l->t_ns, 1000);
    EXPECT_EQ(l->end_ns, 2000);

    l = parse("lost\t7\tthe payload came back\\taltered");
    EXPECT_EQ(l->kind, MpiLine::Kind::Lost);
    EXPECT_EQ(l->task, 7);
    EXPECT_EQ(l->text, "the payload came back\taltered");
}

TEST(MpiLine, RefusesAnythingOutsideTheGrammar) {
    EXPECT_NE(refusal("hello\t5\t1\tvm"), "");  // no prefix
    EXPECT_NE(refusal("@plab\tbegin\t1"), "");
    EXPECT_NE(refusal("@plab-mpi\tbogus\t1"), "");
    EXPECT_NE(refusal("@plab-mpi\tbegin"), "");
    EXPECT_NE(refusal("@plab-mpi\tbegin\t1\t2"), "");  // a field too many
    EXPECT_NE(refusal("@plab-mpi\tbegin\t-1"), "");
    EXPECT_NE(refusal("@plab-mpi\tbegin\t1x"), "");
    EXPECT_NE(refusal("@plab-mpi\thello\t4\t1\tvm"), "");  // not the job's size
    EXPECT_NE(refusal("@plab-mpi\trank\t5\tvm\t1"), "");   // rank out of 0..np-1
    EXPECT_NE(refusal("@plab-mpi\trank\t1\t\t1"), "");     // no host name
    EXPECT_NE(refusal("@plab-mpi\trank\t1\tvm\t0"), "");   // no pid
    EXPECT_NE(refusal("@plab-mpi\tgive\t1\t8\t3"), "");    // past the last task
    EXPECT_NE(refusal("@plab-mpi\tgive\t1\t2147483647\t2147483647"), "");
    EXPECT_NE(refusal("@plab-mpi\tstart\t10\t1\t5"), "");         // task out of range
    EXPECT_NE(refusal("@plab-mpi\tend\t1\t1\t9\t8\tok\t1"), "");  // ends before it starts
    EXPECT_NE(refusal("@plab-mpi\tend\t1\t1\t1\t2\tfine\t1"), "");
    EXPECT_NE(refusal("@plab-mpi\tend\t1\t1\t1\t2\tok"), "");
    EXPECT_NE(refusal("@plab-mpi\tlist\t0, 1"), "");
    EXPECT_NE(refusal("@plab-mpi\telapsed\tnan"), "");
    EXPECT_NE(refusal("@plab-mpi\telapsed\t-1"), "");
    EXPECT_NE(refusal(""), "");
    EXPECT_NE(refusal("@plab-mpi\tlost\t10\twhy"), "");  // task out of range
    EXPECT_NE(refusal("@plab-mpi\tlost\t1\t"), "");      // no reason
    EXPECT_NE(refusal("@plab-mpi\tlost\t1"), "");
    EXPECT_NE(refusal("@plab-mpi\tserial_start"), "");
    EXPECT_NE(refusal("@plab-mpi\tserial_start\t-5"), "");
    EXPECT_NE(refusal("@plab-mpi\tserial_end\t9\t8"), "");  // ends before it starts
    EXPECT_NE(refusal("@plab-mpi\tserial_end\t9"), "");
}

// Times past the bound (about 11.6 days) are refused, not turned into nan or an overflow
// (session 8's attack: `elapsed 1e300` printed "Elapsed: nan").
TEST(MpiLine, RefusesAbsurdTimes) {
    EXPECT_NE(refusal("@plab-mpi\telapsed\t1e300"), "");
    EXPECT_NE(refusal("@plab-mpi\telapsed\tinf"), "");
    EXPECT_NE(refusal("@plab-mpi\telapsed\t1000000.5"), "");
    EXPECT_TRUE(parse_mpi_line("@plab-mpi\telapsed\t999999", 10, 5, nullptr));
    EXPECT_NE(refusal("@plab-mpi\tend\t1\t1\t1\t9223372036854775807\tok\t1"), "");
    EXPECT_TRUE(parse_mpi_line("@plab-mpi\tend\t1\t1\t1\t1000000000000001\tok\t1", 10, 5,
                               nullptr));  // a span of exactly kMaxSpanNs
    EXPECT_NE(refusal("@plab-mpi\tserial_end\t0\t9223372036854775807"), "");
}

// Open MPI 4.1.4's help-orterun.txt texts, as mpirun prints them between its dashed rules.
TEST(RankDeath, ReadsASignal) {
    const auto d = parse_rank_death(
        "--------------------------------------------------------------------------\n"
        "Primary job  terminated normally, but 1 process returned\n"
        "a non-zero exit code. Per user-direction, the job has been aborted.\n"
        "--------------------------------------------------------------------------\n"
        "--------------------------------------------------------------------------\n"
        "mpirun noticed that process rank 2 with PID 4242 on node h1 exited on signal 9 "
        "(Killed).\n"
        "--------------------------------------------------------------------------\n");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->rank, 2);
    EXPECT_EQ(d->pid, 4242);
    EXPECT_EQ(d->host, "h1");
    EXPECT_EQ(d->signal, 9);
    EXPECT_EQ(d->signal_name, "Killed");
    EXPECT_EQ(describe(*d), "rank 2 on host h1 (pid 4242) was killed by signal 9 (SIGKILL)");

    const auto segv = parse_rank_death(
        "mpirun noticed that process rank 1 with PID 0 on node vm exited on signal 11\n"
        "(Segmentation fault).\n");
    ASSERT_TRUE(segv);
    EXPECT_EQ(segv->signal, 11);
    EXPECT_EQ(segv->pid, 0);  // Open MPI's "PID 0": it never knew
    EXPECT_EQ(describe(*segv), "rank 1 on host vm was killed by signal 11 (SIGSEGV)");
}

TEST(RankDeath, ReadsAnImproperExitAnAbortAndAStatus) {
    auto d = parse_rank_death(
        "mpirun has exited due to process rank 3 with PID 99 on\n"
        "node plab-h2 exiting improperly. There are three reasons this could occur:\n\n"
        "1. this process did not call \"init\" before exiting, but others in\n");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->rank, 3);
    EXPECT_EQ(d->host, "plab-h2");
    EXPECT_TRUE(d->improper);
    EXPECT_EQ(describe(*d), "rank 3 on host plab-h2 (pid 99) ended without MPI_Finalize");

    d = parse_rank_death(
        "mpirun has exited due to process rank 0 with PID 5 on\nnode vm calling \"abort\". "
        "This may have caused other processes");
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->aborted);
    EXPECT_EQ(describe(*d), "rank 0 on host vm (pid 5) called MPI_Abort");

    d = parse_rank_death(
        "mpirun detected that one or more processes exited with non-zero status, thus causing\n"
        "the job to be terminated. The first process to do so was:\n\n"
        "  Process name: [[12125,1],2]\n  Exit code:    3\n");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->rank, 2);
    EXPECT_EQ(d->exit_code, 3);
    EXPECT_EQ(describe(*d), "rank 2 exited with status 3");
}

// A rank that died of a resource limit: Open MPI's own words stay (session 8's attack: under
// `ulimit -f 100` the message said only "rank 0 exited with status 1").
TEST(RankDeath, KeepsOpenMpisExplanation) {
    const auto d = parse_rank_death(
        "[vm:01234] PMIX ERROR: OUT-OF-RESOURCE in file dstore_base.c at line 1234\n"
        "[vm:01234] PMIX ERROR: OUT-OF-RESOURCE in file dstore_base.c at line 1234\n"
        "--------------------------------------------------------------------------\n"
        "mpirun detected that one or more processes exited with non-zero status, thus causing\n"
        "the job to be terminated. The first process to do so was:\n\n"
        "  Process name: [[12125,1],0]\n  Exit code:    1\n"
        "--------------------------------------------------------------------------\n");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->rank, 0);
    EXPECT_EQ(d->cause,
              "[vm:01234] PMIX ERROR: OUT-OF-RESOURCE in file dstore_base.c at line 1234");
    const auto quiet = parse_rank_death("  Process name: [[12125,1],2]\n  Exit code:    3\n");
    ASSERT_TRUE(quiet);
    EXPECT_EQ(quiet->cause, "");
    std::string many;
    for (int i = 0; i < 50; ++i)
        many += "ERROR " + std::to_string(i) + " " + std::string(500, 'x') + "\n";
    const auto bounded = parse_rank_death(many + "  Process name: [[1,1],1]\n  Exit code: 1\n");
    ASSERT_TRUE(bounded);
    EXPECT_LE(bounded->cause.size(), 3U * 200 + 6);
    EXPECT_EQ(bounded->cause.rfind("ERROR 49 ", 0) == std::string::npos, true);
    EXPECT_NE(bounded->cause.find("ERROR 49 "), std::string::npos);
}

TEST(RankDeath, FallsBackToWhatMpirunSaid) {
    auto d = parse_rank_death("some warning\n\nthere are not enough slots\n");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->rank, -1);
    EXPECT_EQ(d->text, "there are not enough slots");
    EXPECT_EQ(describe(*d), "mpirun said: there are not enough slots");
    // mpirun 4.1.4 with --host nosuchhost:2: ssh's line, then a box whose first line says it.
    d = parse_rank_death(
        "ssh: Could not resolve hostname nosuchhost: Name or service not known\n"
        "--------------------------------------------------------------------------\n"
        "ORTE was unable to reliably start one or more daemons.\n"
        "This usually is caused by:\n\n"
        "* an inability to create a connection back to mpirun due to a\n"
        "  lack of common network interfaces and/or no route found between\n"
        "  them. Please check network connectivity (including firewalls\n"
        "  and network routing requirements).\n"
        "--------------------------------------------------------------------------\n");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->text,
              "ssh: Could not resolve hostname nosuchhost: Name or service not known; ORTE was "
              "unable to reliably start one or more daemons.");
    EXPECT_FALSE(parse_rank_death(""));
    EXPECT_FALSE(parse_rank_death("----\n\n  \n"));
    // Huge or binary input: no throw, and still an answer.
    EXPECT_TRUE(parse_rank_death(std::string(200000, 'x') + "\nlast words"));
    EXPECT_TRUE(parse_rank_death(std::string("\0\x01\xff", 3)));
}

}  // namespace
}  // namespace plab::mpi
