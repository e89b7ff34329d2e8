#include "exporter.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace plab::ui {

namespace {

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
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
        return fail(error, QObject::tr("There is nothing to export yet: run an experiment first."));
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
