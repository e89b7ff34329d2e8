// The timeline's colour key: the strategies shown, then what running, failed, crashed and
// cancelled tasks look like. Painted (not rich text) so its swatches match the bars exactly,
// and wrapped onto more lines when the window is narrow.
#pragma once

#include <QWidget>
#include <vector>

#include "experiment/strategy.h"

namespace plab::ui {

/// A wrapping row of swatches and labels. Its height follows its width (heightForWidth).
class TimelineKey : public QWidget {
    Q_OBJECT
  public:
    explicit TimelineKey(QWidget* parent = nullptr);

    /// The strategies to list first, in order (duplicates are the caller's to avoid).
    void set_strategies(const std::vector<Strategy>& strategies);
    const std::vector<Strategy>& strategies() const { return strategies_; }
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
    double scale_ = 1.0;
};

}  // namespace plab::ui
