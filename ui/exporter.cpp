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

bool export_csv(const QStringList& sources, const QString& target, QString* error) {
    if (sources.isEmpty()) {
        return fail(error, QObject::tr("There is nothing to export yet: run an experiment first."));
    }
    QByteArray all;
    for (const QString& source : sources) {
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly)) {
            return fail(error, QObject::tr("Cannot read %1: %2").arg(source, in.errorString()));
        }
        QByteArray bytes = in.readAll();
        if (!all.isEmpty()) {  // drop the header line of every file after the first
            const qsizetype nl = bytes.indexOf('\n');
            bytes = nl < 0 ? QByteArray() : bytes.mid(nl + 1);
        }
        all += bytes;
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
