// The timeline's mapping between run time (seconds) and pixels, with zoom, pan and "follow live".
// Plain C++ with no Qt, so it is unit-tested without a screen.
#pragma once

namespace plab::ui {

/// Maps a visible time window [start, end] onto the pixel span [left, left + width].
/// In follow mode the window is [0, live end] (plus a little room) and grows as the run does;
/// zoom() and pan() leave follow mode, reset() returns to it.
/// Never divides by zero: a width below 1 px is treated as 1 px and the visible span is kept
/// between kMinSpan and kMaxSpan seconds.
class TimeAxis {
  public:
    static constexpr double kMinSpan = 1e-6;     ///< one microsecond
    static constexpr double kMaxSpan = 1e7;      ///< far beyond any run (kMaxDelayNs x tasks)
    static constexpr double kFollowRoom = 1.05;  ///< in follow mode the live edge sits at ~95%

    /// Where the time axis lies on the widget, in pixels.
    void set_pixels(double left, double width);
    double left() const { return left_; }
    double width() const { return width_; }

    /// Tells the axis how far the run has got. In follow mode this refits the view.
    void set_live_end(double seconds);
    double live_end() const { return live_end_; }

    double to_pixel(double seconds) const;
    double to_seconds(double pixel) const;

    double visible_start() const { return start_; }
    double visible_end() const { return start_ + span_; }
    double visible_span() const { return span_; }

    /// Zooms by factor (> 1 zooms in) keeping the time under anchor_pixel where it is.
    /// A factor <= 0 is ignored. Leaves follow mode.
    void zoom(double factor, double anchor_pixel);

    /// Moves the view by dx pixels (positive: the content moves right, earlier times come
    /// into view). The view never starts before 0 s. Leaves follow mode.
    void pan(double dx_pixels);

    /// Shows exactly [start, end] (end <= start is ignored). Leaves follow mode.
    void show_range(double start, double end);

    /// Back to following the live edge.
    void reset();
    bool following() const { return following_; }

  private:
    void refit();
    void clamp();

    double left_ = 0, width_ = 1;
    double start_ = 0, span_ = 1;
    double live_end_ = 0;
    bool following_ = true;
};

}  // namespace plab::ui
