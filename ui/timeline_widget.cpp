#include "timeline_widget.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "axis_ticks.h"
#include "chart_style.h"

namespace plab::ui {

namespace {

constexpr double kMergeBelowPx = 3.0;  // narrower bars merge per pixel column
constexpr double kHitSlackPx = 3.0;
constexpr int kRightMargin = 12;

// Column flags for merged bars.
constexpr std::uint8_t kDone = 1, kFailed = 2, kRunning = 4;

QString lane_label(const RunRecord& run, const Lane& lane) {
    const char* kind = run.spec.strategy == Strategy::Serial      ? "serial"
                       : run.spec.strategy == Strategy::ThreadMap ? "thread"
                                                                  : "worker";
    if (run.spec.strategy == Strategy::Serial) {
        return QString("%1 · pid %2").arg(kind).arg(lane.pid);
    }
    return QString("%1 %2 · pid %3").arg(kind).arg(lane.worker).arg(lane.pid);
}

}  // namespace

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(
        tr("Each bar is one task, from its start to its end, on the worker that ran it.\n"
           "Wheel: zoom time · drag: pan · double-click: follow the live run again"));
    update_layout();
}

void TimelineWidget::set_run(const SweepData* sweep, int run) {
    const bool changed = sweep != data_ || run != run_;
    data_ = sweep;
    run_ = run;
    if (changed) {
        axis_.set_live_end(0);
        axis_.reset();
        set_following_state();
    }
    update_layout();
    update();
}

void TimelineWidget::set_live_end(double seconds) {
    axis_.set_live_end(seconds);
    update();
}

const RunRecord* TimelineWidget::record() const {
    return data_ ? data_->run(run_) : nullptr;
}

void TimelineWidget::update_layout() {
    axis_.set_pixels(kLabelWidth, std::max(1, width() - kLabelWidth - kRightMargin));
    const RunRecord* run = record();
    const int lanes = run ? static_cast<int>(run->lane_order.size()) : 0;
    setMinimumHeight(kAxisHeight + std::max(lanes, 3) * kMinLaneHeight + 8);
}

QSize TimelineWidget::sizeHint() const {
    return {900, 360};
}
QSize TimelineWidget::minimumSizeHint() const {
    return {kLabelWidth + 200, minimumHeight()};
}

double TimelineWidget::lane_height() const {
    const RunRecord* run = record();
    const int lanes = run ? std::max<int>(1, static_cast<int>(run->lane_order.size())) : 1;
    const double room = (height() - kAxisHeight - 8.0) / lanes;
    return std::clamp(room, double(kMinLaneHeight), double(kMaxLaneHeight));
}

double TimelineWidget::bar_end(const TaskBar& bar) const {
    return bar.finished ? bar.end_s : std::max(bar.start_s, axis_.live_end());
}

QRectF TimelineWidget::lane_rect(int row) const {
    const RunRecord* run = record();
    if (!run || row < 0 || row >= static_cast<int>(run->lane_order.size())) return {};
    const double h = lane_height();
    return QRectF(0, kAxisHeight + row * h, width(), h);
}

QRectF TimelineWidget::bar_rect(int bar) const {
    const RunRecord* run = record();
    if (!run || bar < 0 || bar >= static_cast<int>(run->bars.size())) return {};
    const TaskBar& b = run->bars[static_cast<std::size_t>(bar)];
    const auto row =
        std::find(run->lane_order.begin(), run->lane_order.end(), b.lane) - run->lane_order.begin();
    const QRectF lane = lane_rect(static_cast<int>(row));
    const double x0 = axis_.to_pixel(b.start_s);
    const double x1 = axis_.to_pixel(bar_end(b));
    return QRectF(x0, lane.top() + 3, std::max(x1 - x0, 1.0), lane.height() - 6);
}

int TimelineWidget::bar_at(QPointF point) const {
    const RunRecord* run = record();
    if (!run || point.x() < kLabelWidth) return -1;
    const double h = lane_height();
    const int row = static_cast<int>(std::floor((point.y() - kAxisHeight) / h));
    if (row < 0 || row >= static_cast<int>(run->lane_order.size())) return -1;
    const Lane& lane =
        run->lanes[static_cast<std::size_t>(run->lane_order[static_cast<std::size_t>(row)])];
    const double t = axis_.to_seconds(point.x());
    const double slack = kHitSlackPx / axis_.width() * axis_.visible_span();
    // Bars of a lane do not overlap and are sorted by start: the last one starting before
    // t + slack is the only candidate, then its predecessor for the slack on the other side.
    auto it = std::upper_bound(lane.bars.begin(), lane.bars.end(), t + slack, [&](double v, int b) {
        return v < run->bars[static_cast<std::size_t>(b)].start_s;
    });
    for (int step = 0; step < 2 && it != lane.bars.begin(); ++step) {
        --it;
        const TaskBar& b = run->bars[static_cast<std::size_t>(*it)];
        if (t >= b.start_s - slack && t <= bar_end(b) + slack) return *it;
    }
    return -1;
}

