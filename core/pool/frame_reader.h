// The receiving end of a pipe of frames (wire.h), on either side: the worker reading Tasks, the
// parent reading Results and Batch frames. Bytes land once, straight from read(2) into a buffer
// that is kept and reused while nothing holds on to it; a big bytes value decoded from it is
// shared in place (Value::bytes_in) instead of copied, and the buffer then goes with it.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "pool/codec.h"

namespace plab::wire {

/// Frames read from one descriptor. Not thread-safe: one reader at a time (the pool's io_m, or
/// the worker's only thread). Values decoded through reader() may outlive it and travel to
/// other threads: the memory they share is never written again while they hold it.
class FrameReader {
  public:
    /// What front() found.
    enum class Front { Partial, Complete, Bad };

    /// One read(2) into the free room, which is first made large enough for all that is
    /// missing of a frame whose header arrived (one 16 MiB frame: one buffer, no growth step by
    /// step), else for 64 KiB. Returns what read returned (-1: see errno); *asked, when given,
    /// is how many bytes it asked for (a read that filled them may leave more in the pipe).
    /// Handle a complete frame at the front before reading on: reading then asks for 64 KiB
    /// more, which moves a full buffer (all of a 16 MiB frame) to a bigger one.
    /// Throws std::bad_alloc when the room cannot be had.
    ssize_t read_some(int fd, std::size_t* asked = nullptr);

    /// The first unread frame: Complete (frame is what follows its length), Partial (not all
    /// read yet), or Bad (its length, in bad_length, is 0 or above kMaxFrameBytes: the peer is
    /// broken; nothing more is read from it).
    Front front(std::string_view& frame, std::uint32_t& bad_length) const;
    /// Drops the frame front() returned as Complete. Calling it otherwise is misuse (ignored
    /// when nothing complete is there).
    void pop();
    /// A reader of frame (from front()) whose big bytes values share this buffer.
    ByteReader reader(std::string_view frame) const;

    /// No unread byte.
    bool empty() const { return begin_ == end_; }
    /// Forgets every unread byte and lets the buffer go (its values keep what they share).
    void clear();

  private:
    /// Makes room for `want` more bytes after end_.
    void make_room(std::size_t want);

    std::shared_ptr<char[]> buf_;
    std::size_t cap_ = 0;
    std::size_t begin_ = 0;  ///< the first unread byte
    std::size_t end_ = 0;    ///< one past the last byte read
};

}  // namespace plab::wire
