// The tasks of one run in the order they finished, as a list model.
#pragma once

#include <QAbstractListModel>

#include "sweep_data.h"

namespace plab::ui {

/// Rows are RunRecord::completion of one run: "task 3 → 9 · worker 1 (pid 4242)". sync()
/// inserts the rows that arrived since the last call in one step, so a 100,000-task run costs
/// one insert per update, not one per task. The SweepData must outlive the model or be unset.
class CompletionModel : public QAbstractListModel {
    Q_OBJECT
  public:
    using QAbstractListModel::QAbstractListModel;

    /// Shows run number run of data (resets the model when it is another run).
    void set_run(const SweepData* data, int run);
    /// Catches up with the rows that arrived since the last call.
    void sync();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  private:
    const RunRecord* record() const;

    const SweepData* data_ = nullptr;
    int run_ = 0;
    int rows_ = 0;
};

}  // namespace plab::ui
