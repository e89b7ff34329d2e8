#include "line_splitter.h"

namespace plab::ui {

void LineSplitter::append(const char* data, std::size_t size) {
    if (read_ > 0 && read_ >= buffer_.size() / 2) {
        buffer_.erase(0, read_);
        scanned_ -= read_;
        read_ = 0;
    }
    buffer_.append(data, size);
    finished_ = false;
}

bool LineSplitter::next(std::string_view* line) {
    if (scanned_ < read_) scanned_ = read_;
    const std::size_t nl = buffer_.find('\n', scanned_);
    std::size_t end = 0;
    std::size_t after = 0;
    if (nl != std::string::npos) {
        end = nl;
        after = end + 1;
    } else if (finished_ && read_ < buffer_.size()) {
        end = after = buffer_.size();
    } else {
        scanned_ = buffer_.size();
        return false;
    }
    std::size_t stop = end;
    if (stop > read_ && buffer_[stop - 1] == '\r') --stop;
    *line = std::string_view(buffer_.data() + read_, stop - read_);
    read_ = scanned_ = after;
    return true;
}

void LineSplitter::finish() {
    finished_ = true;
}

void LineSplitter::clear() {
    buffer_.clear();
    read_ = scanned_ = 0;
    finished_ = false;
}

}  // namespace plab::ui
