// The code tab: for a strategy, the Python it corresponds to and the C++ call into core.
#pragma once

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QWidget>

#include "experiment/spec.h"

namespace plab::ui {

/// The snippet text for strategy in language "py" or "cpp" from the resources
/// (:/snippets/<name>.<language>) with {{workers}}, {{tasks}}, {{delay_s}}, {{exponent}} and
/// {{chunksize}} filled from spec. Empty when there is no such snippet.
QString snippet(Strategy strategy, const QString& language, const ExperimentSpec& spec);

/// A strategy chooser above the two snippets, side by side.
class CodeView : public QWidget {
    Q_OBJECT
  public:
    explicit CodeView(QWidget* parent = nullptr);

    /// Shows strategy (the chooser follows).
    void set_strategy(Strategy strategy);
    Strategy strategy() const;

    /// The numbers the snippets and summaries show (workers, tasks, delay, exponent...).
    void set_spec(const ExperimentSpec& spec);

    /// What the chosen strategy does, the closure named with the experiment's exponent.
    QString summary_text() const { return summary_->text(); }
    /// The chooser's tooltip for strategy s.
    QString summary_tooltip(Strategy s) const;
    QString python_text() const { return python_->toPlainText(); }
    QString cpp_text() const { return cpp_->toPlainText(); }

  private:
    void refresh();

    QComboBox* chooser_;
    QLabel* summary_;
    QPlainTextEdit* python_;
    QPlainTextEdit* cpp_;
    ExperimentSpec spec_;
};

}  // namespace plab::ui
