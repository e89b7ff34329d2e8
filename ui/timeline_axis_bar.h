// The time axis above the timeline's lanes: it stays in place while the runs scroll under it.
#pragma once

#include <QWidget>

#include "timeline_widget.h"

namespace plab::ui {

/// Paints the tick labels of a TimelineWidget's axis, aligned with its lanes when placed
/// directly above the widget's scroll area (same left edge). Repaints when the view moves.
/// The timeline must outlive it.
class TimelineAxisBar : public QWidget {
    Q_OBJECT
  public:
    explicit TimelineAxisBar(TimelineWidget* timeline, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    TimelineWidget* timeline_;
};

}  // namespace plab::ui
