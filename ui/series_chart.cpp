#include "series_chart.h"

#include <QChart>
#include <QCursor>
#include <QEvent>
#include <QLegend>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "axis_ticks.h"
#include "chart_style.h"

namespace plab::ui {

namespace {

QScatterSeries::MarkerShape qt_shape(MarkerShape shape) {
    switch (shape) {
        case MarkerShape::Circle:
            return QScatterSeries::MarkerShapeCircle;
        case MarkerShape::Square:
            return QScatterSeries::MarkerShapeRectangle;
        case MarkerShape::Triangle:
            return QScatterSeries::MarkerShapeTriangle;
        case MarkerShape::Diamond:
            return QScatterSeries::MarkerShapeRotatedRectangle;
        case MarkerShape::Pentagon:
            return QScatterSeries::MarkerShapePentagon;
        case MarkerShape::Star:
            return QScatterSeries::MarkerShapeStar;
    }
    return QScatterSeries::MarkerShapeCircle;
}

QList<QPointF> to_list(const std::vector<XY>& points) {
    QList<QPointF> list;
    list.reserve(static_cast<qsizetype>(points.size()));
    for (const auto& p : points)
        list.append(QPointF(p.x, p.y));
    return list;
}

}  // namespace

SeriesChart::SeriesChart(const QString& title, YAxis y_kind, QWidget* parent)
    // The view gets its chart at construction: setChart() would orphan a default one.
    : QChartView(new QChart, parent), title_(title) {
    chart()->setTitle(title);
    chart()->legend()->hide();  // a ChartLegend below the chart: it wraps, never cuts off
    chart()->setAnimationOptions(QChart::NoAnimation);
    chart()->setMargins(QMargins(4, 4, 8, 4));
    chart()->setBackgroundRoundness(0);

    x_ = new QValueAxis;
    x_->setTitleText(tr("Workers"));
    x_->setLabelFormat("%d");
    x_->setTickType(QValueAxis::TicksDynamic);
    x_->setTickAnchor(1);
    x_->setTickInterval(1);
    chart()->addAxis(x_, Qt::AlignBottom);
    QAbstractAxis* y = nullptr;
    if (y_kind == YAxis::Seconds) {
        y_time_ = new QCategoryAxis;
        y_time_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        y = y_time_;
    } else {
        y_ = new QValueAxis;
        y_->setLabelFormat(y_kind == YAxis::Times ? "%.3gx" : "%.0f%%");
        y = y_;
    }
    chart()->addAxis(y, Qt::AlignLeft);
    connect(chart(), &QChart::plotAreaChanged, this, [this] { place_labels(); });

    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 180);
    apply_colors();
    apply_fonts();
    fit_axes(1, 1, 1);
}

void SeriesChart::set_line(const QString& id, const QString& name, const LineLook& look,
                           const std::vector<XY>& points) {
    QLineSeries* s = lines_.value(id);
    if (!s) {
        s = new QLineSeries(this);
        chart()->addSeries(s);
        for (QAbstractAxis* axis : chart()->axes())
            s->attachAxis(axis);
        lines_.insert(id, s);
        order_.append(id);
    }
    if (s->name() != name) s->setName(name);
    if (s->pen() != look.pen) s->setPen(look.pen);
    s->setPointsVisible(false);  // markers are a scatter series: their area repaints whole
    const QList<QPointF> list = to_list(points);
    if (s->points() != list) s->replace(list);

    QScatterSeries* m = markers_.value(id);
    if (look.marker && !m) {
        m = new QScatterSeries(this);
        chart()->addSeries(m);
        for (QAbstractAxis* axis : chart()->axes())
            m->attachAxis(axis);
        markers_.insert(id, m);
        connect(m, &QScatterSeries::hovered, this,
                [this, id](const QPointF& p, bool state) { on_hovered(id, p, state); });
    } else if (!look.marker && m) {
        chart()->removeSeries(m);
        m->deleteLater();
        markers_.remove(id);
        m = nullptr;
    }
    if (m) {
        m->setName(name);
        m->setMarkerShape(qt_shape(*look.marker));
        m->setMarkerSize(12 * std::sqrt(scale_));
        m->setColor(look.pen.color());
        m->setBorderColor(chart_colors(palette()).background);
        if (m->points() != list) m->replace(list);
    }
    looks_.insert(id, look);
    place_labels();
}

void SeriesChart::set_expected(bool expected) {
    expected_ = expected;
    fit_title();
}

void SeriesChart::keep_only(const QStringList& keep) {
    for (auto it = lines_.begin(); it != lines_.end();) {
        if (keep.contains(it.key())) {
            ++it;
            continue;
        }
        chart()->removeSeries(it.value());
        it.value()->deleteLater();
        if (QScatterSeries* m = markers_.take(it.key())) {
            chart()->removeSeries(m);
            m->deleteLater();
        }
        looks_.remove(it.key());
        it = lines_.erase(it);
    }
    order_.clear();  // the legend follows keep's order, the order the lines are drawn in
    for (const QString& id : keep) {
        if (lines_.contains(id) && !order_.contains(id)) order_.append(id);
    }
    place_labels();
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
    if (y_) {
        y_->setRange(0, top);
        y_->applyNiceNumbers();
    } else {
        // Round durations as ticks, labelled in people's units, never in exponent form.
        const double step = time_tick_step(0, top, 6);
        const double end = std::ceil(top / step - 1e-9) * step;
        for (const QString& label : y_time_->categoriesLabels())
            y_time_->remove(label);
        y_time_->setStartValue(0);
        for (double t : ticks(step, end, step))
            y_time_->append(QString::fromStdString(tick_label(t, step)), t);
        y_time_->setRange(0, end);
    }
    place_labels();
}

