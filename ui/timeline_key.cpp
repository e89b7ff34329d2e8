#include "timeline_key.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

#include "chart_style.h"
#include "timeline_colors.h"

namespace plab::ui {

namespace {

enum class Swatch { Strategy, Running, Failed, Crashed, Cancelled, Busy };

struct Item {
    Swatch kind;
    QColor color;
    QString label;
};

void paint_swatch(QPainter& p, const QRectF& r, const Item& item, const TimelineColors& c) {
    switch (item.kind) {
        case Swatch::Cancelled:
            p.fillRect(r, QBrush(c.cancelled, Qt::BDiagPattern));
            p.setPen(QPen(c.cancelled, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
            return;
        case Swatch::Crashed: {  // as the timeline draws it: a red disc with a white cross
            const QPointF m = r.center();
            const double radius = r.height() / 2 + 1, s = radius * 0.45;
            p.setPen(Qt::NoPen);
            p.setBrush(error_color());
            p.drawEllipse(m, radius, radius);
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(m + QPointF(-s, -s), m + QPointF(s, s));
            p.drawLine(m + QPointF(-s, s), m + QPointF(s, -s));
            return;
        }
        case Swatch::Busy: {
            QPolygonF area;
            area << r.bottomLeft() << QPointF(r.left(), r.center().y())
                 << QPointF(r.center().x(), r.center().y()) << QPointF(r.center().x(), r.top())
                 << r.topRight() << r.bottomRight();
            p.setPen(Qt::NoPen);
            p.setBrush(item.color);
            p.drawPolygon(area);
            p.setBrush(Qt::NoBrush);
            return;
        }
        default:
            p.fillRect(r, item.color);
    }
}

}  // namespace

TimelineKey::TimelineKey(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void TimelineKey::set_strategies(const std::vector<Strategy>& strategies) {
    if (strategies == strategies_) return;
    strategies_ = strategies;
    updateGeometry();
    update();
}

void TimelineKey::set_marks(const KeyMarks& marks) {
    if (marks == marks_) return;
    marks_ = marks;
    updateGeometry();
    update();
}

void TimelineKey::set_text_scale(double factor) {
    scale_ = std::clamp(factor, 0.5, 4.0);
    updateGeometry();
    update();
}

static std::vector<Item> key_items(const std::vector<Strategy>& strategies, const KeyMarks& marks,
                                   bool dark) {
    std::vector<Item> items;
    items.reserve(strategies.size() + 5);
    for (Strategy s : strategies) {
        items.push_back({Swatch::Strategy, strategy_color(s, dark),
                         QString::fromUtf8(strategy_label(s).data(),
                                           static_cast<int>(strategy_label(s).size()))});
    }
    // Running and busy swatches in a pool's colour when one is shown (serial's grey is faint).
    const auto pool = std::find_if(strategies.begin(), strategies.end(),
                                   [](Strategy s) { return s != Strategy::Serial; });
    const QColor first = strategy_color(pool != strategies.end() ? *pool : Strategy::Serial, dark);
    if (marks.running)
        items.push_back({Swatch::Running, first.lighter(150), QObject::tr("running")});
    if (marks.failed) items.push_back({Swatch::Failed, error_color(), QObject::tr("failed")});
    if (marks.crashed)
        items.push_back({Swatch::Crashed, error_color(), QObject::tr("worker died")});
    if (marks.cancelled) items.push_back({Swatch::Cancelled, QColor(), QObject::tr("cancelled")});
    items.push_back({Swatch::Busy, first, QObject::tr("busy workers")});
    return items;
}

QStringList TimelineKey::labels() const {
    QStringList out;
    for (const Item& item : key_items(strategies_, marks_, timeline_colors(palette()).dark))
        out << item.label;
    return out;
}

int TimelineKey::flow(int width, QPainter* p) const {
    const QFont font = readable_font(0.95 * scale_);
    const QFontMetricsF fm(font);
    const double line = fm.height() + 6, box = fm.height() * 0.8, gap = fm.height() * 0.9;
    const TimelineColors c = timeline_colors(palette());
    double x = 4, y = 2;
    if (p) p->setFont(font);
    for (const Item& item : key_items(strategies_, marks_, timeline_colors(palette()).dark)) {
        const double w = box + 6 + fm.horizontalAdvance(item.label);
        if (x > 4 && x + w > width - 4) {
            x = 4;
            y += line;
        }
        if (p) {
            paint_swatch(*p, QRectF(x, y + (line - box) / 2, box, box), item, c);
            p->setPen(palette().color(QPalette::WindowText));
            p->drawText(QRectF(x + box + 6, y, w - box - 6 + 2, line), Qt::AlignVCenter,
                        item.label);
        }
        x += w + gap;
    }
    return static_cast<int>(std::ceil(y + line + 2));
}

int TimelineKey::heightForWidth(int width) const {
    return flow(width, nullptr);
}

QSize TimelineKey::sizeHint() const {
    return {600, flow(600, nullptr)};
}

QSize TimelineKey::minimumSizeHint() const {
    return {100, flow(std::max(width(), 100), nullptr)};
}

void TimelineKey::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    flow(width(), &p);
}

}  // namespace plab::ui
