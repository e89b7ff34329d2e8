#include "chart_pages.h"

#include <QEvent>

#include "timeline_panel.h"  // workers_text

namespace plab::ui {

QString bars_title(const QString& name, const ChartPoints& points) {
    QString title = QObject::tr("%1 on %2").arg(name, workers_text(points.max_workers));
    if (points.before_runs) title += QObject::tr(": expected, before the first run");
    return title;
}

ChartPages::ChartPages(const QString& bars_name, BarMeasure measure, QWidget* parent)
    : QWidget(parent),
      bars_name_(bars_name),
      measure_(measure),
      pages_(new QStackedWidget(this)),
      line_page_(new QWidget),
      line_layout_(new QVBoxLayout(line_page_)),
      legend_(new ChartLegend),
      bars_(new BarsView(bars_name, measure)) {
    line_layout_->setContentsMargins(0, 0, 0, 0);
    line_layout_->setSpacing(0);
    line_layout_->addWidget(legend_);
    pages_->addWidget(line_page_);
    pages_->addWidget(bars_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);
}

void ChartPages::add_chart(SeriesChart* chart, int stretch) {
    line_layout_->insertWidget(line_layout_->count() - 1, chart, stretch);  // above the legend
    charts_.push_back(chart);
}

void ChartPages::show_points(const ChartPoints& points) {
    points_ = points;
    legend_->set_entries(draw_lines(points, chart_colors(palette())));
    bars_->set_title(bars_title(bars_name_, points));
    pages_->setCurrentWidget(points.one_worker_count ? static_cast<QWidget*>(bars_) : line_page_);
    redraw_bars();
}

void ChartPages::show_live(const std::optional<LiveRun>& live) {
    if (live == live_) return;
    live_ = live;
    redraw_bars();
}

void ChartPages::redraw_bars() {
    const auto [ideal, text] = bars_ideal(points_);
    bars_->set_rows(bar_rows(points_, live_, measure_, chart_colors(palette())), ideal, text);
}

void ChartPages::set_text_scale(double factor) {
    for (SeriesChart* chart : charts_)
        chart->set_text_scale(factor);
    legend_->set_text_scale(factor);
    bars_->set_text_scale(factor);
}

void ChartPages::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) show_points(ChartPoints(points_));
}

}  // namespace plab::ui
