#include "chart_legend.h"

#include <QPaintEvent>
#include <QPainter>
#include <cmath>
#include <numbers>

namespace plab::ui {

namespace {

constexpr int kSample = 30;   // width of the line sample
constexpr int kGap = 6;       // between sample and name
constexpr int kSpacing = 18;  // between entries
constexpr int kMargin = 4;

QPainterPath polygon(QPointF c, double r, int corners, double start, double inner = 0) {
    QPainterPath path;
    const int n = inner > 0 ? 2 * corners : corners;
    for (int i = 0; i < n; ++i) {
        const double radius = inner > 0 && i % 2 ? inner : r;
        const double a = start + 2 * std::numbers::pi * i / n;
        const QPointF p(c.x() + radius * std::cos(a), c.y() + radius * std::sin(a));
        if (i == 0) {
            path.moveTo(p);
        } else {
            path.lineTo(p);
        }
    }
    path.closeSubpath();
    return path;
}

}  // namespace

QPainterPath marker_path(MarkerShape shape, QPointF c, double size) {
    const double r = size / 2;
    const double up = -std::numbers::pi / 2;
    QPainterPath path;
    switch (shape) {
        case MarkerShape::Circle:
            path.addEllipse(c, r, r);
            return path;
        case MarkerShape::Square:
            path.addRect(QRectF(c.x() - r * 0.85, c.y() - r * 0.85, r * 1.7, r * 1.7));
            return path;
        case MarkerShape::Triangle:
            return polygon(c + QPointF(0, r * 0.15), r * 1.1, 3, up);
        case MarkerShape::Diamond:
            return polygon(c, r * 1.1, 4, up);
        case MarkerShape::Pentagon:
            return polygon(c, r, 5, up);
        case MarkerShape::Star:
            return polygon(c, r * 1.15, 5, up, r * 0.5);
    }
    return path;
}

ChartLegend::ChartLegend(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ChartLegend::set_entries(std::vector<LegendEntry> entries) {
    if (entries == entries_) return;
    entries_ = std::move(entries);
    updateGeometry();
    update();
}

void ChartLegend::set_text_scale(double factor) {
    scale_ = factor > 0 ? factor : 1.0;
    updateGeometry();
    update();
}

QFont ChartLegend::font_for_text() const {
    return readable_font(1.05 * scale_);
}

std::vector<QRect> ChartLegend::layout_rows(int width) const {
    const QFontMetrics fm(font_for_text());
    const int h = std::max(fm.height(), 16);
    std::vector<QRect> rects;
    int x = kMargin, y = kMargin;
    for (const LegendEntry& e : entries_) {
        // A little slack: the painter's metrics may round wider than these.
        const int text = fm.horizontalAdvance(e.name) * 21 / 20 + 4;
        const int w = std::min(kSample + kGap + text, width - 2 * kMargin);
        if (x > kMargin && x + w > width - kMargin) {
            x = kMargin;
            y += h + 4;
        }
        rects.emplace_back(x, y, w, h);
        x += w + kSpacing;
    }
    return rects;
}

QRect ChartLegend::entry_rect(int i) const {
    const auto rects = layout_rows(width());
    return i >= 0 && i < int(rects.size()) ? rects[std::size_t(i)] : QRect();
}

int ChartLegend::heightForWidth(int width) const {
    const auto rects = layout_rows(width);
    return rects.empty() ? 0 : rects.back().bottom() + 1 + kMargin;
}

QSize ChartLegend::sizeHint() const {
    const int w = std::max(width(), 200);
    return {w, heightForWidth(w)};
}

QSize ChartLegend::minimumSizeHint() const {
    return {100, heightForWidth(std::max(width(), 100))};
}

void ChartLegend::paintEvent(QPaintEvent* /*event*/) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const ChartColors colors = chart_colors(palette());
    p.fillRect(rect(), colors.background);
    p.setFont(font_for_text());
    const auto rects = layout_rows(width());
    for (std::size_t i = 0; i < rects.size(); ++i) {
        const LegendEntry& e = entries_[i];
        const QRect r = rects[i];
        const double cy = r.center().y() + 0.5;
        if (e.line.style() != Qt::NoPen) {
            QPen pen = e.line;
            pen.setCosmetic(true);
            pen.setCapStyle(Qt::FlatCap);
            p.setPen(pen);
            p.drawLine(QPointF(r.left(), cy), QPointF(r.left() + kSample, cy));
        }
        if (e.shape) {
            p.setPen(QPen(colors.background, 1.2));
            p.setBrush(e.marker);
            p.drawPath(marker_path(*e.shape, QPointF(r.left() + kSample / 2.0, cy), 11 * scale_));
            p.setBrush(Qt::NoBrush);
        }
        p.setPen(colors.text);
        const QRect text(r.left() + kSample + kGap, r.top(), r.width() - kSample - kGap,
                         r.height());
        p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(e.name, Qt::ElideRight, text.width()));
    }
}

}  // namespace plab::ui
