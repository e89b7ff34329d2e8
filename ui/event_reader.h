// Reads the engine's event stream on a thread of its own and parses it there.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "experiment/event_stream.h"

namespace plab::ui {

/// One line of the stream: its event, or (event unset) the parser's complaint in error and
/// the line itself, cut to 200 bytes, in line.
struct ReadEvent {
    std::optional<events::Event> event;
    std::string error;
    std::string line;
};

/// Owns the read end of a pipe and a thread that reads it in large slices, cuts the bytes into
/// lines and parses them, so that the GUI thread neither reads nor parses: it takes whole
/// batches of events with take(). notify runs on the reader thread whenever events arrive into
/// an empty queue and at the end of the stream (it must be thread-safe: post to the GUI thread).
/// A last line without '\n' is not an event (the engine was cut off while writing): it is kept
/// in partial_line(). The destructor stops the thread (at once, even mid-stream) and closes fd.
class EventReader {
  public:
    EventReader(int fd, std::function<void()> notify);
    ~EventReader();
    EventReader(const EventReader&) = delete;
    EventReader& operator=(const EventReader&) = delete;

    /// Appends the events read since the last call to out, in order.
    void take(std::vector<ReadEvent>& out);
    /// True once the stream ended (end of file or a read error) and every event was taken.
    bool done() const;
    /// True while events wait to be taken.
    bool pending() const;
    /// What followed the last '\n' when the stream ended ("" when it ended with a whole line).
    std::string partial_line() const;

  private:
    void loop();

    int fd_;
    int stop_[2] = {-1, -1};  ///< a pipe whose write wakes the thread to leave
    std::function<void()> notify_;
    mutable std::mutex m_;
    std::vector<ReadEvent> queue_;
    std::string partial_;
    bool ended_ = false;
    std::thread thread_;
};

}  // namespace plab::ui
