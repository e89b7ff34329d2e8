#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "experiment/atomic_file.h"
#include "test_support.h"

namespace plab {
namespace {

namespace fs = std::filesystem;

using testing::read_file;
using testing::TempDir;

TEST(AtomicFile, WritesTheWholeFileAndLeavesNoTemporary) {
    TempDir d;
    const fs::path out = d.path / "runs.csv";
    write_atomically(out.string(), [](std::ostream& o) { o << "a,b\r\n1,2\r\n"; });
    EXPECT_EQ(read_file(out), "a,b\r\n1,2\r\n");
    write_atomically(out.string(), [](std::ostream& o) { o << "new"; });
    EXPECT_EQ(read_file(out), "new");
    EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator{}), 1);
}

TEST(AtomicFile, AFailingBodyLeavesTheOldFile) {
    TempDir d;
    const fs::path out = d.path / "keep.csv";
    write_atomically(out.string(), [](std::ostream& o) { o << "old"; });
    EXPECT_THROW(write_atomically(out.string(),
                                  [](std::ostream& o) {
                                      o << "half";
                                      throw std::runtime_error("boom");
                                  }),
                 std::runtime_error);
    EXPECT_EQ(read_file(out), "old");
    EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator{}), 1);
}

TEST(AtomicFile, UnwritablePlacesAreNamedClearly) {
    TempDir d;
    EXPECT_EQ(check_writable("-"), "");
    EXPECT_EQ(check_writable((d.path / "x.csv").string()), "");
    EXPECT_NE(check_writable((d.path / "missing" / "x.csv").string()).find("does not exist"),
              std::string::npos);
    EXPECT_NE(check_writable(d.path.string()).find("it is a folder"), std::string::npos);
    EXPECT_EQ(check_writable(""), "the output path is empty");
    try {
        write_atomically("/dev/full", [](std::ostream& o) { o << "x"; });
        FAIL() << "/dev/full accepted a write";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot write /dev/full"), std::string::npos);
    }
}

}  // namespace
}  // namespace plab
