// A chart's legend as a widget of its own: entries flow into as many rows as the width needs,
// so a narrow chart never cuts a name off.
#pragma once

#include <QPainterPath>
#include <QPen>
#include <QWidget>
#include <optional>
#include <vector>

#include "chart_style.h"

namespace plab::ui {

/// One legend entry: a line sample (style Qt::NoPen for none) and/or a marker, and its name.
struct LegendEntry {
    QString name;
    QPen line = QPen(Qt::NoPen);
    std::optional<MarkerShape> shape;  ///< the marker, in line's colour
    QColor marker;
    bool operator==(const LegendEntry&) const = default;
};

/// The outline of shape, centred on centre, about size pixels across.
QPainterPath marker_path(MarkerShape shape, QPointF centre, double size);

/// Paints the entries left to right, wrapping to new rows: its height follows its width
/// (heightForWidth), so a layout gives it what it needs. Colours follow the palette.
class ChartLegend : public QWidget {
    Q_OBJECT
  public:
    explicit ChartLegend(QWidget* parent = nullptr);

    /// Replaces the entries (a redraw only when they changed).
    void set_entries(std::vector<LegendEntry> entries);
    const std::vector<LegendEntry>& entries() const { return entries_; }

    /// Scales the text (1 = the application font); <= 0 is taken as 1.
    void set_text_scale(double factor);

    /// Where entry i is drawn at the current width, for tests: empty for a bad index.
    QRect entry_rect(int i) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    std::vector<QRect> layout_rows(int width) const;
    QFont font_for_text() const;

    std::vector<LegendEntry> entries_;
    double scale_ = 1.0;
};

}  // namespace plab::ui
