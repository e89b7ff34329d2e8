// The timeline tab: the timeline widget with its zoom buttons, a legend and a scroll bar
// for runs with many lanes.
#pragma once

#include <QLabel>
#include <QPushButton>
#include <QWidget>

#include "timeline_widget.h"

namespace plab::ui {

/// Wraps a TimelineWidget. show_run() is called on every update; it is cheap.
class TimelinePanel : public QWidget {
    Q_OBJECT
  public:
    explicit TimelinePanel(QWidget* parent = nullptr);

    /// Shows run number run of data, whose live edge is live_end seconds of run time.
    void show_run(const SweepData* sweep, int run, double live_end);

    TimelineWidget* timeline() const { return timeline_; }

  private:
    /// The colour key under the timeline, in strategy's colours.
    void show_key(Strategy strategy);

    TimelineWidget* timeline_;
    QLabel* title_;
    QLabel* hint_;
    Strategy key_strategy_ = Strategy::Map;
    QPushButton* follow_;
};

/// "1 worker", "5 workers".
QString workers_text(int workers);

/// "Run 3 · Pool.map · 5 workers · chunksize 1 · 2.031 s": for titles and the run list.
QString run_title(const RunRecord& run);

}  // namespace plab::ui
