#include "log_view.h"

#include <QScrollBar>
#include <QTime>

#include "run_summary.h"

namespace plab::ui {

LogView::LogView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setMaximumBlockCount(kMaxLines);
    setPlaceholderText(
        tr("One line per run appears here: how long it took and its speedup. What the "
           "experiment is built to show is blue; what went wrong is red."));
}

void LogView::add_line(const QString& text, Tone tone) {
    const QColor background = palette().color(QPalette::Base);
    const QString stamp = QTime::currentTime().toString("HH:mm:ss");
    QString html = "<span style='color:" + tone_color(Tone::Muted, background).name() + "'>" +
                   stamp + "</span>&nbsp; ";
    html += "<span style='color:" + tone_color(tone, background).name() +
            (tone == Tone::Error ? ";font-weight:600" : "") + "'>" +
            text.toHtmlEscaped().replace("  ", "&nbsp;&nbsp;") + "</span>";
    appendHtml(html);
}

void LogView::add_line(const QString& text, bool error) {
    add_line(text, error ? Tone::Error : Tone::Plain);
}

void LogView::resizeEvent(QResizeEvent* event) {
    QScrollBar* bar = verticalScrollBar();
    const bool at_end = bar->value() == bar->maximum();
    QPlainTextEdit::resizeEvent(event);
    if (at_end) bar->setValue(bar->maximum());
}

void LogView::add_run(const RunRecord& run) {
    for (const Outcome& line : run_lines(run, kErrorsPerRun))
        add_line(line.text, line.tone);
}

}  // namespace plab::ui
