// Writing what the window shows to files, atomically (QSaveFile): either the whole file
// appears or the old one stays.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

namespace plab::ui {

/// Copies the engine's CSV files to target: one file as it is; several (one per sweep of an
/// experiment) joined, keeping the first header line only. The CSV text itself is the
/// engine's, never rewritten. False with *error set (naming the path) when a source cannot be
/// read or target cannot be written; target is then untouched.
bool export_csv(const QStringList& sources, const QString& target, QString* error);

/// Saves what widget shows as a PNG image. False with *error set when target cannot be written.
bool export_png(QWidget* widget, const QString& target, QString* error);

/// Saves widget as an SVG drawing (vector lines and text) titled title. False with *error set
/// when target cannot be written.
bool export_svg(QWidget* widget, const QString& target, const QString& title, QString* error);

}  // namespace plab::ui
