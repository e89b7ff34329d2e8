// The results tab: tasks as they finish, then the ordered list as Python prints it.
#pragma once

#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QWidget>

#include "completion_model.h"

namespace plab::ui {

/// Shows one run's results. The ordered list is written once the run ends (at most
/// kShownItems items on screen; Copy puts all of them on the clipboard).
class ResultsView : public QWidget {
    Q_OBJECT
  public:
    static constexpr std::size_t kShownItems = 500;

    explicit ResultsView(QWidget* parent = nullptr);

    /// Shows run number run of data; cheap when nothing changed.
    void show_run(const SweepData* sweep, int run);

    /// The ordered list in full ("[0, 1, 4]"), empty before the run ended or when refused.
    /// Built on demand: O(tasks).
    QString ordered_text() const;
    CompletionModel* completion() const { return model_; }
    QPlainTextEdit* ordered_view() const { return ordered_view_; }

    /// Puts the ordered list (all of it) on the clipboard.
    void copy_ordered() const;

  private:
    CompletionModel* model_;
    QListView* list_;
    QLabel* list_title_;
    QPlainTextEdit* ordered_view_;
    QPushButton* copy_;
    const SweepData* shown_data_ = nullptr;
    int shown_run_ = -1;
    bool shown_ended_ = false;
};

}  // namespace plab::ui
