// A chart of lines against worker counts: the part the elapsed and speedup charts share.
#pragma once

#include <QCategoryAxis>
#include <QChartView>
#include <QGraphicsSimpleTextItem>
#include <QHash>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <optional>
#include <vector>

#include "chart_legend.h"
#include "chart_points.h"

namespace plab::ui {

/// How set_line draws a line: its pen and, optionally, a marker at every point (a scatter
/// series of its own, which also answers hover), a hover text and a value label per point
/// (empty: none; labels that would overlap another are left out).
struct LineLook {
    QPen pen;
    std::optional<MarkerShape> marker;
    QStringList tips;
    QStringList labels;
};

/// One QChart (its own, constructed with the view) with a workers axis (x) and a value axis
/// (y), whose lines are addressed by an id the caller chooses. set_line() creates a line the
/// first time and afterwards replaces its points in one call (one redraw). Colours follow the
/// widget's palette; Qt's legend is hidden: legend_entries() feeds a ChartLegend instead.
class SeriesChart : public QChartView {
    Q_OBJECT
  public:
    /// What y is: seconds, ticked in round durations ("250 ms", "1.5 s", "10 min"); a factor
    /// ("2x": Qt formats axis labels in Latin-1 only); or per cent ("50%"). The tick labels carry
    /// the unit, so the axis has no title to be cut off on a short chart.
    enum class YAxis { Seconds, Times, Percent };

    SeriesChart(const QString& title, YAxis y, QWidget* parent = nullptr);

    /// Sets line id's name (legend), look and points. points must be ascending in x; tips and
    /// labels, when not empty, hold one text per point (extra ones are ignored).
    void set_line(const QString& id, const QString& name, const LineLook& look,
                  const std::vector<XY>& points);

    /// Removes every line whose id is not in keep; the legend lists the others in keep's order.
    void keep_only(const QStringList& keep);

    /// x from min to max workers (with half a worker of room); y from 0 to the highest point
    /// plus room, at least min_top.
    void fit_axes(int min_workers, int max_workers, double min_top);

    /// Marks the chart as showing expectations only (nothing ran yet): its title says so.
    void set_expected(bool expected);

    /// Scales every text of the chart (title, axes, value labels); <= 0 is taken as 1.
    void set_text_scale(double factor);

    /// The line with that id, or null: for tests and export.
    QLineSeries* line(const QString& id) const { return lines_.value(id); }
    /// The markers of line id, or null when it has none.
    QScatterSeries* markers(const QString& id) const { return markers_.value(id); }

    /// The legend: one entry per line, in the order of the last keep_only (before it: the
    /// order the lines were first set).
    std::vector<LegendEntry> legend_entries() const;

    /// The hover text of point index of line id ("" when there is none): what a tooltip shows.
    QString tip(const QString& id, int index) const;
    /// The text of the last tooltip shown by hovering a marker.
    QString hover_text() const { return hover_text_; }

    /// The value labels drawn now (after overlap removal), for tests.
    QStringList shown_labels() const;

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    void apply_colors();
    void apply_fonts();
    void place_labels();
    void fit_title();
    void on_hovered(const QString& id, const QPointF& point, bool state);

    QString title_;
    bool expected_ = false;
    double scale_ = 1.0;
    QValueAxis* x_ = nullptr;
    QValueAxis* y_ = nullptr;
    QCategoryAxis* y_time_ = nullptr;
    QStringList order_;
    QHash<QString, QLineSeries*> lines_;
    QHash<QString, QScatterSeries*> markers_;
    QHash<QString, LineLook> looks_;
    std::vector<QGraphicsSimpleTextItem*> label_items_;
    QString hover_text_;
};

/// The ids both charts give their lines: "ideal", "serial", and one per strategy series.
QString series_id(const SeriesKey& key);

}  // namespace plab::ui
