#include "timeline_panel.h"

#include <QHBoxLayout>
#include <QScrollArea>
#include <QVBoxLayout>

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
      title_(new QLabel),
      hint_(new QLabel),
      follow_(new QPushButton) {
    title_->setFont(readable_font(1.15, true));
    title_->setText(tr("Task timeline"));

    auto* zoom_in = new QPushButton(tr("Zoom in"));
    auto* zoom_out = new QPushButton(tr("Zoom out"));
    follow_->setText(tr("Follow live"));
    follow_->setEnabled(false);
    zoom_in->setToolTip(tr("Show less time in more detail (also: mouse wheel, + key)"));
    zoom_out->setToolTip(tr("Show more time (also: mouse wheel, - key)"));
    follow_->setToolTip(
        tr("Show the whole run again and follow it as it grows "
           "(also: double-click, 0 key)"));
    connect(zoom_in, &QPushButton::clicked, timeline_, [this] { timeline_->zoom_by(1.5); });
    connect(zoom_out, &QPushButton::clicked, timeline_, [this] { timeline_->zoom_by(1 / 1.5); });
    connect(follow_, &QPushButton::clicked, timeline_, &TimelineWidget::reset_view);
    connect(timeline_, &TimelineWidget::following_changed, follow_,
            [this](bool following) { follow_->setEnabled(!following); });

    hint_->setTextFormat(Qt::RichText);

    auto* bar = new QHBoxLayout;
    bar->addWidget(title_, 1);
    bar->addWidget(zoom_in);
    bar->addWidget(zoom_out);
    bar->addWidget(follow_);

    auto* scroll = new QScrollArea;
    scroll->setWidget(timeline_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(scroll, 1);
    layout->addWidget(hint_);
    show_key(Strategy::Map);
}

void TimelinePanel::show_run(const SweepData* sweep, int run, double live_end) {
    timeline_->set_run(sweep, run);
    const RunRecord* record = sweep ? sweep->run(run) : nullptr;
    title_->setText(record ? run_title(*record) : tr("Task timeline"));
    if (record) show_key(record->spec.strategy);
    timeline_->set_live_end(live_end);
}

}  // namespace plab::ui

namespace plab::ui {

void TimelinePanel::show_key(Strategy strategy) {
    if (strategy == key_strategy_ && !hint_->text().isEmpty()) return;
    key_strategy_ = strategy;
    const QColor done = strategy_color(strategy);
    auto swatch = [](const QColor& c, const QString& what) {
        return QString("<span style='color:%1; font-size:large'>&#9632;</span> %2")
            .arg(c.name(), what);
    };
    hint_->setText("<span style='color:#444'>" + swatch(done, tr("finished")) + " &nbsp; " +
                   swatch(done.lighter(160), tr("running")) + " &nbsp; " +
                   swatch(error_color(), tr("failed")) + " &nbsp; " +
                   swatch(QColor(0xea, 0xea, 0xea), tr("idle")) + " &nbsp;·&nbsp; " +
                   tr("hover a bar for its task · wheel zooms · drag pans") + "</span>");
}

}  // namespace plab::ui
