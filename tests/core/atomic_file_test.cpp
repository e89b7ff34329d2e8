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

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
}

TEST(AtomicFile, KeepsTheModeOfTheFileItReplaces) {
    TempDir d;
    const fs::path out = d.path / "private.csv";
    write_atomically(out.string(), [](std::ostream& o) { o << "old"; });
    ASSERT_EQ(::chmod(out.c_str(), 0600), 0);
    write_atomically(out.string(), [](std::ostream& o) { o << "new"; });
    EXPECT_EQ(read_file(out), "new");
    EXPECT_EQ(mode_of(out), 0600u);
    ASSERT_EQ(::chmod(out.c_str(), 0664), 0);
    write_atomically(out.string(), [](std::ostream& o) { o << "newer"; });
    EXPECT_EQ(mode_of(out), 0664u);
}

TEST(AtomicFile, ANewFileHonoursTheUmask) {
    TempDir d;
    const mode_t old = ::umask(027);
    write_atomically((d.path / "a.csv").string(), [](std::ostream& o) { o << "a"; });
    ::umask(002);
    write_atomically((d.path / "b.csv").string(), [](std::ostream& o) { o << "b"; });
    ::umask(old);
    EXPECT_EQ(mode_of(d.path / "a.csv"), 0640u);
    EXPECT_EQ(mode_of(d.path / "b.csv"), 0664u);
}

TEST(AtomicFile, WritesThroughASymbolicLinkToItsTarget) {
    TempDir d;
    fs::create_directory(d.path / "real");
    const fs::path target = d.path / "real" / "runs.csv";
    const fs::path link = d.path / "latest.csv";
    { std::ofstream(target) << "old"; }
    fs::create_symlink(fs::path("real") / "runs.csv", link);  // relative, as ln -s makes them
    write_atomically(link.string(), [](std::ostream& o) { o << "new"; });
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(read_file(target), "new");
    EXPECT_EQ(std::distance(fs::directory_iterator(d.path / "real"), fs::directory_iterator{}), 1);
    // A link to a file that does not exist yet creates the file, and the link stays.
    const fs::path dangling = d.path / "next.csv";
    fs::create_symlink(d.path / "real" / "next.csv", dangling);
    write_atomically(dangling.string(), [](std::ostream& o) { o << "made"; });
    EXPECT_TRUE(fs::is_symlink(dangling));
    EXPECT_EQ(read_file(d.path / "real" / "next.csv"), "made");
}

TEST(AtomicFile, ACancelStopsTheWriteAndLeavesTheOldFile) {
    TempDir d;
    const fs::path out = d.path / "big.csv";
    { std::ofstream(out) << "old"; }
    int wake[2];
    ASSERT_EQ(::pipe(wake), 0);
    std::size_t written = 0;
    EXPECT_THROW(write_atomically(
                     out.string(),
                     [&](std::ostream& o) {
                         const std::string block(1000, 'x');
                         for (int i = 0; i < 100000; ++i) {  // 100 MB if nothing stopped it
                             if (i == 100) {
                                 EXPECT_EQ(::write(wake[1], "x", 1), 1);  // "Ctrl+C"
                             }
                             o << block;
                             written += block.size();
                         }
                     },
                     wake[0]),
                 WriteCancelled);
    EXPECT_LT(written, 1000u * 1000);  // stopped within a block or two of the signal
    EXPECT_EQ(read_file(out), "old");
    EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator{}), 1);
    ::close(wake[0]);
    ::close(wake[1]);
}

TEST(AtomicFile, AFailedWriteThrowsFromBodyNotFromADestructor) {
    // A full device: the error reaches the caller as one line, whatever body was doing.
    try {
        write_atomically("/dev/full", [](std::ostream& o) {
            for (int i = 0; i < 100000; ++i)
                o << "0123456789";
        });
        FAIL() << "/dev/full accepted a megabyte";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot write /dev/full: No space left on device");
    }
}

TEST(AtomicFile, SameOutputSeesOneFileUnderTwoNames) {
    TempDir d;
    const fs::path a = d.path / "a.csv";
    { std::ofstream(a) << "x"; }
    fs::create_hard_link(a, d.path / "hard.csv");
    fs::create_symlink(d.path / "b.csv", d.path / "link.csv");
    EXPECT_TRUE(same_output(a.string(), (d.path / "hard.csv").string()));
    EXPECT_TRUE(same_output(a.string(), (d.path / "." / "a.csv").string()));
    EXPECT_TRUE(same_output((d.path / "b.csv").string(), (d.path / "link.csv").string()));
    EXPECT_FALSE(same_output(a.string(), (d.path / "b.csv").string()));
    EXPECT_FALSE(same_output("-", a.string()));
    EXPECT_TRUE(same_output("-", "-"));
}

TEST(AtomicFile, NamesThatCannotBeCreatedAreRefusedUpFront) {
    TempDir d;
    EXPECT_NE(check_writable((d.path / std::string(300, 'n')).string()).find("File name too long"),
              std::string::npos);
    { std::ofstream(d.path / "file") << "x"; }
    EXPECT_NE(check_writable((d.path / "file" / "x.csv").string()).find("Not a directory"),
              std::string::npos);
    EXPECT_NE(check_writable("/proc/x.csv"), "");  // a folder nobody can create files in
    EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator{}), 1);
}

}  // namespace
}  // namespace plab
