// The log: one line per finished run, errors in red.
#pragma once

#include <QPlainTextEdit>

#include "sweep_data.h"

namespace plab::ui {

/// A read-only text pane. Lines are appended, never rewritten; at most kMaxLines are kept.
class LogView : public QPlainTextEdit {
    Q_OBJECT
  public:
    static constexpr int kMaxLines = 5000;
    static constexpr int kErrorsPerRun = 5;  ///< failed tasks listed per run, then "and N more"

    explicit LogView(QWidget* parent = nullptr);

    /// Adds the lines for an ended run: its figures, or its refusal, and its failed tasks.
    void add_run(const RunRecord& run);

    /// Adds one line; error lines are red.
    void add_line(const QString& text, bool error);

    /// Every line so far, as plain text (for tests).
    QString text() const { return toPlainText(); }
};

}  // namespace plab::ui
