// The one-worker-count view: one horizontal bar per strategy, its value written on it, the
// ideal as a dashed line, the refused strategy as an empty bar that says why.
#pragma once

#include <QFontMetricsF>
#include <QWidget>
#include <optional>
#include <vector>

#include "chart_points.h"
#include "chart_style.h"

namespace plab::ui {

/// One bar as drawn. value is where the bar ends (0: no filled bar); outline, when > 0, is a
/// dashed outline to that value (what is expected); note replaces the value text.
struct BarRow {
    enum class Look { Filled, Growing, Outline, Empty };
    QString label;
    QColor color;
    Look look = Look::Outline;
    double value = 0;
    double outline = 0;
    QString text;  ///< written on or beside the bar
};

/// What a bar measures.
enum class BarMeasure { Elapsed, Speedup };

/// The rows for points (its bars), with live (if any) growing its bar: elapsed in seconds or
/// speedup, drawn with colors (strategies in their colours, refusals neutral).
std::vector<BarRow> bar_rows(const ChartPoints& points, const std::optional<LiveRun>& live,
                             BarMeasure measure, const ChartColors& colors);

/// text as one line at most width wide in metrics' font: whole, or without its closing aside in
/// brackets ("refused: a closure cannot be sent (as in Python)" loses " (as in Python)"), or cut
/// with an ellipsis. A width <= 0 gives an empty string.
QString one_line(const QString& text, const QFontMetricsF& metrics, double width);

/// Paints rows as horizontal bars on a value axis from 0, with a dashed ideal line. Colours
/// follow the palette; text scales with set_text_scale. Empty rows: an empty view.
class BarsView : public QWidget {
    Q_OBJECT
  public:
    BarsView(const QString& title, BarMeasure measure, QWidget* parent = nullptr);

    /// Replaces the rows and the ideal (<= 0: none) with its legend text; repaints if changed.
    void set_rows(std::vector<BarRow> rows, double ideal, const QString& ideal_text);
    /// The title above the bars (e.g. with the worker count).
    void set_title(const QString& title);
    /// Scales every text; <= 0 is taken as 1.
    void set_text_scale(double factor);
    /// The text scale set, made smaller (down to 0.75) while a row's label would be taller than
    /// its row: a short chart on a projector keeps its rows apart. Every text uses it.
    double fitted_scale() const;

    const std::vector<BarRow>& rows() const { return rows_; }
    QString title() const { return title_; }
    /// Where row i's bar (filled part, or its outline when empty) is drawn; empty if none.
    QRectF bar_rect(int i) const;
    /// The axis maximum: every value, outline and the ideal fit below it.
    double axis_max() const;
    /// x of the ideal line, or -1.
    double ideal_x() const;

    QSize sizeHint() const override { return {640, 420}; }
    QSize minimumSizeHint() const override { return {280, 200}; }

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    struct Geometry {
        QRectF plot;         ///< where bars go
        double label_w = 0;  ///< width of the label column
        double row_h = 0;
        double step = 1;   ///< tick step
        double top = 1;    ///< axis maximum
        double scale = 1;  ///< the text scale used: fitted_scale()
    };
    /// The layout at the text scale that fits (fitted_scale()).
    Geometry geometry() const;
    /// The layout at text scale s.
    Geometry geometry(double s) const;

    double to_x(const Geometry& g, double value) const;
    /// bar_rect(i) in layout g: a paint computes g once for every row.
    QRectF bar_rect(const Geometry& g, int i) const;
    QString tick_text(double value, double step) const;

    QString title_;
    BarMeasure measure_;
    std::vector<BarRow> rows_;
    double ideal_ = 0;
    QString ideal_text_;
    double scale_ = 1.0;
};

}  // namespace plab::ui
