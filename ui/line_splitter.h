// Cuts a byte stream (the engine's stdout) into lines without copying each line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace plab::ui {

/// Feed bytes with append(); take complete lines with next(). A line is handed out without
/// its '\n' (and without a '\r' before it). The views returned by next() stay valid only until
/// the next append(). A final line without '\n' is kept until more bytes come or finish().
class LineSplitter {
  public:
    void append(const char* data, std::size_t size);

    /// The next complete line, or false when none is buffered.
    bool next(std::string_view* line);

    /// Treats what is left (a last line without '\n') as a complete line.
    void finish();

    /// True when no bytes are left to hand out.
    bool empty() const { return read_ == buffer_.size(); }

    void clear();

  private:
    std::string buffer_;
    std::size_t read_ = 0;     ///< where the next line begins
    std::size_t scanned_ = 0;  ///< bytes already searched for '\n'
    bool finished_ = false;
};

}  // namespace plab::ui
