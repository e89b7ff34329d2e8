#include "log_view.h"

#include <QEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
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
    document()->lastBlock().setUserState(static_cast<int>(tone));  // what recolour() reads
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

void LogView::changeEvent(QEvent* event) {
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) recolour();
}

void LogView::recolour() {
    const QColor background = palette().color(QPalette::Base);
    struct Span {
        int from, to;
        QColor color;
    };
    std::vector<Span> spans;  // found first, changed after: a change may merge fragments
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        if (block.userState() < 0) continue;  // not a line of add_line
        const Tone tone = static_cast<Tone>(block.userState());
        bool stamp = true;  // each line: its stamp, a space, its text
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (!f.charFormat().hasProperty(QTextFormat::ForegroundBrush)) continue;
            spans.push_back({f.position(), f.position() + f.length(),
                             tone_color(stamp ? Tone::Muted : tone, background)});
            stamp = false;
        }
    }
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    for (const Span& s : spans) {
        cursor.setPosition(s.from);
        cursor.setPosition(s.to, QTextCursor::KeepAnchor);
        QTextCharFormat color;
        color.setForeground(s.color);
        cursor.mergeCharFormat(color);
    }
    cursor.endEditBlock();
}

void LogView::add_run(const RunRecord& run) {
    for (const Outcome& line : run_lines(run, kErrorsPerRun))
        add_line(line.text, line.tone);
}

}  // namespace plab::ui
