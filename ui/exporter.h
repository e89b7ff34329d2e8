// Writing what the window shows to files, atomically with core's writer (the CLI's): either the
// whole file appears or the old one stays, with its permissions; a symbolic link is followed.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

#include "experiment/trace.h"
#include "sweep_data.h"

namespace plab::ui {

/// One engine CSV file of an experiment's sweeps, and what to add to its run numbers: the
/// engine numbers each sweep's runs from 1, the window numbers all of them as one sequence.
struct CsvPart {
    QString path;
    int run_offset = 0;
};

/// Copies the engine's CSV files to target: one file as it is; several (one per sweep of an
/// experiment) joined, keeping the first header line only, with each row's run number (its
/// first field) raised by its part's run_offset, so that the runs keep the window's numbers.
/// Nothing else of the engine's text is rewritten. Rows are RFC 4180 records: a line break
/// inside a quoted field (an error text, a result) stays in its row. False with *error set
/// (naming the path) when a source cannot be read or target cannot be written; target is then
/// untouched. A target that is a FIFO is written directly and waited on, as the CLI does.
bool export_csv(const std::vector<CsvPart>& parts, const QString& target, QString* error);

/// The runs the window holds as a trace (plab::write_trace_json): numbered and titled as the
/// window shows them, one track per worker process. A run whose bars were dropped to bound
/// memory (SweepData::kMaxStoredBars) has its title and no tasks.
std::vector<TraceRun> trace_of(const SweepData& data);
/// Writes trace_of(data) to target; false with *error set (naming the path) when nothing ran
/// yet or target cannot be written; target is then untouched.
bool export_trace_json(const SweepData& data, const QString& target, QString* error);

/// Saves what widget shows as a PNG image. False with *error set when target cannot be written.
bool export_png(QWidget* widget, const QString& target, QString* error);

/// label as plain text: the shortcut marks of a tab or button text dropped ("&Run" is "Run",
/// "Speedup && efficiency" is "Speedup & efficiency"). A lone '&' at the end stays.
QString without_mnemonics(const QString& label);

/// Saves widget as an SVG drawing (vector lines and text), valid XML, titled title as a tab or
/// button shows it (without_mnemonics: pass "&&" for one '&'; any text is escaped). False with
/// *error set when target cannot be written.
bool export_svg(QWidget* widget, const QString& target, const QString& title, QString* error);

}  // namespace plab::ui
