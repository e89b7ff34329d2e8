// The lines a lesson script writes (core/python/python_line.h) are read strictly: each kind
// parses with its fields, and anything else is an error that says what was wrong.
#include <gtest/gtest.h>

#include "python/python_line.h"

namespace plab::python {
namespace {

TEST(PythonLine, ReadsEachKindOfLine) {
    std::string why;
    auto l = parse_script_line("@plab\tbegin\t123", 10, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_EQ(l->kind, ScriptLine::Kind::Begin);
    EXPECT_EQ(l->start_ns, 123);

    l = parse_script_line("@plab\tstart\t3\t400\t401\t1000", 10, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_EQ(l->kind, ScriptLine::Kind::Start);
    EXPECT_EQ(l->task, 3);
    EXPECT_EQ(l->pid, 400);
    EXPECT_EQ(l->tid, 401);
    EXPECT_EQ(l->start_ns, 1000);

    l = parse_script_line("@plab\tend\t3\t400\t400\t1000\t2000\tok\t9", 10, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_EQ(l->kind, ScriptLine::Kind::End);
    EXPECT_TRUE(l->ok);
    EXPECT_EQ(l->end_ns, 2000);
    EXPECT_EQ(l->text, "9");

    l = parse_script_line("@plab\tend\t0\t400\t400\t5\t5\terror\tRuntimeError: no", 1, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_FALSE(l->ok);
    EXPECT_EQ(l->text, "RuntimeError: no");

    l = parse_script_line("[0, 1, 4]", 3, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_EQ(l->kind, ScriptLine::Kind::List);

    l = parse_script_line("Elapsed: 2.180675", 3, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_DOUBLE_EQ(l->elapsed_s, 2.180675);
}

TEST(PythonLine, RefusesEverythingElseWithAReason) {
    for (const char* bad : {
             "",
             "hello",
             "Elapsed: ",
             "Elapsed: -1",
             "Elapsed: nan",
             "Elapsed: 2s",
             "@plab",
             "@plab\tbegin",
             "@plab\tbegin\t-5",
             "@plab\tbegin\t5\t6",
             "@plab\tpause\t1\t2\t3\t4",
             "@plab\tstart\t10\t400\t400\t1000",  // task 10 of 10
             "@plab\tstart\t-1\t400\t400\t1000",
             "@plab\tstart\t1\t0\t400\t1000",  // pid 0
             "@plab\tstart\t1\t400\t400\t1000\textra",
             "@plab\tstart\t1\t400\t400\t99999999999999999999999",
             "@plab\tend\t1\t400\t400\t1000\t999\tok\t1",  // ends before it starts
             "@plab\tend\t1\t400\t400\t1000\t2000\tmaybe\t1",
             "@plab\tend\t1\t400\t400\t1000\t2000\tok",
             "@plab\tend\t1\t400\t400\t1000\t2000\tok\t1\t2",
             "plab\tbegin\t1",
         }) {
        std::string why;
        EXPECT_FALSE(parse_script_line(bad, 10, &why)) << bad;
        EXPECT_FALSE(why.empty()) << bad;
    }
}

TEST(PythonLine, ReadsAPayloadLineAndRefusesABadOne) {
    std::string why;
    const auto l = parse_script_line("@plab\tpayload\t3\tthe payload came back altered", 10, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_EQ(l->kind, ScriptLine::Kind::Payload);
    EXPECT_EQ(l->task, 3);
    EXPECT_EQ(l->text, "the payload came back altered");
    for (const char* bad :
         {"@plab\tpayload\t3", "@plab\tpayload\t10\twhy", "@plab\tpayload\t-1\twhy",
          "@plab\tpayload\t3\t", "@plab\tpayload\t3\twhy\tmore"}) {
        EXPECT_FALSE(parse_script_line(bad, 10, &why)) << bad;
        EXPECT_EQ(why, "a bad payload line") << bad;
    }
}

TEST(PythonLine, ReadsTheSerialPartsLinesAndRefusesBadOnes) {
    std::string why;
    auto l = parse_script_line("@plab\tserial\t400\t1000", 10, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_EQ(l->kind, ScriptLine::Kind::SerialStart);
    EXPECT_EQ(l->pid, 400);
    EXPECT_EQ(l->start_ns, 1000);
    l = parse_script_line("@plab\tserial\t400\t1000\t3000", 10, &why);
    ASSERT_TRUE(l) << why;
    EXPECT_EQ(l->kind, ScriptLine::Kind::SerialEnd);
    EXPECT_EQ(l->end_ns, 3000);
    for (const char* bad :
         {"@plab\tserial\t400", "@plab\tserial\t0\t1000", "@plab\tserial\t400\t1000\t999",
          "@plab\tserial\t400\tx", "@plab\tserial\t400\t1000\t3000\t4000"}) {
        EXPECT_FALSE(parse_script_line(bad, 10, &why)) << bad;
        EXPECT_EQ(why, "a bad serial part line") << bad;
    }
}

}  // namespace
}  // namespace plab::python
