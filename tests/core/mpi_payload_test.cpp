// Moving data on the MPI ranks (core/mpi/mpi_payload.h): rank 0 sends each task's own bytes,
// and the check a worker rank makes before it runs a task catches a single altered byte, a
// short or a long payload; the test hook alters exactly one byte of the task it names.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "experiment/payload.h"
#include "mpi/mpi_payload.h"
#include "mpi/mpi_protocol.h"

namespace plab::mpi {
namespace {

TEST(MpiPayload, AChunksPayloadsAreEachTasksBytesInOrder) {
    std::string out = "x";
    append_payloads(out, 5, 3, 1000);
    EXPECT_EQ(out, "x" + make_payload(5, 1000) + make_payload(6, 1000) + make_payload(7, 1000));
    std::string none;
    append_payloads(none, 0, 0, 1000);
    EXPECT_TRUE(none.empty());
    EXPECT_THROW(append_payloads(none, 0, -1, 8), std::length_error);
}

TEST(MpiPayload, TheWorkersCheckCatchesOneAlteredByteAnywhere) {
    const std::int64_t n = 4099;  // not a multiple of 8: the tail is checked too
    const std::string good = make_payload(3, n);
    EXPECT_EQ(payload_problem(3, good, n), "");
    for (const std::size_t at : {std::size_t{0}, std::size_t{2048}, std::size_t{n - 1}}) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 1);
        EXPECT_EQ(payload_problem(3, bad, n),
                  "the payload arrived altered (4.0 KiB, its bytes differ from the task's)")
            << at;
    }
    EXPECT_NE(payload_problem(4, good, n), "");  // another task's bytes
    EXPECT_EQ(payload_problem(3, std::string_view(good).substr(0, 100), n),
              "the payload arrived with 100 bytes, not 4099");
    EXPECT_EQ(payload_problem(3, good + "!", n), "the payload arrived with 4100 bytes, not 4099");
    EXPECT_EQ(payload_problem(3, "", n, PayloadWay::CameBack),
              "the payload came back with 0 bytes, not 4099");
}

TEST(MpiPayload, TheTestHookAltersOneByteOfTheNamedTaskOnly) {
    std::string data;
    append_payloads(data, 10, 3, 64);
    const std::string before = data;
    corrupt_for_test(data, 10, 3, 64, 9);  // not in the chunk
    corrupt_for_test(data, 10, 3, 64, 13);
    EXPECT_EQ(data, before);
    corrupt_for_test(data, 10, 3, 64, 11);
    int changed = 0;
    for (std::size_t i = 0; i < data.size(); ++i)
        changed += data[i] != before[i] ? 1 : 0;
    EXPECT_EQ(changed, 1);
    EXPECT_EQ(payload_problem(10, std::string_view(data).substr(0, 64), 64), "");
    EXPECT_NE(payload_problem(11, std::string_view(data).substr(64, 64), 64), "");
    EXPECT_EQ(payload_problem(12, std::string_view(data).substr(128, 64), 64), "");

    const std::string name(kEnvCorruptTask);
    ::unsetenv(name.c_str());
    EXPECT_EQ(corrupt_task_from_env(), -1);
    ::setenv(name.c_str(), "7", 1);
    EXPECT_EQ(corrupt_task_from_env(), 7);
    ::setenv(name.c_str(), "seven", 1);
    EXPECT_EQ(corrupt_task_from_env(), -1);
    ::unsetenv(name.c_str());
}

}  // namespace
}  // namespace plab::mpi
