#include "timeline_widget.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "axis_ticks.h"
#include "chart_style.h"
#include "timeline_painter.h"
#include "timeline_text.h"

namespace plab::ui {

namespace {

constexpr double kHitSlackPx = 3.0;
constexpr int kRightMargin = 12;

}  // namespace

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(
        tr("Each bar is one task, from its start to its end, on the worker that ran it.\n"
           "Wheel: zoom time · drag: pan · double-click: follow the live run again · "
           "F: fit one run / all runs · click a run's title: show or hide its lanes"));
    update_layout();
}

const RunRecord* TimelineWidget::record(int run) const {
    return data_ ? data_->run(run) : nullptr;
}

void TimelineWidget::set_run(const SweepData* sweep, int run) {
    const bool new_data = sweep != data_;
    const bool changed = new_data || run != run_;
    data_ = sweep;
    run_ = run;
    if (changed) hovered_ = {};
    if (new_data) expanded_.clear();
    if (new_data || (changed && fit_one_)) {
        axis_.set_live_end(0);
        axis_.reset();
        set_following_state();
    }
    update_layout();
    update();
}

void TimelineWidget::set_live_end(double seconds) {
    live_end_ = seconds;
    update_layout();
    update();
}

void TimelineWidget::set_fit_one_run(bool fit) {
    if (fit == fit_one_) return;
    fit_one_ = fit;
    hovered_ = {};
    axis_.reset();
    update_layout();
    set_following_state();
    emit fit_changed(fit);
    update();
}

void TimelineWidget::set_text_scale(double factor) {
    text_scale_ = std::clamp(factor, 0.5, 4.0);
    update_layout();
    update();
}

std::vector<int> TimelineWidget::shown_runs() const {
    std::vector<int> runs;
    if (!data_) return runs;
    if (fit_one_) {
        if (data_->run(run_)) runs.push_back(run_);
        return runs;
    }
    for (const RunRecord& r : data_->runs())
        runs.push_back(r.number);
    return runs;
}

std::vector<int> TimelineWidget::collapsed_runs() const {
    if (!data_ || fit_one_) return {};
    // The room the scroll area gives (its viewport), else the widget's own height.
    const double room = parentWidget() ? parentWidget()->height() : height();
    return runs_to_collapse(*data_, shown_runs(), metrics(), room, run_, expanded_);
}

void TimelineWidget::toggle_expanded(int run) {
    const auto it = std::find(expanded_.begin(), expanded_.end(), run);
    if (it != expanded_.end()) {
        expanded_.erase(it);
    } else {
        expanded_.push_back(run);
    }
    emit expanded_changed(run);  // before the layout, whose new height the panel then sees
    update_layout();
    update();
}

double TimelineWidget::run_extent(const RunRecord& run) const {
    double extent = run.latest_s;
    if (run.ended()) return std::max(extent, run.end->elapsed_s);
    if (run.number == run_) extent = std::max(extent, live_end_);
    return extent;
}

TimelineMetrics TimelineWidget::metrics() const {
    return timeline_metrics(text_scale_);
}

void TimelineWidget::update_layout() {
    const QFontMetricsF fm(readable_font(0.95 * text_scale_));
    const double wanted = fm.horizontalAdvance(QStringLiteral("worker 10 · pid 4194304")) + 30;
    const double label = std::clamp(wanted, 90.0, std::max(90.0, width() * 0.4));
    axis_.set_pixels(label, std::max(1.0, width() - label - kRightMargin));
    const std::vector<int> runs = shown_runs();
    const TimelineMetrics m = metrics();
    double tight = 0;  // the height at the thinnest lanes: less and the view scrolls
    layout_ = {};
    if (data_) {
        const std::vector<int> collapsed = collapsed_runs();
        tight = layout_runs(*data_, runs, m, 0, 0, collapsed).height;
        layout_ = layout_runs(*data_, runs, m, 0, height(), collapsed);
    }
    const int needed = static_cast<int>(std::ceil(std::max(tight, m.min_lane * 4)));
    if (minimumHeight() != needed) setMinimumHeight(needed);
    refit_axis();
}

void TimelineWidget::refit_axis() {
    double extent = 0;
    for (const RunBlock& b : layout_.blocks) {
        if (const RunRecord* r = record(b.run)) extent = std::max(extent, run_extent(*r));
    }
    axis_.set_live_end(extent);
    emit view_changed();
}

QSize TimelineWidget::sizeHint() const {
    return {900, 360};
}
QSize TimelineWidget::minimumSizeHint() const {
    return {static_cast<int>(axis_.left()) + 200, minimumHeight()};
}

QRectF TimelineWidget::block_rect(int run) const {
    const RunBlock* b = layout_.find(run);
    if (!b) return {};
    return QRectF(0, b->top, width(), b->bottom - b->top);
}

QRectF TimelineWidget::lane_rect(int row) const {
    const RunBlock* b = layout_.find(run_);
    if (!b || row < 0 || row >= b->lanes) return {};
    return QRectF(0, b->lane_top(row), width(), b->lane_height);
}

QRectF TimelineWidget::bar_rect(int bar) const {
    return bar_rect(run_, bar);
}

QRectF TimelineWidget::bar_rect(int run, int bar) const {
    const RunRecord* r = record(run);
    const RunBlock* b = layout_.find(run);
    if (!r || !b || bar < 0 || bar >= static_cast<int>(r->bars.size())) return {};
    const TaskBar& t = r->bars[static_cast<std::size_t>(bar)];
    const auto row =
        std::find(r->lane_order.begin(), r->lane_order.end(), t.lane) - r->lane_order.begin();
    if (row >= b->lanes) return {};
    return bar_geometry(axis_, t, run_extent(*r), b->lane_top(static_cast<int>(row)),
                        b->lane_height);
}

