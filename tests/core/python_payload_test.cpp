// The py_ strategies' payload (resources/python/plab.py) is the very bytes our pool sends:
// plab.payload(task, size), run by a real python3, equals make_payload(task, size) byte for byte
// (a drift of the formula on either side fails here); the parent's check reports bytes that
// came back altered in the line the engine reads (the worker returns what it got, as ours does).
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "experiment/payload.h"
#include "python/python_child.h"
#include "python/python_line.h"
#include "python/python_setup.h"
#include "python_test_support.h"

namespace plab::python {
namespace {

std::string python() {
    return testing::test_python();
}

/// What python prints on standard output for code run with plab importable (its folder on
/// sys.path), with payload_bytes in its settings; the test fails when python does not exit 0.
std::string run_python(const std::string& code, std::int64_t payload_bytes = 0) {
    PythonChild child(
        {python(), "-c", code},
        {{"PYTHONPATH", scripts_folder()},
         {"PLAB_EXPERIMENT", "{\"payload_bytes\":" + std::to_string(payload_bytes) + "}"},
         {"PLAB_MAIN_PID", "1"}});  // not the script's own process: no begin line
    std::string out;
    std::string err;
    while (child.out_fd() >= 0 || child.err_fd() >= 0) {
        pollfd fds[2] = {{child.out_fd(), POLLIN, 0}, {child.err_fd(), POLLIN, 0}};
        if (::poll(fds, 2, 20'000) <= 0) break;
        if (fds[0].revents != 0) child.read_some(child.out_fd(), out);
        if (fds[1].revents != 0) child.read_some(child.err_fd(), err);
    }
    const int status = child.reap();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << err;
    return out;
}

std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

TEST(PythonPayload, PythonMakesTheBytesOurPoolSends) {
    struct Case {
        std::int64_t task;
        std::int64_t bytes;
    };
    const Case cases[] = {{0, 0},  {0, 1},    {1, 7},     {2, 8},           {3, 9},
                          {4, 15}, {5, 4097}, {99, 1000}, {12345, 1 << 20}, {7, (1 << 16) + 3}};
    std::string code = "import plab\n";
    std::string want;
    for (const Case& c : cases) {
        code += "print(plab.payload(" + std::to_string(c.task) + ", " + std::to_string(c.bytes) +
                ").hex())\n";
        want += hex(make_payload(c.task, c.bytes)) + "\n";
    }
    const std::string got = run_python(code);
    ASSERT_EQ(got.size(), want.size());
    EXPECT_TRUE(got == want) << "python's bytes differ from make_payload's; first difference at "
                             << std::mismatch(got.begin(), got.end(), want.begin()).first -
                                    got.begin();
}

TEST(PythonPayload, ItsSizeIsTheExperimentsPayload) {
    EXPECT_EQ(run_python("import plab\nprint(plab.payload(3).hex())\n", 20),
              hex(make_payload(3, 20)) + "\n");
}

TEST(PythonPayload, TheParentReportsBytesThatCameBackAltered) {
    const std::string out = run_python(
        "import plab\n"
        "sent = plab.payload(2)\n"
        "plab.check_returned(2, sent, sent)\n"  // intact: no line
        "plab.check_returned(2, sent[:-1] + b'?', sent)\n"
        "plab.check_returned(3, sent[1:], sent)\n"
        "plab.check_returned(4, None, sent)\n",
        16);
    const std::vector<std::string> lines = [&] {
        std::string buffer = out;
        return take_lines(buffer);
    }();
    ASSERT_EQ(lines.size(), 3U) << out;
    std::string why;
    const auto first = parse_script_line(lines[0], 10, &why);
    ASSERT_TRUE(first) << why << ": " << lines[0];
    EXPECT_EQ(first->kind, ScriptLine::Kind::Payload);
    EXPECT_EQ(first->task, 2);
    EXPECT_EQ(first->text,
              "the payload came back altered (16 bytes, its bytes differ from the "
              "task's)");
    const auto second = parse_script_line(lines[1], 10, &why);
    ASSERT_TRUE(second) << why << ": " << lines[1];
    EXPECT_EQ(second->task, 3);
    EXPECT_EQ(second->text, "the payload came back with 15 bytes, not 16");
    const auto third = parse_script_line(lines[2], 10, &why);
    ASSERT_TRUE(third) << why << ": " << lines[2];
    EXPECT_EQ(third->task, 4);
    EXPECT_EQ(third->text, "the payload did not come back: expected bytes, got NoneType");
}

}  // namespace
}  // namespace plab::python
