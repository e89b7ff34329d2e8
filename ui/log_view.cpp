#include "log_view.h"

#include <QTime>

#include "axis_ticks.h"
#include "chart_style.h"
#include "timeline_panel.h"

namespace plab::ui {

LogView::LogView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setMaximumBlockCount(kMaxLines);
    setPlaceholderText(
        tr("One line per run appears here: how long it took and its speedup. "
           "Errors are red."));
}

void LogView::add_line(const QString& text, bool error) {
    const QString stamp = QTime::currentTime().toString("HH:mm:ss");
    QString html = "<span style='color:#777'>" + stamp + "</span>&nbsp; ";
    if (error) {
        html +=
            "<span style='color:" + error_color().name() + "'>" + text.toHtmlEscaped() + "</span>";
    } else {
        html += text.toHtmlEscaped();
    }
    appendHtml(html);
}

void LogView::add_run(const RunRecord& run) {
    if (!run.ended()) return;
    const RunEnd& end = *run.end;
    QString head =
        tr("Run %1 · %2").arg(run.number).arg(QString::fromUtf8(strategy_label(run.spec.strategy)));
    if (run.spec.strategy != Strategy::Serial) head += " · " + workers_text(run.spec.workers);
    if (!end.refusal.empty()) {
        add_line(head + tr(": refused: %1").arg(QString::fromStdString(end.refusal)), true);
        return;
    }
    QString line = head + tr(": %1").arg(QString::fromStdString(format_duration(end.elapsed_s)));
    if (run.spec.strategy != Strategy::Serial) {
        line += tr(", speedup %1× (efficiency %2%)")
                    .arg(end.speedup, 0, 'f', 2)
                    .arg(end.efficiency * 100, 0, 'f', 0);
    }
    if (end.cancelled) line += tr(" (cancelled)");
    if (end.failed > 0) {
        line += end.failed == 1 ? tr(", 1 task failed") : tr(", %1 tasks failed").arg(end.failed);
    }
    add_line(line, end.failed > 0);

    int listed = 0;
    for (std::size_t i = 0; i < run.bars.size(); ++i) {
        const TaskBar& b = run.bars[i];
        if (!b.finished || b.ok) continue;
        if (listed++ == kErrorsPerRun) break;
        add_line(tr("    task %1: %2").arg(b.task).arg(QString::fromStdString(run.texts[i])), true);
    }
    if (end.failed > kErrorsPerRun) {
        add_line(tr("    … and %1 more failed tasks (see the tasks CSV)")
                     .arg(end.failed - kErrorsPerRun),
                 true);
    }
}

}  // namespace plab::ui
