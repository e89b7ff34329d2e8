#include "elapsed_bars.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "axis_ticks.h"

namespace plab::ui {

namespace {

QString duration(double seconds) {
    return QString::fromStdString(format_duration(seconds));
}

QString times(double speedup) {
    return QString::number(speedup, 'f', 2) + "×";
}

// live_s: the running bar's time so far (0 when it is not the live one).
BarRow elapsed_row(const BarPoint& b, double live_s) {
    BarRow row;
    switch (b.state) {
        case BarPoint::State::Done:
            row.look = BarRow::Look::Filled;
            row.value = b.elapsed_s;
            row.text = duration(b.elapsed_s);
            break;
        case BarPoint::State::Running:
            row.look = BarRow::Look::Growing;
            row.value = live_s;
            row.outline = b.expected_s;
            row.text = QObject::tr("%1, running…").arg(duration(row.value));
            break;
        default:
            row.outline = b.expected_s;
            row.text = QObject::tr("expected %1").arg(duration(b.expected_s));
            break;
    }
    return row;
}

BarRow speedup_row(const BarPoint& b, double live_s, double expected) {
    BarRow row;
    const bool serial = b.key.strategy == Strategy::Serial;
    switch (b.state) {
        case BarPoint::State::Done:
            row.look = BarRow::Look::Filled;
            row.value = b.speedup;
            row.text = serial ? QObject::tr("%1 (the baseline)").arg(times(b.speedup))
                              : QObject::tr("%1 · efficiency %2%")
                                    .arg(times(b.speedup))
                                    .arg(b.efficiency, 0, 'f', 0);
            break;
        case BarPoint::State::Running:
            row.look = BarRow::Look::Growing;
            row.outline = serial ? 1.0 : expected;
            row.text = QObject::tr("running, %1 so far…").arg(duration(live_s));
            break;
        default:
            row.outline = serial ? 1.0 : expected;
            row.text = QObject::tr("ideal %1").arg(times(row.outline));
            break;
    }
    return row;
}

}  // namespace

std::vector<BarRow> bar_rows(const ChartPoints& points, const std::optional<LiveRun>& live,
                             BarMeasure measure, const ChartColors& colors) {
    std::vector<BarRow> rows;
    const double ideal_speedup = points.ideal_speedup.empty() ? 1 : points.ideal_speedup.back().y;
    for (const BarPoint& b : points.bars) {
        const double live_s =
            live && live->key == b.key && live->leg == b.leg ? live->elapsed_s : 0.0;
        BarRow row = measure == BarMeasure::Elapsed ? elapsed_row(b, live_s)
                                                    : speedup_row(b, live_s, ideal_speedup);
        row.label = QString::fromStdString(b.label);
        row.color = strategy_color(b.key.strategy, colors.dark);
        if (b.state == BarPoint::State::Refused || b.state == BarPoint::State::Cancelled) {
            row = BarRow{row.label,
                         colors.neutral,
                         BarRow::Look::Empty,
                         0,
                         0,
                         b.state == BarPoint::State::Refused
                             ? QString::fromStdString(b.note)
                             : QObject::tr("cancelled: no time to show")};
        }
        rows.push_back(row);
    }
    return rows;
}

BarsView::BarsView(const QString& title, BarMeasure measure, QWidget* parent)
    : QWidget(parent), title_(title), measure_(measure) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void BarsView::set_rows(std::vector<BarRow> rows, double ideal, const QString& ideal_text) {
    const auto same = [](const BarRow& a, const BarRow& b) {
        return a.label == b.label && a.color == b.color && a.look == b.look && a.value == b.value &&
               a.outline == b.outline && a.text == b.text;
    };
    if (std::equal(rows.begin(), rows.end(), rows_.begin(), rows_.end(), same) && ideal == ideal_ &&
        ideal_text == ideal_text_) {
        return;
    }
    rows_ = std::move(rows);
    ideal_ = ideal;
    ideal_text_ = ideal_text;
    update();
}

void BarsView::set_title(const QString& title) {
    if (title == title_) return;
    title_ = title;
    update();
}

void BarsView::set_text_scale(double factor) {
    scale_ = factor > 0 ? factor : 1.0;
    update();
}

double BarsView::axis_max() const {
    double top = std::max(ideal_, measure_ == BarMeasure::Speedup ? 1.0 : 1e-3);
    for (const BarRow& r : rows_)
        top = std::max({top, r.value, r.outline});
    return top * 1.06;
}

double BarsView::fitted_scale() const {
    constexpr double kMinFittedScale = 0.75;  // about 9 pt: the smallest a class still reads
    double s = scale_;
    while (s * 0.92 >= kMinFittedScale &&
           QFontMetricsF(readable_font(1.1 * s)).height() > geometry(s).row_h * 0.9) {
        s *= 0.92;
    }
    return s;
}

BarsView::Geometry BarsView::geometry() const {
    return geometry(fitted_scale());
}

BarsView::Geometry BarsView::geometry(double s) const {
    Geometry g{};
    g.scale = s;
    const double m = 8 * s;
    const QFontMetricsF title(readable_font(1.3 * s, true));
    const QFontMetricsF small(readable_font(1.0 * s));
    const QFontMetricsF label(readable_font(1.1 * s));
    double widest = 0;
    for (const BarRow& r : rows_)
        widest = std::max(widest, label.horizontalAdvance(r.label));
    g.label_w = std::min(widest + 4, width() * 0.36);
    const double top = m + title.height() + 6 + small.height() + 10;
    const double bottom = height() - m - small.height() * 2 - 8;
    const double left = m + g.label_w + 10;
    g.plot = QRectF(left, top, std::max(10.0, width() - m - small.averageCharWidth() * 3 - left),
                    std::max(10.0, bottom - top));
    g.row_h = rows_.empty() ? g.plot.height() : g.plot.height() / double(rows_.size());
    const int max_ticks = std::max(2, int(g.plot.width() / (90 * s)));
    const double want = axis_max();
    g.step = measure_ == BarMeasure::Elapsed ? time_tick_step(0, want, max_ticks)
                                             : tick_step(0, want, max_ticks);
    g.top = std::max(want, g.step);
    return g;
}

double BarsView::to_x(const Geometry& g, double value) const {
    return g.plot.left() + g.plot.width() * std::clamp(value / g.top, 0.0, 1.0);
}

QString BarsView::tick_text(double value, double step) const {
    if (measure_ == BarMeasure::Elapsed) return QString::fromStdString(tick_label(value, step));
    return QString::number(value, 'g', 4) + "×";
}

QString one_line(const QString& text, const QFontMetricsF& metrics, double width) {
    if (metrics.horizontalAdvance(text) <= width) return text;
    const qsizetype aside = text.lastIndexOf(" (");
    if (aside > 0 && text.endsWith(')') && metrics.horizontalAdvance(text.left(aside)) <= width)
        return text.left(aside);
    return metrics.elidedText(text, Qt::ElideRight, width);
}

QRectF BarsView::bar_rect(int i) const {
    return bar_rect(geometry(), i);
}

QRectF BarsView::bar_rect(const Geometry& g, int i) const {
    if (i < 0 || i >= int(rows_.size())) return {};
    const BarRow& r = rows_[std::size_t(i)];
    const double s = g.scale;
    const double h = std::min(g.row_h * 0.64, 48 * s);
    const double cy = g.plot.top() + g.row_h * (i + 0.5);
    double end = to_x(g, r.look == BarRow::Look::Outline ? r.outline : r.value);
    if (r.look == BarRow::Look::Empty) {  // as wide as its text, wrapped to two lines if need be
        const QFontMetricsF fm(readable_font(1.1 * s, true));
        const double room = width() - 8 * s - g.plot.left();
        const double text = fm.horizontalAdvance(r.text) + 14;
        end = g.plot.left() + std::min(text, room);
        if (text > room) {
            const double tall = std::min(g.row_h * 0.94, fm.height() * 2 + 8);
            return {g.plot.left(), cy - tall / 2, end - g.plot.left(), tall};
        }
    }
    return {g.plot.left(), cy - h / 2, std::max(0.0, end - g.plot.left()), h};
}

double BarsView::ideal_x() const {
    return ideal_ > 0 ? to_x(geometry(), ideal_) : -1;
}

void BarsView::paintEvent(QPaintEvent* /*event*/) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const ChartColors colors = chart_colors(palette());
    p.fillRect(rect(), colors.background);
    const Geometry g = geometry();
    const double s = g.scale;
    const double m = 8 * s;

