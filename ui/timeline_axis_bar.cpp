#include "timeline_axis_bar.h"

#include <QFontMetricsF>
#include <QPainter>

#include "axis_ticks.h"
#include "chart_style.h"
#include "timeline_painter.h"

namespace plab::ui {

TimelineAxisBar::TimelineAxisBar(TimelineWidget* timeline, QWidget* parent)
    : QWidget(parent), timeline_(timeline) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(timeline_, &TimelineWidget::view_changed, this, [this] {
        updateGeometry();
        update();
    });
}

QSize TimelineAxisBar::sizeHint() const {
    const double h = QFontMetricsF(readable_font(0.95 * timeline_->text_scale())).height();
    return {400, static_cast<int>(std::ceil(h + 12))};
}

QSize TimelineAxisBar::minimumSizeHint() const {
    return {100, sizeHint().height()};
}

void TimelineAxisBar::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const TimelineColors c = timeline_colors(timeline_->palette());
    p.fillRect(rect(), c.background);
    const TimeAxis& axis = timeline_->axis();
    const QFont font = readable_font(0.95 * timeline_->text_scale());
    p.setFont(font);
    p.setPen(c.muted);
    p.drawText(
        QRectF(12, 0, axis.left() - 18, height()), Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(font).elidedText(tr("time in each run"), Qt::ElideRight, axis.left() - 18));
    double step = 0;
    const double right = axis.left() + axis.width() + 10;
    for (double t : axis_ticks(axis, &step)) {
        const double x = axis.to_pixel(t);
        const QString label = QString::fromStdString(tick_label(t, step));
        const double w = QFontMetricsF(font).horizontalAdvance(label) + 6;
        double left = x - w / 2;
        left = std::clamp(left, axis.left() - 4, right - w);
        p.setPen(c.grid);
        p.drawLine(QPointF(x, height() - 5), QPointF(x, height()));
        p.setPen(c.text);
        p.drawText(QRectF(left, 0, w, height() - 4), Qt::AlignCenter, label);
    }
    p.setPen(c.grid);
    p.drawLine(QPointF(0, height() - 0.5), QPointF(width(), height() - 0.5));
}

}  // namespace plab::ui
