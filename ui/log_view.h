// The log: one line per finished run; what went wrong in red, the lesson in blue.
#pragma once

#include <QPlainTextEdit>

#include "sweep_data.h"
#include "window_palette.h"

namespace plab::ui {

/// A read-only text pane. Lines are appended, never rewritten; at most kMaxLines are kept.
/// Each line's colour is chosen for the log's palette (readable, 4.5:1, on its background in a
/// light and in a dark palette), and chosen again for every line when the palette changes.
class LogView : public QPlainTextEdit {
    Q_OBJECT
  public:
    static constexpr int kMaxLines = 5000;
    static constexpr int kErrorsPerRun = 5;  ///< failed tasks listed per run, then "and N more"

    explicit LogView(QWidget* parent = nullptr);

    /// Adds the lines for an ended run (run_lines): its figures, or its refusal, and its failed
    /// tasks. Nothing for a run that has not ended.
    void add_run(const RunRecord& run);

    /// Adds one line in tone's colour, after a muted time stamp.
    void add_line(const QString& text, Tone tone);
    /// Adds one line; error lines are red (the controller's messages come this way).
    void add_line(const QString& text, bool error);

    /// Every line so far, as plain text (for tests).
    QString text() const { return toPlainText(); }

  protected:
    /// A log showing its last line keeps showing it when it gets smaller or larger.
    void resizeEvent(QResizeEvent* event) override;
    /// A new palette (a dark desktop switched on while the window is open) recolours every line.
    void changeEvent(QEvent* event) override;

  private:
    /// Gives each line's stamp and text their tone's colour on the palette's Base.
    void recolour();
};

}  // namespace plab::ui