    // Title and, under it, what the dashed line is.
    p.setFont(readable_font(1.3 * s, true));
    p.setPen(colors.text);
    const double title_h = p.fontMetrics().height();
    p.drawText(QRectF(m, m, width() - 2 * m, title_h), Qt::AlignHCenter | Qt::AlignVCenter,
               p.fontMetrics().elidedText(title_, Qt::ElideRight, int(width() - 2 * m)));
    p.setFont(readable_font(1.0 * s));
    const QFontMetricsF small(p.font());
    if (ideal_ > 0) {
        const QString text = ideal_text_;
        const double tw = std::min(small.horizontalAdvance(text), width() - 2 * m - 40);
        const double x = (width() - tw - 40) / 2, y = m + title_h + 6;
        p.setPen(ideal_pen(colors));
        p.drawLine(QPointF(x, y + small.height() / 2), QPointF(x + 30, y + small.height() / 2));
        p.setPen(colors.text);
        p.drawText(QRectF(x + 40, y, tw + 2, small.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   small.elidedText(text, Qt::ElideRight, tw + 2));
    }

    // Grid and axis.
    for (double t : ticks(0, g.top + g.step * 1e-6, g.step)) {
        const double x = to_x(g, t);
        p.setPen(QPen(colors.grid, 1));
        p.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
        p.setPen(colors.text);
        const QString text = tick_text(t, g.step);
        const double w = small.horizontalAdvance(text);
        p.drawText(QRectF(x - w / 2 - 2, g.plot.bottom() + 4, w + 4, small.height()),
                   Qt::AlignCenter, text);
    }
    p.setPen(QPen(colors.muted, 1.5));
    p.drawLine(g.plot.bottomLeft(), g.plot.bottomRight());
    p.drawLine(g.plot.topLeft(), g.plot.bottomLeft());
    p.setPen(colors.text);
    p.setFont(readable_font(1.05 * s, true));
    p.drawText(QRectF(g.plot.left(), g.plot.bottom() + 4 + small.height(), g.plot.width(),
                      p.fontMetrics().height()),
               Qt::AlignCenter,
               measure_ == BarMeasure::Elapsed ? tr("Elapsed time") : tr("Speedup (×)"));

    // Bars: label, bar, value. Texts too long for their room wrap onto two lines.
    const QFont label_font = readable_font(1.1 * s);
    const QFont value_font = readable_font(1.1 * s, true);
    QRegion texts;  // the ideal line goes around them, never through
    for (int i = 0; i < int(rows_.size()); ++i) {
        const BarRow& r = rows_[std::size_t(i)];
        const QRectF bar = bar_rect(g, i);
        const double cy = bar.center().y();
        p.setFont(label_font);
        p.setPen(colors.text);
        p.drawText(QRectF(m, cy - g.row_h / 2, g.label_w, g.row_h),
                   Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, r.label);
        if (r.outline > 0) {
            QColor edge = r.color;
            edge.setAlpha(r.look == BarRow::Look::Outline ? 220 : 140);
            p.setPen(QPen(edge, 1.5, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRect(
                QRectF(g.plot.left(), bar.top(), to_x(g, r.outline) - g.plot.left(), bar.height()));
        }
        QColor text_color = colors.text;
        if (r.look == BarRow::Look::Filled || r.look == BarRow::Look::Growing) {
            QColor fill = r.color;
            if (r.look == BarRow::Look::Growing) fill.setAlpha(190);
            p.setPen(QPen(r.color.darker(colors.dark ? 100 : 115), 1));
            p.setBrush(fill);
            p.drawRect(bar);
            p.setBrush(Qt::NoBrush);
        } else if (r.look == BarRow::Look::Empty) {
            p.setPen(QPen(r.color, 1.5, Qt::DashLine));
            p.drawRect(bar);
            text_color = r.color;
        } else {
            text_color = colors.muted;
        }
        if (r.text.isEmpty()) continue;
        p.setFont(value_font);
        const double tw = p.fontMetrics().horizontalAdvance(r.text);
        const double after = r.look == BarRow::Look::Outline ? to_x(g, r.outline) : bar.right();
        QRectF where(after + 6, cy - g.row_h / 2, width() - m - after - 6, g.row_h);
        int align = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap;
        QString shown = r.text;
        if (r.look == BarRow::Look::Empty) {
            where = bar.adjusted(8, 0, -4, 0);
            const QFontMetricsF fm(value_font);
            if (fm.boundingRect(where, align, shown).height() > where.height() + 1) {
                // A short chart has no room for two lines (the log says the whole refusal).
                shown = one_line(shown, fm, where.width());
                align = Qt::AlignLeft | Qt::AlignVCenter;
            }
        } else if (bar.width() >= tw + 14 && r.look == BarRow::Look::Filled) {
            where = bar.adjusted(0, 0, -7, 0);
            align = Qt::AlignRight | Qt::AlignVCenter;
            text_color = text_on(r.color);
        }
        p.setPen(text_color);
        QRectF used;
        p.drawText(where, align, shown, &used);
        texts += used.toAlignedRect().adjusted(-3, -1, 3, 1);
    }

    if (ideal_ > 0) {  // over the bars, so it shows where each stands against it
        const double x = to_x(g, ideal_);
        p.setClipRegion(QRegion(rect()) - texts);
        p.setPen(ideal_pen(colors));
        p.drawLine(QPointF(x, g.plot.top() - 4), QPointF(x, g.plot.bottom()));
    }
}

}  // namespace plab::ui
