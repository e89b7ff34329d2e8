// The timeline tab: its title, the buttons (fit one run, zoom, follow live), the time axis,
// the runs in a vertical scroll area, and the colour key. What "Export view as PNG" grabs
// when the timeline tab is shown: title and key included.
#pragma once

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QWidget>

#include "timeline_axis_bar.h"
#include "timeline_key.h"
#include "timeline_widget.h"

namespace plab::ui {

/// Wraps a TimelineWidget. show_run() is called on every update; it is cheap.
class TimelinePanel : public QWidget {
    Q_OBJECT
  public:
    explicit TimelinePanel(QWidget* parent = nullptr);

    /// Shows the experiment of sweep with run number run selected (the one "Fit one run"
    /// shows; scrolled into view when the selection changes), whose live edge is live_end
    /// seconds of run time. Null sweep: an empty timeline.
    void show_run(const SweepData* sweep, int run, double live_end);

    /// Scales the timeline's text (lane labels, headers, axis, key, title): 1 is the
    /// application's font; clamped to 0.5..4.
    void set_text_scale(double factor);

    /// Every run on one scale (false) or the selected run fitted to the width (true).
    void set_fit_one_run(bool fit);

    TimelineWidget* timeline() const { return timeline_; }
    QLabel* title() const { return title_; }
    TimelineKey* key() const { return key_; }
    QPushButton* fit_button() const { return fit_; }
    QScrollArea* scroll_area() const { return scroll_; }

  private:
    /// The title and the colour key, for what the timeline shows now.
    void update_title();
    /// Scrolls the shown run's block into view (its header first when it is taller than the
    /// view), unless the user scrolled or expanded a run since that run was chosen, or one
    /// run is fitted.
    void bring_run_into_view();

    TimelineWidget* timeline_;
    TimelineAxisBar* axis_bar_;
    QScrollArea* scroll_;
    QLabel* title_;
    TimelineKey* key_;
    QPushButton* fit_;
    QPushButton* follow_;
    const SweepData* sweep_ = nullptr;
    int shown_ = -1;
    bool keep_run_in_view_ = false;  ///< set when a run is chosen, cleared by a user's scroll
                                     ///< or a click that shows or hides a run's lanes
};

/// "1 worker", "5 workers".
QString workers_text(int workers);

/// "Run 3 · Pool.map · 5 workers · chunksize 1 · 2.031 s": for titles and the run list.
QString run_title(const RunRecord& run);

}  // namespace plab::ui
