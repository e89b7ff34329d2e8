#include "time_axis.h"

#include <algorithm>

namespace plab::ui {

void TimeAxis::set_pixels(double left, double width) {
    left_ = left;
    width_ = std::max(width, 1.0);
}

void TimeAxis::set_live_end(double seconds) {
    live_end_ = std::max(seconds, 0.0);
    if (following_) refit();
}

double TimeAxis::to_pixel(double seconds) const {
    return left_ + (seconds - start_) / span_ * width_;
}

double TimeAxis::to_seconds(double pixel) const {
    return start_ + (pixel - left_) / width_ * span_;
}

void TimeAxis::zoom(double factor, double anchor_pixel) {
    if (!(factor > 0)) return;
    const double anchor = to_seconds(anchor_pixel);
    const double fraction = (anchor_pixel - left_) / width_;
    span_ = std::clamp(span_ / factor, kMinSpan, kMaxSpan);
    start_ = anchor - fraction * span_;
    following_ = false;
    clamp();
}

void TimeAxis::pan(double dx_pixels) {
    start_ -= dx_pixels / width_ * span_;
    following_ = false;
    clamp();
}

void TimeAxis::show_range(double start, double end) {
    if (!(end > start)) return;
    start_ = start;
    span_ = std::clamp(end - start, kMinSpan, kMaxSpan);
    following_ = false;
    clamp();
}

void TimeAxis::reset() {
    following_ = true;
    refit();
}

void TimeAxis::refit() {
    start_ = 0;
    span_ = std::clamp(live_end_ * kFollowRoom, kMinSpan, kMaxSpan);
}

void TimeAxis::clamp() {
    start_ = std::max(start_, 0.0);
}

}  // namespace plab::ui
