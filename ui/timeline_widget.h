// The task timeline: one lane per worker process, one bar per task from its start to its end.
#pragma once

#include <QWidget>

#include "sweep_data.h"
#include "time_axis.h"

namespace plab::ui {

/// Paints one run of a SweepData: lanes labelled with worker and pid, bars coloured by the
/// run's strategy (errors in the error colour, running tasks lighter and growing), a time axis
/// on top. Wheel zooms and drag pans the time axis only; double-click (or reset()) goes back
/// to following the live edge. Bars narrower than a few pixels merge per pixel column, so a
/// 100,000-task run paints in time proportional to its visible tasks plus the width.
/// The SweepData must outlive the widget or be unset with set_run(nullptr, 0).
class TimelineWidget : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kLabelWidth = 170;
    static constexpr int kAxisHeight = 30;
    static constexpr int kMinLaneHeight = 20;
    static constexpr int kMaxLaneHeight = 44;

    explicit TimelineWidget(QWidget* parent = nullptr);

    /// Shows run number run of data (nothing for null data or an unknown number). Changing
    /// the run resets the view to follow.
    void set_run(const SweepData* sweep, int run);
    int run_number() const { return run_; }

    /// How far the shown run has got (seconds of run time); repaints.
    void set_live_end(double seconds);

    const TimeAxis& axis() const { return axis_; }
    TimeAxis& axis() { return axis_; }

    /// Zooms in (factor > 1) or out around the middle of the time axis; repaints.
    void zoom_by(double factor);
    /// Back to following the live edge; repaints.
    void reset_view();

    /// Where lane row (0 = top, in RunRecord::lane_order) is drawn, or an empty rect.
    QRectF lane_rect(int row) const;
    /// Where bar (an index into RunRecord::bars) is drawn, unclipped, or an empty rect.
    QRectF bar_rect(int bar) const;
    /// The bar under point (within 3 px), or -1.
    int bar_at(QPointF point) const;
    /// What hovering point shows, or an empty string.
    QString tooltip_at(QPointF point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    /// The view left or re-entered follow mode (for the panel's reset button).
    void following_changed(bool following);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    const RunRecord* record() const;
    double lane_height() const;
    double bar_end(const TaskBar& bar) const;
    void update_layout();
    void paint_axis(QPainter& p, const QRect& area) const;
    void paint_lane(QPainter& p, const RunRecord& run, int row) const;
    void paint_message(QPainter& p, const QString& text, const QColor& color) const;
    void set_following_state();

    const SweepData* data_ = nullptr;
    int run_ = 0;
    TimeAxis axis_;
    double drag_x_ = 0;
    bool was_following_ = true;
};

}  // namespace plab::ui
