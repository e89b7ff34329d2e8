#include "results_view.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QVBoxLayout>

#include "chart_style.h"

namespace plab::ui {

ResultsView::ResultsView(QWidget* parent)
    : QWidget(parent),
      model_(new CompletionModel(this)),
      list_(new QListView),
      list_title_(new QLabel),
      ordered_view_(new QPlainTextEdit),
      copy_(new QPushButton(tr("Copy the list"))) {
    list_->setModel(model_);
    list_->setUniformItemSizes(true);
    list_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    list_->setToolTip(
        tr("Each task as it finished: with several workers the order changes from "
           "run to run, which is why Pool.map puts the results back in order."));
    list_title_->setFont(readable_font(1.1, true));
    list_title_->setText(tr("Completion order"));

    auto* ordered_title = new QLabel(tr("Results in input order, as Python prints them"));
    ordered_title->setFont(readable_font(1.1, true));
    ordered_view_->setReadOnly(true);
    ordered_view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    ordered_view_->setMaximumHeight(110);
    ordered_view_->setPlaceholderText(tr("The list appears here when the run ends."));
    ordered_view_->setToolTip(
        tr("print(results): what the article's programs print. "
           "Select and copy, or use the button."));
    copy_->setEnabled(false);
    copy_->setToolTip(tr("Copy the whole list to the clipboard"));
    connect(copy_, &QPushButton::clicked, this, &ResultsView::copy_ordered);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(list_title_);
    layout->addWidget(list_, 1);
    layout->addWidget(ordered_title);
    layout->addWidget(ordered_view_);
    layout->addWidget(copy_, 0, Qt::AlignLeft);
}

void ResultsView::show_run(const SweepData* sweep, int run) {
    model_->set_run(sweep, run);
    const RunRecord* r = sweep ? sweep->run(run) : nullptr;
    list_title_->setText(r ? tr("Completion order · run %1 · %2 of %3 tasks finished")
                                 .arg(r->number)
                                 .arg(r->finished_tasks)
                                 .arg(r->spec.tasks)
                           : tr("Completion order"));
    const bool ended = r && r->ended();
    const Shown now{sweep, run, sweep ? sweep->runs_revision() : 0, ended, r && r->details_dropped};
    if (now == shown_) return;
    shown_ = now;
    // The completion rows are read from the data when painted: another experiment with as
    // many rows as the last one inserts none, so repaint what is on screen.
    list_->viewport()->update();
    QString text;
    if (ended && r->refused()) {
        text = tr("Refused: %1").arg(QString::fromStdString(r->end->refusal));
    } else if (ended && r->details_dropped) {
        text = tr("Too many tasks to keep in memory: see the tasks CSV.");
    } else if (ended) {
        text = QString::fromStdString(ordered_results(*r, kShownItems)) +
               (static_cast<std::size_t>(r->spec.tasks) > kShownItems
                    ? tr("\n(%1 results: the first %2 shown; Copy takes all of them)")
                          .arg(r->spec.tasks)
                          .arg(kShownItems)
                    : QString());
    }
    // Another run starting does not change an ended run's list: keep the reader's selection.
    if (text != ordered_view_->toPlainText()) ordered_view_->setPlainText(text);
    copy_->setEnabled(ended && !r->refused() && !r->details_dropped);
}

QString ResultsView::ordered_text() const {
    const RunRecord* r = shown_.data ? shown_.data->run(shown_.run) : nullptr;
    if (!r || !r->ended() || r->refused() || r->details_dropped) return {};
    return QString::fromStdString(ordered_results(*r, static_cast<std::size_t>(-1)));
}

void ResultsView::copy_ordered() const {
    QApplication::clipboard()->setText(ordered_text());
}

}  // namespace plab::ui