void SeriesChart::set_text_scale(double factor) {
    scale_ = factor > 0 ? factor : 1.0;
    apply_fonts();
    for (QScatterSeries* m : std::as_const(markers_))
        m->setMarkerSize(12 * std::sqrt(scale_));
    fit_title();
    place_labels();
}

std::vector<LegendEntry> SeriesChart::legend_entries() const {
    std::vector<LegendEntry> out;
    for (const QString& id : order_) {
        const LineLook& look = looks_[id];
        out.push_back({lines_.value(id)->name(), look.pen, look.marker, look.pen.color()});
    }
    return out;
}

QString SeriesChart::tip(const QString& id, int index) const {
    const auto it = looks_.find(id);
    if (it == looks_.end() || index < 0 || index >= it->tips.size()) return {};
    return it->tips[index];
}

QStringList SeriesChart::shown_labels() const {
    QStringList out;
    for (const auto* item : label_items_)
        out.append(item->text());
    return out;
}

void SeriesChart::on_hovered(const QString& id, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QLineSeries* s = lines_.value(id);
    if (!s) return;
    const QList<QPointF> points = s->points();
    int best = -1;
    double best_d = 0;
    for (int i = 0; i < points.size(); ++i) {
        const double d = std::hypot(points[i].x() - point.x(), points[i].y() - point.y());
        if (best < 0 || d < best_d) {
            best = i;
            best_d = d;
        }
    }
    hover_text_ = tip(id, best);
    if (!hover_text_.isEmpty()) QToolTip::showText(QCursor::pos(), hover_text_, this);
}

void SeriesChart::place_labels() {
    for (auto* item : label_items_)
        delete item;
    label_items_.clear();
    const QRectF area = chart()->plotArea();
    if (area.width() < 10 || area.height() < 10) return;
    const ChartColors colors = chart_colors(palette());
    const QFont font = readable_font(0.95 * scale_, true);
    const QFontMetricsF fm(font);
    std::vector<QRectF> taken;
    for (const QString& id : order_) {
        const LineLook& look = looks_[id];
        const QList<QPointF> points = lines_.value(id)->points();
        for (int i = 0; i < points.size() && i < look.labels.size(); ++i) {
            if (look.labels[i].isEmpty()) continue;
            const QPointF at = chart()->mapToPosition(points[i], lines_.value(id));
            QRectF box(0, 0, fm.horizontalAdvance(look.labels[i]) + 4, fm.height());
            box.moveBottomLeft(at + QPointF(8, -4));
            if (box.right() > area.right()) box.moveRight(at.x() - 8);
            if (box.top() < area.top()) box.moveTop(at.y() + 4);
            if (!area.contains(box)) continue;
            const bool overlaps = std::any_of(taken.begin(), taken.end(),
                                              [&](const QRectF& r) { return r.intersects(box); });
            if (overlaps) continue;
            taken.push_back(box);
            auto* item = new QGraphicsSimpleTextItem(look.labels[i], chart());
            item->setFont(font);
            item->setBrush(colors.text);
            item->setPos(box.topLeft() + QPointF(2, 0));
            item->setZValue(100);
            label_items_.push_back(item);
        }
    }
}

void SeriesChart::fit_title() {
    const QString full = expected_ ? tr("%1: expected, before the first run").arg(title_) : title_;
    // Shorter forms of the title when the chart is narrow: without the parenthesis, then
    // only what comes before the colon.
    QStringList candidates{full};
    if (full.contains(" (")) candidates << full.left(full.indexOf(" ("));
    if (title_.contains(":")) candidates << title_.left(title_.indexOf(":"));
    const QFontMetrics fm(chart()->titleFont());
    QString chosen = candidates.back();
    for (const QString& c : candidates) {
        if (fm.horizontalAdvance(c) <= width() - 24) {
            chosen = c;
            break;
        }
    }
    if (chart()->title() != chosen) chart()->setTitle(chosen);
}

void SeriesChart::apply_fonts() {
    chart()->setTitleFont(readable_font(1.3 * scale_, true));
    for (QAbstractAxis* axis : chart()->axes()) {
        axis->setTitleFont(readable_font(1.05 * scale_, true));
        axis->setLabelsFont(readable_font(1.0 * scale_));
    }
}

void SeriesChart::apply_colors() {
    const ChartColors c = chart_colors(palette());
    chart()->setBackgroundBrush(c.background);
    chart()->setBackgroundPen(Qt::NoPen);
    chart()->setPlotAreaBackgroundVisible(false);
    chart()->setTitleBrush(c.text);
    setBackgroundBrush(c.background);
    for (QAbstractAxis* axis : chart()->axes()) {
        axis->setLabelsColor(c.text);
        axis->setTitleBrush(c.text);
        axis->setLinePenColor(c.muted);
        axis->setGridLineColor(c.grid);
        axis->setShadesVisible(false);
    }
    for (QScatterSeries* m : std::as_const(markers_))
        m->setBorderColor(c.background);
    place_labels();
}

void SeriesChart::resizeEvent(QResizeEvent* event) {
    QChartView::resizeEvent(event);
    fit_title();
}

void SeriesChart::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) apply_colors();
}

QString series_id(const SeriesKey& key) {
    QString id =
        QString("%1/%2").arg(QString::fromUtf8(strategy_name(key.strategy))).arg(key.chunk_setting);
    if (key.start != StartMethod::Fork)  // fork's ids stay as they were
        id += "/" + QString::fromUtf8(start_method_name(key.start));
    return id;
}

}  // namespace plab::ui