QString TimelineWidget::tooltip_at(QPointF point) const {
    const int index = bar_at(point);
    if (index < 0) return {};
    const RunRecord& run = *record();
    const TaskBar& b = run.bars[static_cast<std::size_t>(index)];
    const Lane& lane = run.lanes[static_cast<std::size_t>(b.lane)];
    QString text = tr("Task %1 (x = %1)\nWorker %2 · pid %3\nStart %4 · ")
                       .arg(b.task)
                       .arg(lane.worker)
                       .arg(lane.pid)
                       .arg(QString::fromStdString(format_duration(b.start_s)));
    if (!b.finished) {
        return text +
               tr("running for %1")
                   .arg(QString::fromStdString(format_duration(axis_.live_end() - b.start_s)));
    }
    text += tr("duration %1\n").arg(QString::fromStdString(format_duration(b.end_s - b.start_s)));
    const QString what = QString::fromStdString(run.texts[static_cast<std::size_t>(index)]);
    return text + (b.ok ? tr("Result %1").arg(what) : tr("Error: %1").arg(what));
}

void TimelineWidget::paint_message(QPainter& p, const QString& text, const QColor& color) const {
    p.setPen(color);
    p.setFont(readable_font(1.15));
    p.drawText(rect().adjusted(24, kAxisHeight, -24, -8), Qt::AlignCenter | Qt::TextWordWrap, text);
}

void TimelineWidget::paint_axis(QPainter& p, const QRect& area) const {
    const double step = tick_step(axis_.visible_start(), axis_.visible_end(),
                                  std::max(2, static_cast<int>(axis_.width() / 110)));
    p.setFont(readable_font(0.95));
    for (double t : ticks(axis_.visible_start(), axis_.visible_end(), step)) {
        const double x = axis_.to_pixel(t);
        p.setPen(QColor(0xd0, 0xd0, 0xd0));
        p.drawLine(QPointF(x, kAxisHeight - 4), QPointF(x, area.bottom()));
        p.setPen(Qt::black);
        p.drawText(QRectF(x - 60, 2, 120, kAxisHeight - 8), Qt::AlignCenter,
                   QString::fromStdString(tick_label(t, step)));
    }
}

void TimelineWidget::paint_lane(QPainter& p, const RunRecord& run, int row) const {
    const QRectF lane = lane_rect(row);
    const Lane& l =
        run.lanes[static_cast<std::size_t>(run.lane_order[static_cast<std::size_t>(row)])];
    p.fillRect(QRectF(kLabelWidth, lane.top() + 1, axis_.width(), lane.height() - 2),
               row % 2 ? QColor(0xf2, 0xf2, 0xf2) : QColor(0xea, 0xea, 0xea));
    p.setPen(Qt::black);
    p.setFont(readable_font(0.95));
    p.drawText(QRectF(6, lane.top(), kLabelWidth - 12, lane.height()),
               Qt::AlignVCenter | Qt::AlignLeft, lane_label(run, l));

    const QColor color = strategy_color(run.spec.strategy);
    const QColor running = color.lighter(160);
    const double left = axis_.left(), right = axis_.left() + axis_.width();
    const double top = lane.top() + 3, height = lane.height() - 6;
    const double t0 = axis_.visible_start(), t1 = axis_.visible_end();

    auto first = std::upper_bound(l.bars.begin(), l.bars.end(), t0, [&](double v, int b) {
        return v < run.bars[static_cast<std::size_t>(b)].start_s;
    });
    if (first != l.bars.begin()) --first;
    std::vector<std::uint8_t> columns(static_cast<std::size_t>(axis_.width()) + 2, 0);
    p.setPen(Qt::NoPen);
    for (auto it = first; it != l.bars.end(); ++it) {
        const TaskBar& b = run.bars[static_cast<std::size_t>(*it)];
        if (b.start_s > t1) break;
        const double x0 = std::max(axis_.to_pixel(b.start_s), left);
        const double x1 = std::min(axis_.to_pixel(bar_end(b)), right);
        if (x1 < left) continue;
        const std::uint8_t flag = !b.finished ? kRunning : b.ok ? kDone : kFailed;
        const QColor fill = flag == kRunning ? running : flag == kDone ? color : error_color();
        if (x1 - x0 >= kMergeBelowPx) {
            p.fillRect(QRectF(x0, top, x1 - x0 - 1, height), fill.darker(130));
            p.fillRect(QRectF(x0 + 1, top + 1, x1 - x0 - 3, height - 2), fill);
        } else {
            const auto c0 = static_cast<std::size_t>(std::max(0.0, x0 - left));
            const auto c1 = static_cast<std::size_t>(std::max(0.0, x1 - left));
            for (auto c = c0; c <= c1 && c < columns.size(); ++c)
                columns[c] |= flag;
        }
    }
    // Merged columns: failures win over running, running over done.
    for (std::size_t c = 0; c < columns.size();) {
        const std::uint8_t f = columns[c];
        std::size_t e = c + 1;
        while (e < columns.size() && columns[e] == f)
            ++e;
        if (f != 0) {
            const QColor fill = f & kFailed ? error_color() : f & kRunning ? running : color;
            p.fillRect(QRectF(left + double(c), top, double(e - c), height), fill);
        }
        c = e;
    }
}

void TimelineWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const RunRecord* run = record();
    if (!run) {
        paint_message(p,
                      tr("Press Run (Ctrl+R): each task will appear as a bar on the lane of "
                         "the worker process that ran it."),
                      Qt::darkGray);
        return;
    }
    if (run->refused()) {
        paint_message(p,
                      tr("Run %1 was refused, no task ran:\n%2")
                          .arg(run->number)
                          .arg(QString::fromStdString(run->end->refusal)),
                      error_color());
        return;
    }
    if (run->details_dropped) {
        paint_message(p,
                      tr("Run %1 had too many tasks to keep every bar in memory; "
                         "the tasks CSV export has them all.")
                          .arg(run->number),
                      Qt::darkGray);
        return;
    }
    if (run->lane_order.empty()) {
        paint_message(p, tr("Run %1: waiting for the first task…").arg(run->number), Qt::darkGray);
        return;
    }
    const double bottom = lane_rect(static_cast<int>(run->lane_order.size()) - 1).bottom();
    paint_axis(p, QRect(0, 0, width(), static_cast<int>(bottom)));
    for (int row = 0; row < static_cast<int>(run->lane_order.size()); ++row)
        paint_lane(p, *run, row);
    if (!run->ended()) {
        const double x = axis_.to_pixel(axis_.live_end());
        if (x >= axis_.left() && x <= axis_.left() + axis_.width()) {
            p.setPen(QPen(QColor(0x33, 0x33, 0x33), 1, Qt::DashLine));
            p.drawLine(QPointF(x, kAxisHeight - 2), QPointF(x, bottom));
        }
    }
}

void TimelineWidget::resizeEvent(QResizeEvent*) {
    axis_.set_pixels(kLabelWidth, std::max(1, width() - kLabelWidth - kRightMargin));
    if (axis_.following()) axis_.reset();
}

bool TimelineWidget::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = tooltip_at(help->pos());
        if (text.isEmpty()) {
            QToolTip::showText(help->globalPos(), toolTip(), this);
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(e);
}

void TimelineWidget::set_following_state() {
    if (axis_.following() != was_following_) {
        was_following_ = axis_.following();
        emit following_changed(was_following_);
    }
}

void TimelineWidget::zoom_by(double factor) {
    axis_.zoom(factor, axis_.left() + axis_.width() / 2);
    set_following_state();
    update();
}

void TimelineWidget::reset_view() {
    axis_.reset();
    set_following_state();
    update();
}

void TimelineWidget::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0) return;
    axis_.zoom(std::pow(1.25, steps), e->position().x());
    set_following_state();
    update();
    e->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent* e) {
    drag_x_ = e->position().x();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e) {
    if (!(e->buttons() & Qt::LeftButton)) return;
    axis_.pan(e->position().x() - drag_x_);
    drag_x_ = e->position().x();
    set_following_state();
    update();
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent*) {
    reset_view();
}

void TimelineWidget::keyPressEvent(QKeyEvent* e) {
    switch (e->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoom_by(1.5);
            break;
        case Qt::Key_Minus:
            zoom_by(1 / 1.5);
            break;
        case Qt::Key_0:
        case Qt::Key_Home:
            reset_view();
            break;
        case Qt::Key_Left:
            axis_.pan(axis_.width() / 8);
            set_following_state();
            update();
            break;
        case Qt::Key_Right:
            axis_.pan(-axis_.width() / 8);
            set_following_state();
            update();
            break;
        default:
            QWidget::keyPressEvent(e);
    }
}

}  // namespace plab::ui
