// The results tab: tasks as they finish, then the ordered list as Python prints it.
#pragma once

#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QWidget>
#include <cstdint>

#include "completion_model.h"

namespace plab::ui {

/// Shows one run's results. The ordered list is written once the run ends (at most
/// kShownItems items on screen; Copy puts all of them on the clipboard).
class ResultsView : public QWidget {
    Q_OBJECT
  public:
    static constexpr std::size_t kShownItems = 500;

    explicit ResultsView(QWidget* parent = nullptr);

    /// Shows run number run of sweep (null or a run that does not exist: nothing). Cheap when
    /// nothing changed: the ordered list is rewritten only when the run, its end or the
    /// sweep's runs_revision() changed, or its details were dropped. A new experiment in the
    /// same SweepData (clear()) always counts as a change, whatever tab was shown meanwhile.
    void show_run(const SweepData* sweep, int run);

    /// The ordered list in full ("[0, 1, 4]"), empty before the run ended or when refused.
    /// Built on demand: O(tasks).
    QString ordered_text() const;
    CompletionModel* completion() const { return model_; }
    QPushButton* copy_button() const { return copy_; }
    QPlainTextEdit* ordered_view() const { return ordered_view_; }

    /// Puts the ordered list (all of it) on the clipboard.
    void copy_ordered() const;

  private:
    CompletionModel* model_;
    QListView* list_;
    QLabel* list_title_;
    QPlainTextEdit* ordered_view_;
    QPushButton* copy_;
    /// What the ordered list was written from: while all of it stays the same, so does the
    /// list. runs_revision() moves with every run's start and end and with clear(), so an
    /// experiment that repeats the run number and its ended state still differs.
    struct Shown {
        const SweepData* data = nullptr;
        int run = -1;
        std::uint64_t runs_revision = 0;
        bool ended = false;
        bool dropped = false;
        bool operator==(const Shown&) const = default;
    };
    Shown shown_;
};

}  // namespace plab::ui
