#include "series_chart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <algorithm>
#include <cmath>

#include "chart_style.h"

namespace plab::ui {

SeriesChart::SeriesChart(const QString& title, const QString& y_title, QWidget* parent)
    : QChartView(parent), title_(title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setTitleFont(readable_font(1.3, true));
    // On the right, one line per series: long names stay whole, many series stay readable.
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setFont(readable_font(1.05));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(6, 6, 6, 6));

    x_ = new QValueAxis;
    x_->setTitleText(tr("Workers"));
    x_->setLabelFormat("%d");
    x_->setTickType(QValueAxis::TicksDynamic);
    x_->setTickAnchor(1);
    x_->setTickInterval(1);
    y_ = new QValueAxis;
    y_->setTitleText(y_title);
    y_->setLabelFormat("%.3g");
    for (auto* axis : {x_, y_}) {
        axis->setTitleFont(readable_font(1.05, true));
        axis->setLabelsFont(readable_font(1.0));
        chart->addAxis(axis, axis == x_ ? Qt::AlignBottom : Qt::AlignLeft);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(360, 260);
    fit_axes(1, 1, 1);
}

void SeriesChart::set_line(const QString& id, const QString& name, const QPen& pen,
                           const std::vector<XY>& points, bool markers) {
    QLineSeries* s = lines_.value(id);
    if (!s) {
        s = new QLineSeries(this);
        chart()->addSeries(s);
        s->attachAxis(x_);
        s->attachAxis(y_);
        lines_.insert(id, s);
    }
    if (s->name() != name) s->setName(name);
    if (s->pen() != pen) s->setPen(pen);
    s->setPointsVisible(markers);
    if (markers) s->setMarkerSize(9);
    QList<QPointF> list;
    list.reserve(static_cast<qsizetype>(points.size()));
    for (const auto& p : points)
        list.append(QPointF(p.x, p.y));
    if (s->points() != list) s->replace(list);
}

void SeriesChart::set_expected(bool expected) {
    const QString title = expected ? tr("%1: expected, before the first run").arg(title_) : title_;
    if (chart()->title() != title) chart()->setTitle(title);
}

void SeriesChart::keep_only(const QStringList& keep) {
    for (auto it = lines_.begin(); it != lines_.end();) {
        if (keep.contains(it.key())) {
            ++it;
            continue;
        }
        chart()->removeSeries(it.value());
        it.value()->deleteLater();
        it = lines_.erase(it);
    }
}

void SeriesChart::fit_axes(int min_workers, int max_workers, double min_top) {
    const int lo = std::min(min_workers, max_workers);
    x_->setRange(lo - 0.5, max_workers + 0.5);
    const int span = max_workers - lo + 1;
    x_->setTickInterval(span <= 16 ? 1 : std::ceil(span / 16.0));
    x_->setTickAnchor(lo);
    double top = min_top;
    for (const QLineSeries* s : std::as_const(lines_)) {
        for (const QPointF& p : s->points())
            top = std::max(top, p.y());
    }
    top *= 1.12;
    y_->setRange(0, top);
    y_->applyNiceNumbers();
}

QString series_id(const SeriesKey& key) {
    return QString("%1/%2")
        .arg(QString::fromUtf8(strategy_name(key.strategy)))
        .arg(key.chunk_setting);
}

}  // namespace plab::ui
