// The task timeline: every run of the experiment on one time scale, one block of lanes per run
// (one lane per worker process), one bar per task from its start to its end.
#pragma once

#include <QWidget>
#include <vector>

#include "sweep_data.h"
#include "time_axis.h"
#include "timeline_colors.h"
#include "timeline_layout.h"

namespace plab::ui {

/// Paints the runs of a SweepData stacked top to bottom, each from its own t = 0 on one shared
/// time axis, so a 10 s run is five times as long as a 2 s one; or, in "fit one run" mode,
/// only the selected run, fitted to the width. Bars take the run's strategy colour (failures
/// the error colour, crashes a cross and their cause, cancelled tasks grey hatching), a strip
/// under each run shows its busy workers over time. Wheel zooms and drag pans the time axis
/// only; double-click (or reset_view()) goes back to following the live edge. Bars narrower
/// than a few pixels merge per pixel column, so a 100,000-task run paints in time
/// proportional to its visible tasks plus the width. Colours come from the palette.
/// The SweepData must outlive the widget or be unset with set_run(nullptr, 0).
class TimelineWidget : public QWidget {
    Q_OBJECT
  public:
    /// A bar of a run: run number and index into its RunRecord::bars; bar -1 is none.
    struct BarRef {
        int run = 0;
        int bar = -1;
        bool operator==(const BarRef&) const = default;
    };

    explicit TimelineWidget(QWidget* parent = nullptr);

    /// Selects run number run of data (the one "fit one run" shows and set_live_end() is
    /// about); nothing is shown for null data. Changing the data resets the view to follow.
    void set_run(const SweepData* sweep, int run);
    int run_number() const { return run_; }

    /// How far the selected run has got (seconds of its run time); repaints. Other running
    /// runs end at their latest event.
    void set_live_end(double seconds);

    /// Shows only the selected run, fitted to the width (true), or every run on one scale.
    /// Returns to following the live edge; repaints.
    void set_fit_one_run(bool fit);
    bool fit_one_run() const { return fit_one_; }

    /// Scales the text and the rows with it (1 = the application's font; clamped to 0.5..4).
    void set_text_scale(double factor);
    double text_scale() const { return text_scale_; }

    const TimeAxis& axis() const { return axis_; }
    TimeAxis& axis() { return axis_; }

    /// Zooms in (factor > 1) or out around the middle of the time axis; repaints.
    void zoom_by(double factor);
    /// Back to following the live edge; repaints.
    void reset_view();

    /// The run numbers shown, top to bottom.
    std::vector<int> shown_runs() const;
    /// The runs drawn as header and strip only: when every run's lanes do not fit the view,
    /// all but the selected run and those expanded by a click on their header.
    std::vector<int> collapsed_runs() const;
    /// Shows (or hides again) the lanes of a collapsed run, as a click on its header does.
    void toggle_expanded(int run);
    const TimelineLayout& layout() const { return layout_; }
    /// Where run number run's block is drawn (header to strip), or an empty rect.
    QRectF block_rect(int run) const;
    /// Where lane row (0 = top, in RunRecord::lane_order) of the selected run is, or empty.
    QRectF lane_rect(int row) const;
    /// Where bar (an index into RunRecord::bars) of the selected run is drawn, unclipped.
    QRectF bar_rect(int bar) const;
    /// Where bar of run number run is drawn, unclipped, or an empty rect.
    QRectF bar_rect(int run, int bar) const;
    /// The bar under point (within 3 px), or one with bar -1.
    BarRef bar_at(QPointF point) const;
    /// What hovering point shows, or an empty string. Names the worker as its lane does.
    QString tooltip_at(QPointF point) const;
    /// The bar outlined as hovered (bar -1: none).
    BarRef hovered() const { return hovered_; }
    /// Where the time axis starts: right of the lane labels.
    double label_width() const { return axis_.left(); }
    /// Seconds of run time the run has reached: its elapsed time once ended.
    double run_extent(const RunRecord& run) const;
    /// The colours painting uses now (from the palette).
    TimelineColors colors() const { return timeline_colors(palette()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    /// The view left or re-entered follow mode (for the panel's reset button).
    void following_changed(bool following);
    /// The visible time range or its pixels changed (for the axis above the lanes).
    void view_changed();
    /// set_fit_one_run changed the mode (also from the F key).
    void fit_changed(bool fit);
    /// toggle_expanded showed or hid a run's lanes (a click on its header).
    void expanded_changed(int run);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    const RunRecord* record(int run) const;
    TimelineMetrics metrics() const;
    void update_layout();
    void refit_axis();
    void set_following_state();
    void view_moved();
    void paint_message(QPainter& p, const QString& text) const;

    const SweepData* data_ = nullptr;
    int run_ = 0;
    double live_end_ = 0;
    bool fit_one_ = false;
    double text_scale_ = 1.0;
    TimeAxis axis_;
    TimelineLayout layout_;
    BarRef hovered_;
    std::vector<int> expanded_;  ///< runs the user expanded by clicking their header
    double drag_x_ = 0;
    bool was_following_ = true;
};

}  // namespace plab::ui
