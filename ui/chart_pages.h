// What the elapsed and speedup views share: bars when the experiment has one worker count,
// else line charts with one legend below them.
#pragma once

#include <QStackedWidget>
#include <QVBoxLayout>
#include <optional>
#include <utility>

#include "chart_legend.h"
#include "elapsed_bars.h"
#include "series_chart.h"

namespace plab::ui {

/// Two pages: line charts (added by the subclass, in order, above a shared legend) and a
/// BarsView. show_points() feeds both and shows the one that fits; colours follow the palette
/// (a palette change redraws).
class ChartPages : public QWidget {
    Q_OBJECT
  public:
    /// Redraws from points (cheap: replaces each line's points once).
    void show_points(const ChartPoints& points);
    /// The running strategy's bar follows live; nullopt: nothing runs.
    void show_live(const std::optional<LiveRun>& live);
    /// Scales every text (titles, labels, legend, values); <= 0 is taken as 1.
    void set_text_scale(double factor);

    bool showing_bars() const { return pages_->currentWidget() == bars_; }
    ChartLegend* legend() const { return legend_; }
    BarsView* bars() const { return bars_; }

  protected:
    /// bars_name: the bars' title before " on 5 workers".
    ChartPages(const QString& bars_name, BarMeasure measure, QWidget* parent);

    /// Adds a line chart to the lines page (stretch as in QBoxLayout). Call from the
    /// constructor only.
    void add_chart(SeriesChart* chart, int stretch);

    /// Sets the lines of the line charts from points; returns the legend's entries.
    virtual std::vector<LegendEntry> draw_lines(const ChartPoints& points,
                                                const ChartColors& colors) = 0;
    /// The ideal for the bars (<= 0: none) and its legend text.
    virtual std::pair<double, QString> bars_ideal(const ChartPoints& points) const = 0;

    void changeEvent(QEvent* event) override;

  private:
    void redraw_bars();

    QString bars_name_;
    BarMeasure measure_;
    QStackedWidget* pages_;
    QWidget* line_page_;
    QVBoxLayout* line_layout_;
    ChartLegend* legend_;
    BarsView* bars_;
    std::vector<SeriesChart*> charts_;
    ChartPoints points_;
    std::optional<LiveRun> live_;
};

/// Bars' title for a chart called name: "name on 5 workers", and ": expected, ..." before runs.
QString bars_title(const QString& name, const ChartPoints& points);

}  // namespace plab::ui
