// FrameReader: frames land once, straight from the pipe into a buffer that is kept while nothing
// holds it; big bytes values are decoded in place, and memory a value shares is never written
// again. A real pipe (non-blocking, widened so the test writes without a second thread).
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "pool/codec.h"
#include "pool/frame_reader.h"
#include "pool/wire.h"

namespace plab::wire {
namespace {

class Pipe {
  public:
    Pipe() {
        if (::pipe(fds_) != 0) throw std::runtime_error("pipe");
        ::fcntl(fds_[0], F_SETPIPE_SZ, 1 << 20);
        ::fcntl(fds_[0], F_SETFL, O_NONBLOCK);
    }
    ~Pipe() {
        for (const int fd : fds_)
            if (fd >= 0) ::close(fd);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    int in() const { return fds_[0]; }
    void put(std::string_view s) const {
        ASSERT_EQ(::write(fds_[1], s.data(), s.size()), static_cast<ssize_t>(s.size()));
    }
    void close_writer() {
        ::close(fds_[1]);
        fds_[1] = -1;
    }

  private:
    int fds_[2] = {-1, -1};
};

// A frame: u32 length, then one encoded value (a type byte would go first on the wire; the
// reader does not look inside).
std::string frame_of(const Value& v) {
    const std::string body = encode(v);
    std::string f(4, '\0');
    const auto len = static_cast<std::uint32_t>(body.size());
    std::memcpy(f.data(), &len, sizeof len);
    return f + body;
}

// Reads until the pipe is empty or a frame is complete (then it is handled first, as the pool
// does: reading on would grow a full buffer).
void drain(FrameReader& r, int fd) {
    std::string_view f;
    std::uint32_t bad = 0;
    while (r.front(f, bad) == FrameReader::Front::Partial) {
        if (r.read_some(fd) <= 0) {
            EXPECT_EQ(errno, EAGAIN);
            return;
        }
    }
}

// The complete frame at the front (fails the test when there is none).
std::string_view front(const FrameReader& r) {
    std::string_view f;
    std::uint32_t bad = 0;
    EXPECT_EQ(r.front(f, bad), FrameReader::Front::Complete);
    return f;
}

constexpr std::size_t kBig = std::size_t{256} << 10;  // in place (>= kShareBytes)

bool inside(std::string_view part, std::string_view whole) {
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

TEST(FrameReader, AFrameInPiecesIsWholeOnlyAtTheEndAndItsBigBytesStayInPlace) {
    Pipe p;
    FrameReader r;
    const std::string data(kBig, 'a');
    const std::string f = frame_of(Value::bytes(data));
    std::string_view view;
    std::uint32_t bad = 0;
    EXPECT_EQ(r.front(view, bad), FrameReader::Front::Partial);
    std::size_t at = 0;
    for (const std::size_t cut : {std::size_t{2}, std::size_t{70'000}, f.size()}) {
        EXPECT_EQ(r.front(view, bad), FrameReader::Front::Partial);
        p.put(std::string_view(f).substr(at, cut - at));
        at = cut;
        drain(r, p.in());
    }
    const std::string_view frame = front(r);
    ASSERT_EQ(frame.size(), f.size() - 4);
    ByteReader br = r.reader(frame);
    const Value v = decode_value(br);
    EXPECT_EQ(v.as_bytes(), data);
    EXPECT_TRUE(inside(v.as_bytes(), frame));  // shared, not copied
    r.pop();
    EXPECT_TRUE(r.empty());
}

TEST(FrameReader, SmallBytesAreCopiedAndAReaderWithoutOwnerCopiesAll) {
    Pipe p;
    FrameReader r;
    p.put(frame_of(Value::bytes(std::string(100, 's'))));
    drain(r, p.in());
    const std::string_view frame = front(r);
    ByteReader br = r.reader(frame);
    const Value small = decode_value(br);
    EXPECT_EQ(small.as_bytes(), std::string(100, 's'));
    EXPECT_FALSE(inside(small.as_bytes(), frame));

    const std::string big = encode(Value::bytes(std::string(kBig, 'b')));
    const Value copied = decode(big);
    EXPECT_FALSE(inside(copied.as_bytes(), big));
}

TEST(FrameReader, TheBufferIsReusedOnceNothingHoldsItEvenForAFrameEndingInATinyRead) {
    Pipe p;
    FrameReader r;
    const char* first = nullptr;
    {
        p.put(frame_of(Value::bytes(std::string(kBig, '1'))));
        drain(r, p.in());
        ByteReader br = r.reader(front(r));
        first = decode_value(br).as_bytes().data();  // the value is gone at once
        r.pop();
    }
    // The same size again, its last 100 bytes in a read of their own: the frame stays where the
    // first one was (no buffer per task, no move to make room for more than what is missing).
    const std::string f = frame_of(Value::bytes(std::string(kBig, '2')));
    p.put(std::string_view(f).substr(0, f.size() - 100));
    drain(r, p.in());
    p.put(std::string_view(f).substr(f.size() - 100));
    drain(r, p.in());
    ByteReader br = r.reader(front(r));
    const Value second = decode_value(br);
    EXPECT_EQ(second.as_bytes().data(), first);
    EXPECT_EQ(second.as_bytes(), std::string(kBig, '2'));
}

TEST(FrameReader, BytesAValueStillHoldsAreNeverOverwritten) {
    Pipe p;
    FrameReader r;
    p.put(frame_of(Value::bytes(std::string(kBig, 'x'))));
    drain(r, p.in());
    ByteReader br1 = r.reader(front(r));
    const Value held = decode_value(br1);
    r.pop();
    p.put(frame_of(Value::bytes(std::string(kBig, 'y'))));
    drain(r, p.in());
    ByteReader br2 = r.reader(front(r));
    const Value next = decode_value(br2);
    EXPECT_EQ(held.as_bytes(), std::string(kBig, 'x'));
    EXPECT_EQ(next.as_bytes(), std::string(kBig, 'y'));
    EXPECT_NE(held.as_bytes().data(), next.as_bytes().data());
    r.clear();  // the reader lets go; the values keep what they share
    EXPECT_EQ(held.as_bytes(), std::string(kBig, 'x'));
}

TEST(FrameReader, LengthsOfZeroOrAboveTheLimitAreBadAndTheEndIsSeen) {
    for (const std::uint32_t len : {0u, kMaxFrameBytes + 1, 0xffffffffu}) {
        Pipe p;
        FrameReader r;
        std::string head(4, '\0');
        std::memcpy(head.data(), &len, sizeof len);
        p.put(head + "xyz");
        drain(r, p.in());
        std::string_view f;
        std::uint32_t bad = 1;
        EXPECT_EQ(r.front(f, bad), FrameReader::Front::Bad);
        EXPECT_EQ(bad, len);
        p.close_writer();
        EXPECT_EQ(r.read_some(p.in()), 0);  // the end of the pipe, nothing allocated for len
        EXPECT_FALSE(r.empty());
        r.clear();
        EXPECT_TRUE(r.empty());
    }
}

}  // namespace
}  // namespace plab::wire
