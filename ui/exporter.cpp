#include "exporter.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <sstream>

namespace plab::ui {

namespace {

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

bool nothing_yet(QString* error) {
    return fail(error, QObject::tr("There is nothing to export yet: run an experiment first."));
}

bool write_atomically(const QString& target, const QByteArray& bytes, QString* error) {
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(error, QObject::tr("Cannot write %1: %2").arg(target, file.errorString()));
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        return fail(error, QObject::tr("Cannot write %1: %2").arg(target, file.errorString()));
    }
    return true;
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
        qsizetype at = 0;
        if (!all.isEmpty()) {  // drop the header line of every file after the first
            const qsizetype nl = bytes.indexOf('\n');
            at = nl < 0 ? bytes.size() : nl + 1;
        } else if (const qsizetype nl = bytes.indexOf('\n'); nl >= 0) {
            all += bytes.left(nl + 1);  // the header, as it is
            at = nl + 1;
        }
        while (at < bytes.size()) {
            qsizetype nl = bytes.indexOf('\n', at);
            if (nl < 0) nl = bytes.size() - 1;
            const QByteArray line = bytes.mid(at, nl - at + 1);
            const qsizetype comma = line.indexOf(',');
            bool numbered = false;
            const int run = comma > 0 ? line.left(comma).toInt(&numbered) : 0;
            if (numbered && part.run_offset != 0) {
                all += QByteArray::number(run + part.run_offset) + line.mid(comma);
            } else {
                all += line;
            }
            at = nl + 1;
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

bool export_svg(QWidget* widget, const QString& target, const QString& title, QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(widget->size());
    svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
    svg.setTitle(title);
    svg.setDescription(QObject::tr("Exported by ParallelLab"));
    {
        QPainter painter(&svg);
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    }
    return write_atomically(target, bytes, error);
}

}  // namespace plab::ui
