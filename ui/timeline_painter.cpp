#include "timeline_painter.h"

#include <QFontMetricsF>
#include <QObject>
#include <algorithm>
#include <cmath>

#include "axis_ticks.h"
#include "chart_style.h"
#include "timeline_text.h"
#include "utilisation.h"

namespace plab::ui {

namespace {

constexpr double kMergeBelowPx = 3.0;  // narrower bars merge per pixel column
constexpr double kPad = 6.0;

// Column flags for merged bars, by how much each should show through.
constexpr std::uint8_t kDone = 1, kCancelled = 2, kRunning = 4, kFailed = 8;

std::uint8_t flag_of(const TaskBar& b) {
    switch (b.state) {
        case TaskState::Running:
            return kRunning;
        case TaskState::Ok:
            return kDone;
        case TaskState::Cancelled:
            return kCancelled;
        case TaskState::Failed:
        case TaskState::Crashed:
            return kFailed;
    }
    return kDone;
}

double bar_end(const TaskBar& bar, double live_s) {
    return bar.finished ? bar.end_s : std::max(bar.start_s, live_s);
}

void fill_bar(QPainter& p, const QRectF& r, const TaskBar& b, const QColor& color,
              const TimelineColors& c) {
    if (b.state == TaskState::Cancelled) {
        p.fillRect(r, c.background);
        p.fillRect(r, QBrush(c.cancelled, Qt::BDiagPattern));
        p.setPen(QPen(c.cancelled, 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
        p.setPen(Qt::NoPen);
        return;
    }
    const QColor fill = b.state == TaskState::Running ? color.lighter(150)
                        : b.state == TaskState::Ok    ? color
                                                      : error_color();
    p.fillRect(r, fill.darker(130));
    if (r.width() > 3) p.fillRect(r.adjusted(1, 1, -1, -1), fill);
    if (b.state == TaskState::Running) {  // a running bar is open at its growing end
        p.fillRect(QRectF(r.right() - 2, r.top(), 2, r.height()), fill.darker(150));
    }
}

void paint_crash(QPainter& p, const RunRecord& run, const TaskBar& b, int index, const QRectF& r,
                 const BlockPaint& how) {
    // A red disc with a white cross, centred where the worker died, and the cause beside it.
    const double radius = std::max(5.0, std::min(r.height() / 2 + 1, 10.0));
    const QPointF at(r.right(), r.center().y());
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(how.colors.background, 1.5));
    p.setBrush(error_color());
    p.drawEllipse(at, radius, radius);
    const double s = radius * 0.45;
    p.setPen(QPen(Qt::white, 2.2, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(at + QPointF(-s, -s), at + QPointF(s, s));
    p.drawLine(at + QPointF(-s, s), at + QPointF(s, -s));
    p.setBrush(Qt::NoBrush);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QString cause =
        QString::fromStdString(crash_cause(run.texts[static_cast<std::size_t>(index)]));
    const QString text = QObject::tr("task %1 · %2").arg(b.task).arg(cause);
    p.setFont(how.bold);
    const double w = QFontMetricsF(how.bold).horizontalAdvance(text) + 6;
    const double right = how.axis->left() + how.axis->width();
    const double x =
        at.x() + radius + 3 + w <= right + 8 ? at.x() + radius + 3 : at.x() - radius - 3 - w;
    const QRectF box(x, r.top(), w, r.height());
    p.fillRect(box, how.colors.background);
    p.setPen(how.colors.text);
    p.drawText(box, Qt::AlignCenter, text);
    p.setPen(Qt::NoPen);
}

void paint_lane(QPainter& p, const RunRecord& run, int lane_index, double top, double height,
                int row, const BlockPaint& how) {
    const TimeAxis& axis = *how.axis;
    const TimelineColors& c = how.colors;
    const Lane& l = run.lanes[static_cast<std::size_t>(lane_index)];
    const double left = axis.left(), right = axis.left() + axis.width();
    const auto [alive_from, alive_to] = lane_span(run, lane_index, how.live_s);
    const double band0 = std::max(axis.to_pixel(alive_from), left);
    const double band1 = std::min(axis.to_pixel(alive_to), right);
    if (band1 > band0) {
        p.fillRect(QRectF(band0, top + 1, band1 - band0, height - 2),
                   row % 2 ? c.band_alt : c.band);
    }
    p.setPen(c.text);
    p.setFont(how.font);
    const QFontMetricsF fm(how.font);
    p.drawText(QRectF(kPad + 8, top, left - kPad * 2 - 8, height), Qt::AlignVCenter | Qt::AlignLeft,
               fm.elidedText(lane_label(run, l), Qt::ElideRight, left - kPad * 2 - 8));

    const QColor color =
        strategy_color(l.worker < 0 ? Strategy::Serial : run.spec.strategy, c.dark);
    const double bar_top = top + 3, bar_h = height - 6;
    const double t0 = axis.visible_start(), t1 = axis.visible_end();
    auto first = std::upper_bound(l.bars.begin(), l.bars.end(), t0, [&](double v, int b) {
        return v < run.bars[static_cast<std::size_t>(b)].start_s;
    });
    if (first != l.bars.begin()) --first;
    std::vector<std::uint8_t> columns(static_cast<std::size_t>(axis.width()) + 2, 0);
    std::vector<int> crashes;
    p.setPen(Qt::NoPen);
    for (auto it = first; it != l.bars.end(); ++it) {
        const TaskBar& b = run.bars[static_cast<std::size_t>(*it)];
        if (b.start_s > t1) break;
        if (b.state == TaskState::Crashed) crashes.push_back(*it);
        const double x0 = std::max(axis.to_pixel(b.start_s), left);
        const double x1 = std::min(axis.to_pixel(bar_end(b, how.live_s)), right);
        if (x1 < left) continue;
        if (x1 - x0 >= kMergeBelowPx) {
            const QRectF r(x0, bar_top, x1 - x0 - 1, bar_h);
            fill_bar(p, r, b, color, c);
            const QString number =
                b.task < 0 ? QObject::tr("serial part") : QString::number(b.task);
            if (b.state != TaskState::Cancelled && r.width() >= fm.horizontalAdvance(number) + 8 &&
                bar_h >= fm.height()) {
                p.setPen(text_on(b.state == TaskState::Ok        ? color
                                 : b.state == TaskState::Running ? color.lighter(150)
                                                                 : error_color()));
                p.drawText(r, Qt::AlignCenter, number);
                p.setPen(Qt::NoPen);
            }
        } else {
            const auto c0 = static_cast<std::size_t>(std::max(0.0, x0 - left));
            const auto c1 = static_cast<std::size_t>(std::max(0.0, x1 - left));
            for (auto col = c0; col <= c1 && col < columns.size(); ++col)
                columns[col] |= flag_of(b);
        }
    }
    for (std::size_t col = 0; col < columns.size();) {  // failures win, then running, ...
        const std::uint8_t f = columns[col];
        std::size_t e = col + 1;
        while (e < columns.size() && columns[e] == f)
            ++e;
        if (f != 0) {
            const QColor fill = f & kFailed    ? error_color()
                                : f & kRunning ? color.lighter(150)
                                : f & kDone    ? color
                                               : c.cancelled;
            p.fillRect(QRectF(left + double(col), bar_top, double(e - col), bar_h), fill);
        }
        col = e;
    }
    if (how.hovered >= 0 && run.bars[static_cast<std::size_t>(how.hovered)].lane == lane_index) {
        const QRectF r = bar_geometry(axis, run.bars[static_cast<std::size_t>(how.hovered)],
                                      how.live_s, top, height);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(c.highlight, 2));
        p.drawRect(r.adjusted(-1, -1, 1, 1));
        p.setPen(Qt::NoPen);
    }
    for (int index : crashes) {
        paint_crash(
            p, run, run.bars[static_cast<std::size_t>(index)], index,
            bar_geometry(axis, run.bars[static_cast<std::size_t>(index)], how.live_s, top, height),
            how);
    }
}

void paint_strip(QPainter& p, const RunRecord& run, const RunBlock& b, const BlockPaint& how) {
    const TimeAxis& axis = *how.axis;
    const TimelineColors& c = how.colors;
    const double top = b.strip_top + 3, h = b.strip_height - 6;
    const double left = axis.left();
    const double end = std::min(axis.visible_end(), how.live_s);
    const double start = std::max(axis.visible_start(), 0.0);
    const double x0 = std::max(axis.to_pixel(start), left);
    const double x1 = std::min(axis.to_pixel(end), left + axis.width());
    if (x1 > x0) p.fillRect(QRectF(x0, top, x1 - x0, h), c.band);
    p.setPen(c.muted);
    p.setFont(how.font);
    const double used = utilisation(run, how.live_s);
    p.drawText(QRectF(kPad + 8, top, left - kPad * 2 - 8, h), Qt::AlignVCenter | Qt::AlignLeft,
               QObject::tr("busy workers · %1%").arg(used * 100, 0, 'f', 0));
    const int columns = static_cast<int>(x1 - x0);
    if (columns < 1) return;
    const std::vector<double> busy =
        busy_profile(run, axis.to_seconds(x0), axis.to_seconds(x1), columns, how.live_s);
    const double workers = run_workers(run);
    QPolygonF area;
    area.reserve(columns * 2 + 2);
    area << QPointF(x0, top + h);
    for (int i = 0; i < columns; ++i) {
        const double y = top + h - std::min(busy[static_cast<std::size_t>(i)] / workers, 1.0) * h;
        area << QPointF(x0 + i, y) << QPointF(x0 + i + 1, y);
    }
    area << QPointF(x1, top + h);
    p.setPen(Qt::NoPen);
    p.setBrush(strategy_color(run.spec.strategy, c.dark));
    p.drawPolygon(area);
    p.setBrush(Qt::NoBrush);
}

}  // namespace

std::pair<double, double> lane_span(const RunRecord& run, int lane, double live_s) {
    auto death = [&](const Lane& l) {
        if (l.bars.empty()) return -1.0;
        const TaskBar& last = run.bars[static_cast<std::size_t>(l.bars.back())];
        return last.state == TaskState::Crashed ? last.end_s : -1.0;
    };
    const Lane& me = run.lanes[static_cast<std::size_t>(lane)];
    double from = 0;
    for (int i = lane - 1; i >= 0; --i) {  // the worker this one replaced, if any
        const Lane& before = run.lanes[static_cast<std::size_t>(i)];
        if (before.worker != me.worker) continue;
        if (const double died = death(before); died >= 0) from = died;
        break;
    }
    const double died = death(me);
    return {from, died >= 0 ? died : std::max(live_s, from)};
}

QRectF bar_geometry(const TimeAxis& axis, const TaskBar& bar, double live_s, double top,
                    double height) {
    const double x0 = axis.to_pixel(bar.start_s);
    const double x1 = axis.to_pixel(bar_end(bar, live_s));
    return {x0, top + 3, std::max(x1 - x0, 1.0), height - 6};
}

TimelineMetrics timeline_metrics(double text_scale) {
    const double line = QFontMetricsF(readable_font(0.95 * text_scale)).height();
    TimelineMetrics m;
    m.header = std::ceil(QFontMetricsF(readable_font(1.0 * text_scale, true)).height() + 6);
    m.min_lane = std::ceil(line + 8);
    m.max_lane = std::max(m.min_lane, std::ceil(line * 2.4));
    m.strip = std::ceil(line * 1.5);
    m.message = std::ceil(line + 8);
    m.gap = std::ceil(line * 0.45);
    return m;
}

void paint_grid(QPainter& p, const TimeAxis& axis, const QColor& color, double bottom) {
    double step = 0;
    p.setPen(color);
    for (double t : axis_ticks(axis, &step)) {
        const double x = axis.to_pixel(t);
        p.drawLine(QPointF(x, 0), QPointF(x, bottom));
    }
}

std::vector<double> axis_ticks(const TimeAxis& axis, double* step) {
    *step = time_tick_step(axis.visible_start(), axis.visible_end(),
                           std::max(2, static_cast<int>(axis.width() / 110)));
    return ticks(axis.visible_start(), axis.visible_end(), *step);
}

void paint_block(QPainter& p, const RunRecord& run, const RunBlock& b, const BlockPaint& how,
                 double clip_top, double clip_bottom) {
    const TimelineColors& c = how.colors;
    if (b.bottom < clip_top || b.top > clip_bottom) return;
    const QColor color = strategy_color(run.spec.strategy, c.dark);
    if (how.selected) p.fillRect(QRectF(0, b.top, how.width, b.bottom - b.top), c.band);
    p.fillRect(QRectF(kPad, b.top + 3, 4, b.bottom - b.top - 6), color);
    p.setPen(c.text);
    p.setFont(how.bold);
    const QFontMetricsF bold(how.bold);
    p.drawText(QRectF(kPad + 8, b.top, how.width - kPad * 2 - 8, b.lanes_top - b.top),
               Qt::AlignVCenter | Qt::AlignLeft,
               bold.elidedText(
                   (b.collapsed ? QStringLiteral("▸ ") : QString()) + block_title(run, how.live_s),
                   Qt::ElideRight, how.width - kPad * 2 - 8));
    if (b.lanes == 0 && !b.collapsed) {
        QString message;
        if (run.refused()) {
            message = QObject::tr("refused, no task ran: %1")
                          .arg(QString::fromStdString(run.end->refusal));
        } else if (run.details_dropped) {
            message = QObject::tr("too many tasks to keep every bar; the tasks CSV has them all");
        } else {
            message = run.ended() ? QObject::tr("no task ran")
                                  : QObject::tr("waiting for the first task…");
        }
        p.setPen(c.muted);
        p.setFont(how.font);
        p.drawText(
            QRectF(kPad + 8, b.lanes_top, how.width - kPad * 2 - 8, b.bottom - b.lanes_top),
            Qt::AlignVCenter | Qt::AlignLeft,
            QFontMetricsF(how.font).elidedText(message, Qt::ElideRight, how.width - kPad * 2 - 8));
        return;
    }
    for (int row = 0; row < b.lanes; ++row) {
        const double top = b.lane_top(row);
        if (top + b.lane_height < clip_top || top > clip_bottom) continue;
        paint_lane(p, run, run.lane_order[static_cast<std::size_t>(row)], top, b.lane_height, row,
                   how);
    }
    if (b.strip_height > 0 && b.strip_top <= clip_bottom) paint_strip(p, run, b, how);
}

}  // namespace plab::ui
