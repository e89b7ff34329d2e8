#include "exporter.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>
#include <sstream>

#include "experiment/atomic_file.h"

namespace plab::ui {

namespace {

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

bool nothing_yet(QString* error) {
    return fail(error, QObject::tr("There is nothing to export yet: run an experiment first."));
}

/// Writes bytes with core's plab::write_atomically (the CLI's own writer): the whole file or
/// the old one, the old file's permissions kept, a symbolic link followed.
bool write_atomically(const QString& target, const QByteArray& bytes, QString* error) {
    // "-" is standard output to core's writer; a file named "-" is meant here.
    const QString path = target == QLatin1String("-") ? QStringLiteral("./-") : target;
    try {
        plab::write_atomically(path.toStdString(), [&](std::ostream& out) {
            out.write(bytes.constData(), static_cast<std::streamsize>(bytes.size()));
        });
    } catch (const std::exception& e) {
        QString why = QString::fromStdString(e.what());  // "cannot write PATH: reason"
        if (!why.isEmpty()) why[0] = why[0].toUpper();
        return fail(error, why);
    }
    return true;
}

/// Where the CSV record that starts at from ends: just after its line break, or at the end of
/// bytes. A line break inside a quoted field (RFC 4180) belongs to the record.
qsizetype record_end(const QByteArray& bytes, qsizetype from) {
    bool quoted = false;
    for (qsizetype i = from; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '"') {
            quoted = !quoted;  // a doubled quote inside a field toggles twice
        } else if (c == '\n' && !quoted) {
            return i + 1;
        }
    }
    return bytes.size();
}

}  // namespace

bool export_csv(const std::vector<CsvPart>& parts, const QString& target, QString* error) {
    if (parts.empty()) {
        return nothing_yet(error);
    }
    QByteArray all;
    for (const CsvPart& part : parts) {
        QFile in(part.path);
        if (!in.open(QIODevice::ReadOnly)) {
            return fail(error, QObject::tr("Cannot read %1: %2").arg(part.path, in.errorString()));
        }
        const QByteArray bytes = in.readAll();
        // The first file's header record is kept as it is; every later file's is dropped.
        qsizetype at = record_end(bytes, 0);
        if (all.isEmpty()) all += bytes.left(at);
        while (at < bytes.size()) {
            const qsizetype end = record_end(bytes, at);
            const QByteArray record = bytes.mid(at, end - at);
            const qsizetype comma = record.indexOf(',');
            bool numbered = false;
            const int run = comma > 0 ? record.left(comma).toInt(&numbered) : 0;
            if (numbered && part.run_offset != 0) {
                all += QByteArray::number(run + part.run_offset) + record.mid(comma);
            } else {
                all += record;
            }
            at = end;
        }
    }
    return write_atomically(target, all, error);
}

std::vector<TraceRun> trace_of(const SweepData& data) {
    std::vector<TraceRun> runs;
    runs.reserve(data.runs().size());
    for (const RunRecord& r : data.runs()) {
        TraceRun run;
        run.number = r.number;
        run.title = trace_title(r.number, r.spec, r.chunksize, r.id.repeat);
        if (r.details_dropped) run.title += " (tasks not kept: too many to hold)";
        run.tasks.reserve(r.bars.size());
        for (std::size_t i = 0; i < r.bars.size(); ++i) {
            const TaskBar& bar = r.bars[i];
            if (!bar.finished) continue;
            const Lane& lane = r.lanes[static_cast<std::size_t>(bar.lane)];
            if (bar.task < 0) {  // the parent's serial part: its own track
                run.serial_part = TraceTask{-1,
                                            -1,
                                            lane.pid,
                                            bar.start_s,
                                            bar.end_s,
                                            bar.ok,
                                            i < r.texts.size() ? r.texts[i] : std::string()};
                continue;
            }
            run.tasks.push_back(TraceTask{bar.task, lane.worker, lane.pid, bar.start_s, bar.end_s,
                                          bar.ok, i < r.texts.size() ? r.texts[i] : std::string()});
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

bool export_trace_json(const SweepData& data, const QString& target, QString* error) {
    if (data.runs().empty()) {
        return nothing_yet(error);
    }
    std::ostringstream out;
    write_trace_json(out, trace_of(data));
    return write_atomically(target, QByteArray::fromStdString(out.str()), error);
}

bool export_png(QWidget* widget, const QString& target, QString* error) {
    const QImage image = widget->grab().toImage();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image)) {
        return fail(error, QObject::tr("Cannot make the PNG image: %1").arg(writer.errorString()));
    }
    return write_atomically(target, bytes, error);
}

QString without_mnemonics(const QString& label) {
    QString out;
    out.reserve(label.size());
    for (qsizetype i = 0; i < label.size(); ++i) {
        if (label[i] == u'&' && i + 1 < label.size()) ++i;  // "&&" is one '&'; "&x" is 'x'
        out += label[i];
    }
    return out;
}

bool export_svg(QWidget* widget, const QString& target, const QString& title, QString* error) {
    // QSvgGenerator (Qt 6.4) writes its title and description as they are, unescaped: "&" or
    // "<" in them makes the file invalid XML. It is given placeholders, replaced below by the
    // escaped texts, which holds whether or not a later Qt escapes them itself.
    static constexpr char kTitle[] = "PLAB-SVG-TITLE", kDescription[] = "PLAB-SVG-DESCRIPTION";
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(widget->size());
    svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
    svg.setTitle(QString::fromLatin1(kTitle));
    svg.setDescription(QString::fromLatin1(kDescription));
    {
        QPainter painter(&svg);
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    }
    bytes.replace(kTitle, without_mnemonics(title).toHtmlEscaped().toUtf8());
    bytes.replace(kDescription, QObject::tr("Exported by ParallelLab").toHtmlEscaped().toUtf8());
    return write_atomically(target, bytes, error);
}

}  // namespace plab::ui
