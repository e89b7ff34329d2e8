#include "timeline_panel.h"

#include <QHBoxLayout>
#include <QScrollBar>
#include <QVBoxLayout>
#include <algorithm>

#include "axis_ticks.h"
#include "chart_style.h"
#include "experiment/trace.h"

namespace plab::ui {

QString workers_text(int workers) {
    return workers == 1 ? QObject::tr("1 worker") : QObject::tr("%1 workers").arg(workers);
}

QString run_title(const RunRecord& run) {
    QString title =
        QString::fromStdString(trace_title(run.number, run.spec, run.chunksize, run.id.repeat));
    if (run.ended() && !run.refused()) {
        title += " · " + QString::fromStdString(format_duration(run.end->elapsed_s));
    }
    return title;
}

TimelinePanel::TimelinePanel(QWidget* parent)
    : QWidget(parent),
      timeline_(new TimelineWidget),
      axis_bar_(new TimelineAxisBar(timeline_)),
      scroll_(new QScrollArea),
      title_(new QLabel),
      key_(new TimelineKey),
      fit_(new QPushButton),
      follow_(new QPushButton) {
    title_->setWordWrap(true);
    title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    fit_->setText(tr("Fit one run"));
    fit_->setCheckable(true);
    fit_->setToolTip(
        tr("Show only the run chosen in the run list, fitted to the width; uncheck to see "
           "every run on one time scale (also: F key)"));
    auto* zoom_in = new QPushButton(tr("Zoom in"));
    auto* zoom_out = new QPushButton(tr("Zoom out"));
    follow_->setText(tr("Follow live"));
    follow_->setEnabled(false);
    zoom_in->setToolTip(tr("Show less time in more detail (also: mouse wheel, + key)"));
    zoom_out->setToolTip(tr("Show more time (also: mouse wheel, - key)"));
    follow_->setToolTip(
        tr("Show the whole time again and follow the runs as they grow "
           "(also: double-click, 0 key)"));
    connect(fit_, &QPushButton::toggled, this, &TimelinePanel::set_fit_one_run);
    connect(timeline_, &TimelineWidget::fit_changed, this, [this](bool fit) {
        fit_->setChecked(fit);
        update_title();
    });
    connect(zoom_in, &QPushButton::clicked, timeline_, [this] { timeline_->zoom_by(1.5); });
    connect(zoom_out, &QPushButton::clicked, timeline_, [this] { timeline_->zoom_by(1 / 1.5); });
    connect(follow_, &QPushButton::clicked, timeline_, &TimelineWidget::reset_view);
    connect(timeline_, &TimelineWidget::following_changed, follow_,
            [this](bool following) { follow_->setEnabled(!following); });

    auto* bar = new QHBoxLayout;
    bar->addWidget(title_, 1);
    bar->addWidget(fit_);
    bar->addWidget(zoom_in);
    bar->addWidget(zoom_out);
    bar->addWidget(follow_);

    scroll_->setWidget(timeline_);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    QScrollBar* vertical = scroll_->verticalScrollBar();
    connect(vertical, &QScrollBar::rangeChanged, this, &TimelinePanel::bring_run_into_view);
    // The user takes the view over: a scroll (actionTriggered comes from the user only: wheel,
    // drag, arrows; never from ensureVisible) or a run's lanes shown or hidden by a click.
    connect(vertical, &QScrollBar::actionTriggered, this, [this] { keep_run_in_view_ = false; });
    connect(timeline_, &TimelineWidget::expanded_changed, this,
            [this] { keep_run_in_view_ = false; });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(axis_bar_);
    layout->setSpacing(0);
    layout->addWidget(scroll_, 1);
    layout->addSpacing(4);
    layout->addWidget(key_);
    set_text_scale(1.0);
}

void TimelinePanel::show_run(const SweepData* sweep, int run, double live_end) {
    sweep_ = sweep;
    timeline_->set_run(sweep, run);
    timeline_->set_live_end(live_end);
    update_title();
    // The newest or the chosen run comes into view, and stays there as its block grows (a new
    // run's block is its header alone until its tasks give it lanes), until the user scrolls.
    if (run != shown_) keep_run_in_view_ = true;
    shown_ = run;
    bring_run_into_view();
}

void TimelinePanel::bring_run_into_view() {
    if (!keep_run_in_view_ || timeline_->fit_one_run()) return;
    const QRectF block = timeline_->block_rect(shown_);
    if (block.isEmpty()) return;
    // The scroll range follows the timeline's height only once the layout has run; rangeChanged
    // calls this again then.
    scroll_->ensureVisible(0, static_cast<int>(block.bottom()), 0, 4);
    scroll_->ensureVisible(0, static_cast<int>(block.top()), 0, 4);
}

void TimelinePanel::set_fit_one_run(bool fit) {
    timeline_->set_fit_one_run(fit);
    fit_->setChecked(fit);
    update_title();
}

void TimelinePanel::set_text_scale(double factor) {
    timeline_->set_text_scale(factor);
    key_->set_text_scale(timeline_->text_scale());
    title_->setFont(readable_font(1.15 * timeline_->text_scale(), true));
    axis_bar_->updateGeometry();
    update_title();
}

void TimelinePanel::update_title() {
    std::vector<Strategy> strategies;  // the key lists the strategies shown, and their looks
    KeyMarks marks;
    for (int number : timeline_->shown_runs()) {
        const RunRecord& run = *sweep_->run(number);
        if (std::find(strategies.begin(), strategies.end(), run.spec.strategy) == strategies.end())
            strategies.push_back(run.spec.strategy);
        marks.running = marks.running || !run.open.empty();
        marks.failed = marks.failed || run.failed_tasks > run.crashed_tasks;
        marks.crashed = marks.crashed || run.crashed_tasks > 0;
        marks.cancelled = marks.cancelled || run.cancelled_tasks > 0;
    }
    key_->set_strategies(strategies);
    key_->set_marks(marks);
    const RunRecord* record = sweep_ ? sweep_->run(timeline_->run_number()) : nullptr;
    if (timeline_->fit_one_run()) {
        title_->setText(record ? tr("Run %1 fitted to the width").arg(record->number)
                               : tr("Task timeline"));
        return;
    }
    const std::size_t runs = sweep_ ? sweep_->runs().size() : 0;
    title_->setText(runs == 0   ? tr("Task timeline")
                    : runs == 1 ? tr("Task timeline · 1 run")
                                : tr("%1 runs on one time scale").arg(runs));
}

}  // namespace plab::ui
