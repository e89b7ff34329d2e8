#include "code_view.h"

#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QSplitter>
#include <QVBoxLayout>

#include "chart_style.h"
#include "durations_code.h"
#include "payload_controls.h"
#include "python/python_setup.h"
#include "resources_init.h"
#include "serial_part_controls.h"
#include "spec_text.h"
#include "start_controls.h"

namespace plab::ui {

QString snippet(Strategy strategy, const QString& language, const ExperimentSpec& spec) {
    init_resources();
    if (runs_python(strategy) && language == "py") {  // the very script python3 runs
        QFile script(":/python/" + QString::fromStdString(python::script_name(strategy, spec)));
        return script.open(QIODevice::ReadOnly) ? QString::fromUtf8(script.readAll()) : QString();
    }
    strategy = own_counterpart(strategy);  // C++: our pool's way of the same strategy
    QFile file(
        QString(":/snippets/%1.%2").arg(QString::fromUtf8(strategy_name(strategy)), language));
    if (spec.payload_bytes > 0) file.setFileName(payload_snippet_path(strategy, language, file));
    if (!file.open(QIODevice::ReadOnly)) return {};
    ExperimentSpec parallel = spec;  // what each task is left after the serial part
    parallel.delay_ns = parallel_delay_ns(spec);
    QString text =
        payload_snippet_text(strategy, spec, language, QString::fromUtf8(file.readAll()));
    text = with_durations(text, language, parallel);
    const double delay_s = static_cast<double>(parallel.delay_ns) / 1e9;  // (1-F) x delay
    text.replace("{{workers}}", QString::number(spec.workers));
    text.replace("{{tasks}}", QString::number(grown_for_workers(spec).tasks));
    text.replace("{{delay_s}}", QString::number(delay_s, 'g', 9));
    text.replace("{{delay_ns}}", QString::number(parallel_delay_ns(spec)));
    text.replace("{{exponent}}", QString::number(spec.exponent));
    text.replace("{{chunksize}}",
                 spec.chunksize == 0 ? QString("None") : QString::number(spec.chunksize));
    text.replace("{{cpp_chunksize}}", QString::number(spec.chunksize));
    text.replace("{{chunksize_n}}", QString::number(effective_chunksize(grown_for_workers(spec))));
    text.replace("{{ranks}}", QString::number(spec.workers + 1));  // MPI: the master + workers
    if (language == "py") text = with_serial_part(text, spec);
    if (runs_mpi(strategy)) return text;  // mpirun starts the ranks: no start method
    return language == "py" ? python_for_start(text, strategy, spec.start_method)
                            : cpp_for_start(text, spec.start_method);
}

CodeView::CodeView(QWidget* parent)
    : QWidget(parent),
      chooser_(new QComboBox),
      summary_(new QLabel),
      python_(new QPlainTextEdit),
      cpp_(new QPlainTextEdit) {
    for (Strategy s : all_strategies()) {
        chooser_->addItem(QString::fromUtf8(strategy_label(s)), static_cast<int>(s));
    }
    for (Strategy s : python_strategies())
        chooser_->addItem(QString::fromUtf8(strategy_label(s)), static_cast<int>(s));
    for (Strategy s : mpi_strategies())
        chooser_->addItem(QString::fromUtf8(strategy_label(s)), static_cast<int>(s));
    chooser_->setToolTip(tr("The strategy whose code is shown"));
    summary_->setWordWrap(true);
    summary_->setFont(readable_font(1.05));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (auto* edit : {python_, cpp_}) {
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    python_->setToolTip(tr("What this strategy is in Python (multiprocessing or pathos)"));
    cpp_->setToolTip(tr("How this program's C++ core runs the same experiment"));

    auto* py_title = new QLabel(tr("Python"));
    auto* cpp_title = new QLabel(tr("C++ (ParallelLab's core)"));
    for (auto* title : {py_title, cpp_title})
        title->setFont(readable_font(1.1, true));

    // One above the other: code lines are long, and both stay readable without scrolling sideways.
    auto pane = [](QLabel* title, QPlainTextEdit* edit) {
        auto* box = new QWidget;
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->addWidget(title);
        v->addWidget(edit, 1);
        return box;
    };
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(pane(py_title, python_));
    split->addWidget(pane(cpp_title, cpp_));
    split->setChildrenCollapsible(false);

    auto* top = new QHBoxLayout;
    top->addWidget(chooser_);
    top->addWidget(summary_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    connect(chooser_, &QComboBox::currentIndexChanged, this, &CodeView::refresh);
    refresh();
}

void CodeView::set_strategy(Strategy strategy) {
    const int index = chooser_->findData(static_cast<int>(strategy));
    if (index >= 0 && index != chooser_->currentIndex()) chooser_->setCurrentIndex(index);
}

QString CodeView::summary_tooltip(Strategy s) const {
    return chooser_->itemData(chooser_->findData(static_cast<int>(s)), Qt::ToolTipRole).toString();
}

Strategy CodeView::strategy() const {
    return static_cast<Strategy>(chooser_->currentData().toInt());
}

void CodeView::set_spec(const ExperimentSpec& spec) {
    if (spec == spec_) return;
    spec_ = spec;
    refresh();
}

void CodeView::refresh() {
    // The summaries name the closure with the experiment's exponent: power_factory(3).
    for (int i = 0; i < chooser_->count(); ++i) {
        const auto item = static_cast<Strategy>(chooser_->itemData(i).toInt());
        chooser_->setItemData(i, QString::fromStdString(strategy_summary(item, spec_.exponent)),
                              Qt::ToolTipRole);
    }
    const Strategy s = strategy();
    summary_->setText(QString::fromStdString(strategy_summary(s, spec_.exponent)));
    ExperimentSpec spec = spec_;
    spec.strategy = s;
    python_->setPlainText(snippet(s, "py", spec));
    cpp_->setPlainText(snippet(s, "cpp", spec));
}

}  // namespace plab::ui
