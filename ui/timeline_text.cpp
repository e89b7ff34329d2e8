#include "timeline_text.h"

#include <QObject>

#include "axis_ticks.h"
#include "timeline_panel.h"
#include "utilisation.h"

namespace plab::ui {

QString lane_label(const RunRecord& run, const Lane& lane) {
    // Short enough for the lane's label column; the pid is in the bar's tooltip.
    if (lane.worker < 0) return QObject::tr("serial part (parent)");
    if (lane.host >= 0) {  // an MPI rank, on the host its run's `host` line named
        const auto at = static_cast<std::size_t>(lane.host);
        const QString host = at < run.hosts.size() && !run.hosts[at].name.empty()
                                 ? QString::fromStdString(run.hosts[at].name)
                                 : QObject::tr("host %1").arg(lane.host);
        return QObject::tr("%1 · rank %2").arg(host).arg(lane.worker);
    }
    if (own_counterpart(run.spec.strategy) == Strategy::Serial) {
        return QObject::tr("serial loop · pid %1").arg(lane.pid);
    }
    const QString kind =
        uses_processes(run.spec.strategy) ? QObject::tr("worker %1") : QObject::tr("thread %1");
    return kind.arg(lane.worker) + QObject::tr(" · pid %1").arg(lane.pid);
}

QString block_title(const RunRecord& run, double live_s) {
    QString title = run_title(run);
    if (run.refused() || run.details_dropped) return title;
    // What went wrong first: a long title is cut at its end.
    if (run.crashed_tasks > 0) title += QObject::tr(" · %1 crashed").arg(run.crashed_tasks);
    const int failed = run.failed_tasks - run.crashed_tasks;
    if (failed > 0) title += QObject::tr(" · %1 failed").arg(failed);
    if (run.cancelled_tasks > 0) title += QObject::tr(" · %1 cancelled").arg(run.cancelled_tasks);
    if (run.ended() && run.end->cancelled) title += QObject::tr(" · run cancelled");
    const double elapsed = run.ended() ? run.end->elapsed_s : live_s;
    if (!run.bars.empty() && elapsed > 0) {
        title += QObject::tr(" · utilisation %1%").arg(utilisation(run, elapsed) * 100, 0, 'f', 0);
    }
    return title;
}

QString bar_tooltip(const RunRecord& run, int bar, double live_s) {
    const TaskBar& b = run.bars[static_cast<std::size_t>(bar)];
    const Lane& lane = run.lanes[static_cast<std::size_t>(b.lane)];
    QString text =
        (b.task < 0 ? QObject::tr("Serial part: the parent alone, before the pool "
                                  "· run %2\n%3\nStart %4 · ")
                    : QObject::tr("Task %1 (x = %1) · run %2\n%3\nStart %4 · ").arg(b.task))
            .arg(run.number)
            .arg(b.task < 0 ? lane_label(run, lane) + QObject::tr(" · pid %1").arg(lane.pid)
                            : lane_label(run, lane))
            .arg(QString::fromStdString(format_duration(b.start_s)));
    if (!b.finished) {
        return text + QObject::tr("running for %1")
                          .arg(QString::fromStdString(format_duration(live_s - b.start_s)));
    }
    text += QObject::tr("duration %1\n")
                .arg(QString::fromStdString(format_duration(b.end_s - b.start_s)));
    const QString what = QString::fromStdString(run.texts[static_cast<std::size_t>(bar)]);
    switch (b.state) {
        case TaskState::Ok:
            return text + QObject::tr("Result %1").arg(what);
        case TaskState::Cancelled:
            return text + QObject::tr("Cancelled with the run (not a failure)");
        case TaskState::Crashed:
            return text + QObject::tr("Crashed: %1").arg(what);
        default:
            return text + QObject::tr("Error: %1").arg(what);
    }
}

}  // namespace plab::ui
