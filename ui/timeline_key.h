// The timeline's colour key: the strategies shown, then what running, failed, crashed and
// cancelled tasks look like. Painted (not rich text) so its swatches match the bars exactly,
// and wrapped onto more lines when the window is narrow.
#pragma once

#include <QWidget>
#include <vector>

#include "experiment/strategy.h"

namespace plab::ui {

/// Which task looks the shown runs have, beyond finished bars: the key lists only these, so a
/// short timeline on a projector does not give a line to "failed" when nothing failed.
struct KeyMarks {
    bool running = false;
    bool failed = false;   ///< a task ended in error with its worker alive
    bool crashed = false;  ///< a task's worker died
    bool cancelled = false;
    bool operator==(const KeyMarks&) const = default;
};

/// A wrapping row of swatches and labels. Its height follows its width (heightForWidth).
class TimelineKey : public QWidget {
    Q_OBJECT
  public:
    explicit TimelineKey(QWidget* parent = nullptr);

    /// The strategies to list first, in order (duplicates are the caller's to avoid).
    void set_strategies(const std::vector<Strategy>& strategies);
    const std::vector<Strategy>& strategies() const { return strategies_; }
    /// The task looks to list after the strategies (all of them by default, before any run).
    void set_marks(const KeyMarks& marks);
    /// Scales its text like the timeline's (clamped to 0.5..4).
    void set_text_scale(double factor);
    /// The labels in order, as painted (for tests and the accessible description).
    QStringList labels() const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    /// Lays the items out for width; paints them when p is given. Returns the height used.
    int flow(int width, class QPainter* p) const;

    std::vector<Strategy> strategies_;
    KeyMarks marks_{true, true, true, true};
    double scale_ = 1.0;
};

}  // namespace plab::ui