TimelineWidget::BarRef TimelineWidget::bar_at(QPointF point) const {
    const RunBlock* b = layout_.at(point.y());
    const RunRecord* run = b ? record(b->run) : nullptr;
    if (!run || point.x() < axis_.left() || point.y() < b->lanes_top) return {};
    const int row = static_cast<int>(std::floor((point.y() - b->lanes_top) / b->lane_height));
    if (row < 0 || row >= b->lanes) return {};
    const Lane& lane =
        run->lanes[static_cast<std::size_t>(run->lane_order[static_cast<std::size_t>(row)])];
    const double live = run_extent(*run);
    const double t = axis_.to_seconds(point.x());
    const double slack = kHitSlackPx / axis_.width() * axis_.visible_span();
    // Bars of a lane do not overlap and are sorted by start: the last one starting before
    // t + slack is the only candidate, then its predecessor for the slack on the other side.
    auto it = std::upper_bound(lane.bars.begin(), lane.bars.end(), t + slack, [&](double v, int i) {
        return v < run->bars[static_cast<std::size_t>(i)].start_s;
    });
    for (int step = 0; step < 2 && it != lane.bars.begin(); ++step) {
        --it;
        const TaskBar& bar = run->bars[static_cast<std::size_t>(*it)];
        const double end = bar.finished ? bar.end_s : std::max(bar.start_s, live);
        if (t >= bar.start_s - slack && t <= end + slack) return {run->number, *it};
    }
    return {};
}

QString TimelineWidget::tooltip_at(QPointF point) const {
    const BarRef ref = bar_at(point);
    if (ref.bar < 0) return {};
    const RunRecord& run = *record(ref.run);
    return bar_tooltip(run, ref.bar, run_extent(run));
}

void TimelineWidget::paint_message(QPainter& p, const QString& text) const {
    p.setPen(colors().muted);
    p.setFont(readable_font(1.15 * text_scale_));
    p.drawText(rect().adjusted(24, 8, -24, -8), Qt::AlignCenter | Qt::TextWordWrap, text);
}

void TimelineWidget::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    const TimelineColors c = colors();
    p.fillRect(rect(), c.background);
    if (layout_.blocks.empty()) {
        paint_message(p, tr("Press Run (Ctrl+R): each task will appear as a bar on the lane of "
                            "the worker process that ran it, every run on one time scale."));
        return;
    }
    paint_grid(p, axis_, c.grid, layout_.height);
    BlockPaint how;
    how.axis = &axis_;
    how.colors = c;
    how.font = readable_font(0.95 * text_scale_);
    how.bold = readable_font(1.0 * text_scale_, true);
    how.width = width();
    const QRect clip = event->rect();
    for (const RunBlock& b : layout_.blocks) {
        const RunRecord* run = record(b.run);
        if (!run) continue;
        how.live_s = run_extent(*run);
        how.hovered = hovered_.run == b.run ? hovered_.bar : -1;
        how.selected = !fit_one_ && b.run == run_ && layout_.blocks.size() > 1;
        paint_block(p, *run, b, how, clip.top(), clip.bottom());
        if (!run->ended() && b.strip_height > 0) {  // the live edge
            const double x = axis_.to_pixel(how.live_s);
            if (x >= axis_.left() && x <= axis_.left() + axis_.width()) {
                p.setPen(QPen(c.text, 1, Qt::DashLine));
                p.drawLine(QPointF(x, b.lanes_top), QPointF(x, b.bottom));
            }
        }
    }
}

void TimelineWidget::resizeEvent(QResizeEvent*) {
    update_layout();
    if (axis_.following()) axis_.reset();
    emit view_changed();
}

bool TimelineWidget::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = tooltip_at(help->pos());
        QToolTip::showText(help->globalPos(), text.isEmpty() ? toolTip() : text, this);
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

void TimelineWidget::view_moved() {
    set_following_state();
    emit view_changed();
    update();
}

void TimelineWidget::zoom_by(double factor) {
    axis_.zoom(factor, axis_.left() + axis_.width() / 2);
    view_moved();
}

void TimelineWidget::reset_view() {
    axis_.reset();
    view_moved();
}

void TimelineWidget::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0 || (e->modifiers() & Qt::ShiftModifier)) {
        e->ignore();  // the scroll area scrolls the runs
        return;
    }
    axis_.zoom(std::pow(1.25, steps), e->position().x());
    view_moved();
    e->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent* e) {
    drag_x_ = e->position().x();
    const RunBlock* b = layout_.at(e->position().y());
    if (b && e->position().y() < b->lanes_top && e->button() == Qt::LeftButton &&
        (b->collapsed || std::find(expanded_.begin(), expanded_.end(), b->run) != expanded_.end()))
        toggle_expanded(b->run);  // a click on a run's header shows or hides its lanes
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e) {
    if (!(e->buttons() & Qt::LeftButton)) {
        const BarRef now = bar_at(e->position());
        if (!(now == hovered_)) {
            hovered_ = now;
            update();
        }
        return;
    }
    axis_.pan(e->position().x() - drag_x_);
    drag_x_ = e->position().x();
    view_moved();
}

void TimelineWidget::leaveEvent(QEvent*) {
    if (hovered_.bar >= 0) {
        hovered_ = {};
        update();
    }
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
        case Qt::Key_F:
            set_fit_one_run(!fit_one_);
            break;
        case Qt::Key_Left:
            axis_.pan(axis_.width() / 8);
            view_moved();
            break;
        case Qt::Key_Right:
            axis_.pan(-axis_.width() / 8);
            view_moved();
            break;
        default:
            QWidget::keyPressEvent(e);
    }
}

}  // namespace plab::ui
