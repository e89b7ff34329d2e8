#include "pool/frame_reader.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>

#include "pool/wire.h"

namespace plab::wire {

namespace {

constexpr std::size_t kReadBytes = std::size_t{64} << 10;

std::uint32_t length_at(const char* p) {
    std::uint32_t len = 0;
    std::memcpy(&len, p, sizeof len);
    return len;
}

}  // namespace

void FrameReader::make_room(std::size_t want) {
    // Values decoded in place hold the buffer (use_count > 1): it is theirs now, never written
    // again. The acquire fence pairs with the release in the last holder's count decrement, so
    // that its reads of the bytes happen before this thread writes there again.
    const bool shared = buf_ && buf_.use_count() > 1;
    if (!shared) std::atomic_thread_fence(std::memory_order_acquire);
    const std::size_t unread = end_ - begin_;
    if (!shared && begin_ == end_) begin_ = end_ = 0;
    if (!shared && cap_ - end_ >= want) return;
    if (!shared && cap_ - unread >= want) {  // room enough once the read frames are dropped
        std::memmove(buf_.get(), buf_.get() + begin_, unread);
    } else {
        // Not zero-filled: only what read() writes is touched (a fresh page costs a fault).
        const std::size_t cap = std::max(unread + want, kReadBytes);
        std::shared_ptr<char[]> grown(new char[cap]);
        if (unread > 0) std::memcpy(grown.get(), buf_.get() + begin_, unread);
        buf_ = std::move(grown);
        cap_ = cap;
    }
    begin_ = 0;
    end_ = unread;
}

ssize_t FrameReader::read_some(int fd, std::size_t* asked) {
    // Room for the rest of a frame whose header arrived (no more: asking for 64 KiB when 100
    // bytes of a 16 MiB frame are missing would move all of it), else for 64 KiB.
    std::size_t want = kReadBytes;
    if (end_ - begin_ >= 4) {
        const std::uint32_t len = length_at(buf_.get() + begin_);
        const std::size_t have = end_ - begin_ - 4;
        if (len <= kMaxFrameBytes && have < len) want = len - have;
    }
    make_room(want);
    const std::size_t room = cap_ - end_;
    if (asked != nullptr) *asked = room;
    const ssize_t got = ::read(fd, buf_.get() + end_, room);
    if (got > 0) end_ += static_cast<std::size_t>(got);
    return got;
}

FrameReader::Front FrameReader::front(std::string_view& frame, std::uint32_t& bad_length) const {
    if (end_ - begin_ < 4) return Front::Partial;
    const std::uint32_t len = length_at(buf_.get() + begin_);
    if (len == 0 || len > kMaxFrameBytes) {
        bad_length = len;
        return Front::Bad;
    }
    if (end_ - begin_ - 4 < len) return Front::Partial;
    frame = std::string_view(buf_.get() + begin_ + 4, len);
    return Front::Complete;
}

void FrameReader::pop() {
    std::string_view frame;
    std::uint32_t bad = 0;
    if (front(frame, bad) == Front::Complete) begin_ += 4 + frame.size();
}

ByteReader FrameReader::reader(std::string_view frame) const {
    return {frame, std::shared_ptr<const void>(buf_, buf_.get())};
}

void FrameReader::clear() {
    buf_.reset();
    cap_ = begin_ = end_ = 0;
}

}  // namespace plab::wire
