#include "completion_model.h"

#include "chart_style.h"

namespace plab::ui {

const RunRecord* CompletionModel::record() const {
    return data_ ? data_->run(run_) : nullptr;
}

void CompletionModel::set_run(const SweepData* data, int run) {
    if (data == data_ && run == run_) {
        sync();
        return;
    }
    beginResetModel();
    data_ = data;
    run_ = run;
    const RunRecord* r = record();
    rows_ = r ? static_cast<int>(r->completion.size()) : 0;
    endResetModel();
}

void CompletionModel::sync() {
    const RunRecord* r = record();
    const int now = r ? static_cast<int>(r->completion.size()) : 0;
    if (now > rows_) {
        beginInsertRows({}, rows_, now - 1);
        rows_ = now;
        endInsertRows();
    } else if (now < rows_) {  // the run's details were dropped
        beginResetModel();
        rows_ = now;
        endResetModel();
    }
}

int CompletionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows_;
}

QVariant CompletionModel::data(const QModelIndex& index, int role) const {
    const RunRecord* r = record();
    if (!r || !index.isValid() || index.row() >= static_cast<int>(r->completion.size())) {
        return {};
    }
    const auto bar = static_cast<std::size_t>(r->completion[static_cast<std::size_t>(index.row())]);
    const TaskBar& b = r->bars[bar];
    if (role == Qt::ForegroundRole) return b.ok ? QVariant() : QVariant(error_color());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const Lane& lane = r->lanes[static_cast<std::size_t>(b.lane)];
    const QString what = QString::fromStdString(r->texts[bar]);
    return tr("%1.  task %2 → %3   (worker %4, pid %5)")
        .arg(index.row() + 1)
        .arg(b.task)
        .arg(b.ok ? what : tr("error: %1").arg(what))
        .arg(lane.worker)
        .arg(lane.pid);
}

}  // namespace plab::ui
