#include "controls_panel.h"

#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <cmath>

#include "chart_style.h"
#include "mpi_status.h"
#include "payload_controls.h"
#include "start_controls.h"
#include "window_palette.h"

namespace plab::ui {

namespace {
/// Every strategy the form offers: ours, then the py_ ones, then the mpi_ ones.
std::vector<Strategy> form_strategies() {
    std::vector<Strategy> out = all_strategies();
    out.insert(out.end(), python_strategies().begin(), python_strategies().end());
    out.insert(out.end(), mpi_strategies().begin(), mpi_strategies().end());
    return out;
}
}  // namespace

namespace {

QString invalid_style(const QPalette& palette) {
    return QString("border: 2px solid %1; border-radius: 3px; padding: 1px;")
        .arg(tone_color(Tone::Error, palette.color(QPalette::Window)).name());
}

// Active and inactive only: a disabled widget keeps the style's grey (a disabled group).
void set_text_color(QWidget* widget, const QColor& color) {
    QPalette palette = widget->palette();
    palette.setColor(QPalette::Active, QPalette::WindowText, color);
    palette.setColor(QPalette::Inactive, QPalette::WindowText, color);
    widget->setPalette(palette);
}

std::string text_of(const QLineEdit* edit) {
    return edit->text().trimmed().toStdString();
}

/// A strategy box's tooltip in a group: "Pool.map (py_map): what it does".
QString strategy_tip(Strategy s) {
    return QString::fromUtf8(strategy_label(s)) + " (" + QString::fromUtf8(strategy_name(s)) +
           "): " + QString::fromUtf8(strategy_summary(s));
}

QString mpi_group_tip() {
    return QObject::tr(
        "Our C++ on Open MPI ranks started by mpirun: messages instead of pipes, on this "
        "machine or several");
}

}  // namespace

ControlsPanel::ControlsPanel(int cores, QWidget* parent)
    : QWidget(parent), presets_(plab::ui::presets(cores)) {
    build_form();
    set_input(presets_.front().form);
    set_mpi_problem(QString::fromStdString(mpi_problem()));  // as the engine would refuse
}

QWidget* ControlsPanel::with_error(Field f, QWidget* editor, const QString& tooltip) {
    editor->setToolTip(tooltip + "\n" + tr("Allowed: %1").arg(QString::fromStdString(allowed(f))));
    auto* error = new QLabel;
    error->setWordWrap(true);
    error->hide();
    fields_.insert(f, editor);
    errors_.insert(f, error);
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editor);
    layout->addWidget(error);
    return box;
}

void ControlsPanel::build_form() {
    auto* root = new QVBoxLayout(this);

    auto* preset_group = new QGroupBox(tr("Preset"));
    auto* preset_layout = new QVBoxLayout(preset_group);
    preset_box_ = new QComboBox;
    for (const auto& p : presets_) {
        preset_box_->addItem(QString::fromStdString(p.name));
        preset_box_->setItemData(preset_box_->count() - 1, QString::fromStdString(p.description),
                                 Qt::ToolTipRole);
    }
    // Long names must not widen the form: the box shows what fits, the list shows all.
    preset_box_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    preset_box_->setMinimumContentsLength(12);
    preset_box_->setToolTip(
        tr("Ready-made experiments: choose one to fill in the form, "
           "then press Run"));
    preset_text_ = new QLabel;
    preset_text_->setWordWrap(true);
    preset_layout->addWidget(preset_box_);
    preset_layout->addWidget(preset_text_);
    connect(preset_box_, &QComboBox::activated, this, &ControlsPanel::apply_preset);
    root->addWidget(preset_group);

    auto* strategy_group = new QGroupBox(tr("Strategies"));
    auto* strategy_layout = new QVBoxLayout(strategy_group);
    strategy_layout->setSpacing(2);
    for (Strategy s : all_strategies()) {
        auto* box = new QCheckBox(QString::fromUtf8(strategy_label(s)));
        box->setToolTip(QString::fromUtf8(strategy_summary(s)));
        strategy_boxes_.insert(static_cast<int>(s), box);
        strategy_layout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &ControlsPanel::recheck);
    }
    // The article's Python itself, run by python3 (core/python): named as on the command line
    // without its "py_" (the group says it), two to a row so the form stays narrow.
    strategy_layout->addWidget(make_strategy_group(
        tr("Python, for real"), tr("The article's scripts, run by a real python3 beside our pool"),
        python_strategies(), 3));
    // Open MPI's ranks (core/mpi), without their "mpi_"; disabled when this machine cannot.
    mpi_group_ = make_strategy_group(tr("Open MPI"), mpi_group_tip(), mpi_strategies(), 4);
    strategy_layout->addWidget(mpi_group_);
    auto* strategies_error = new QLabel;
    strategies_error->setWordWrap(true);
    strategies_error->hide();
    errors_.insert(Field::Strategies, strategies_error);
    fields_.insert(Field::Strategies, strategy_group);
    strategy_layout->addWidget(strategies_error);
    root->addWidget(strategy_group);

    auto* numbers = new QGroupBox(tr("Experiment"));
    auto* form = new QFormLayout(numbers);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    workers_ = new QLineEdit;
    workers_->setPlaceholderText("5, 1..8 or 1,2,4");
    form->addRow(tr("Workers"), with_error(Field::Workers, workers_,
                                           tr("How many worker processes the pool starts: one "
                                              "number, or several to compare (a sweep).")));
    tasks_ = new QSpinBox;
    tasks_->setRange(1, kMaxTasks);
    tasks_->setGroupSeparatorShown(true);
    form->addRow(tr("Tasks"), with_error(Field::Tasks, tasks_,
                                         tr("How many inputs: x = 0, 1, ..., tasks-1, like "
                                            "range(10) in the article.")));
    delay_ = new QLineEdit;
    delay_->setPlaceholderText("1s, 250ms, 500us, 0.5");
    form->addRow(tr("Delay per task"),
                 with_error(Field::Delay, delay_,
                            tr("How long each task works before returning x to the power y: "
                               "time.sleep(1) in the article.")));
    workload_ = new QComboBox;
    workload_->addItem(tr("sleep (time.sleep)"), static_cast<int>(Workload::Sleep));
    workload_->addItem(tr("cpu (keeps a core busy)"), static_cast<int>(Workload::Cpu));
    workload_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    workload_->setMinimumContentsLength(12);
    workload_->setToolTip(
        tr("sleep: each task waits, as time.sleep does, so sleeping tasks overlap however many "
           "cores there are. cpu: each task computes; computing "
           "tasks only speed up as far as this machine has cores."));
    form->addRow(tr("Workload"), workload_);
    start_ = make_start_combo();
    form->addRow(tr("Start method"), start_);
    exponent_ = new QSpinBox;
    exponent_->setRange(0, kMaxExponent);
    form->addRow(tr("Exponent y"), with_error(Field::Exponent, exponent_,
                                              tr("Each task returns pow(x, y): 2 gives the "
                                                 "article's squares.")));
    chunksize_ = new QLineEdit;
    chunksize_->setPlaceholderText("auto, 1, or 1,auto");
    form->addRow(tr("Chunk size"),
                 with_error(Field::Chunksize, chunksize_,
                            tr("How many tasks a worker takes at a time. auto is what Python's "
                               "Pool.map picks (tasks ÷ (4 × workers), rounded up). Several "
                               "values run one sweep each, drawn side by side.")));
    repeats_ = new QSpinBox;
    repeats_->setRange(1, kMaxRepeats);
    form->addRow(tr("Repeats"), with_error(Field::Repeats, repeats_,
                                           tr("Run everything this many times; the charts show "
                                              "the mean.")));
    crash_ = new QLineEdit;
    crash_->setPlaceholderText(tr("none"));
    form->addRow(tr("Crash task"),
                 with_error(Field::CrashTask, crash_,
                            tr("For teaching: the worker that runs this task kills itself. "
                               "Watch the pool report it and carry on. Empty: no crash.")));
    durations_ = new DurationsControls;
    form->addRow(tr("Durations"),
                 with_error(Field::Durations, durations_,
                            tr("How long each task takes around the delay: the same for all "
                               "(fixed), or uneven, to see stragglers and what chunk size does "
                               "to them.")));
    connect(durations_, &DurationsControls::changed, this, &ControlsPanel::recheck);
    serial_part_ = new SerialPartControls;
    form->addRow(tr("Serial part"), serial_part_);
    connect(serial_part_, &SerialPartControls::changed, this, &ControlsPanel::recheck);
    payload_ = make_payload_box();
    form->addRow(tr("Payload"), with_error(Field::Payload, payload_, payload_tooltip()));
    connect(payload_, &QComboBox::currentTextChanged, this, &ControlsPanel::recheck);
    root->addWidget(numbers);

    for (QLineEdit* edit : {workers_, delay_, chunksize_, crash_}) {
        connect(edit, &QLineEdit::textChanged, this, &ControlsPanel::recheck);
    }
    for (QSpinBox* spin : {tasks_, exponent_, repeats_}) {
        connect(spin, &QSpinBox::valueChanged, this, &ControlsPanel::recheck);
    }
    connect(workload_, &QComboBox::currentIndexChanged, this, &ControlsPanel::recheck);
    connect(start_, &QComboBox::currentIndexChanged, this, &ControlsPanel::recheck);

    run_ = new QPushButton(tr("Run  (Ctrl+R)"));
    run_->setToolTip(tr("Start the experiment: each run happens in real worker processes"));
    run_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel  (Esc)"));
    cancel_->setToolTip(tr("Stop now: the workers are stopped and reaped, results so far stay"));
    cancel_->setEnabled(false);
    connect(run_, &QPushButton::clicked, this, &ControlsPanel::run_requested);
    connect(cancel_, &QPushButton::clicked, this, &ControlsPanel::cancel_requested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    root->addLayout(buttons);

    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setTextVisible(false);
    progress_->setToolTip(tr("Tasks done out of all the tasks of all the runs"));
    progress_text_ = new QLabel(tr("Ready"));
    root->addWidget(progress_);
    progress_text_->setWordWrap(true);
    root->addWidget(progress_text_);
    root->addStretch(1);
    restyle();
}

QGroupBox* ControlsPanel::make_strategy_group(const QString& title, const QString& tooltip,
                                              const std::vector<Strategy>& strategies, int prefix) {
    auto* group = new QGroupBox(title);
    group->setToolTip(tooltip);
    auto* layout = new QGridLayout(group);
    layout->setSpacing(2);
    for (Strategy s : strategies) {
        auto* box = new QCheckBox(QString::fromUtf8(strategy_name(s)).mid(prefix));
        box->setToolTip(strategy_tip(s));
        const int at = layout->count();
        strategy_boxes_.insert(static_cast<int>(s), box);
        layout->addWidget(box, at / 2, at % 2);
        connect(box, &QCheckBox::toggled, this, &ControlsPanel::recheck);
    }
    return group;
}

void ControlsPanel::set_mpi_problem(const QString& problem) {
    mpi_problem_ = problem;
    mpi_group_->setEnabled(problem.isEmpty());
    mpi_group_->setToolTip(problem.isEmpty() ? mpi_group_tip() : problem);
    for (Strategy s : mpi_strategies())
        strategy_box(s)->setToolTip(problem.isEmpty() ? strategy_tip(s) : problem);
    recheck();
}

void ControlsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !restyling_) restyle();
}

void ControlsPanel::restyle() {
    restyling_ = true;
    const QColor background = palette().color(QPalette::Window);
    set_text_color(preset_text_, tone_color(Tone::Muted, background));
    for (auto it = strategy_boxes_.begin(); it != strategy_boxes_.end(); ++it) {
        const QColor own = strategy_color(static_cast<Strategy>(it.key()));
        set_text_color(it.value(), readable_on(own, background));
    }
    for (QLabel* error : errors_)
        set_text_color(error, tone_color(Tone::Error, background));
    for (auto it = fields_.begin(); it != fields_.end(); ++it) {
        if (it.key() != Field::Strategies && check_.errors.count(it.key()) > 0)
            it.value()->setStyleSheet(invalid_style(palette()));
    }
    restyling_ = false;
}

FormInput ControlsPanel::input() const {
    FormInput in;
    for (Strategy s : form_strategies()) {
        if (strategy_boxes_.value(static_cast<int>(s))->isChecked()) in.strategies.push_back(s);
    }
    in.workers = text_of(workers_);
    in.tasks = tasks_->value();
    in.delay = text_of(delay_);
    in.workload = static_cast<Workload>(workload_->currentData().toInt());
    in.exponent = exponent_->value();
    in.chunksize = text_of(chunksize_);
    in.repeats = repeats_->value();
    in.crash_task = text_of(crash_);
    in.serial_fraction = serial_part_->fraction();
    in.scaling = serial_part_->scaling();
    in.durations = durations_->text();
    in.seed = durations_->seed();
    in.starts = starts_of(start_);
    in.payload = payload_box_text(payload_);
    return in;
}

void ControlsPanel::set_input(const FormInput& form) {
    filling_ = true;
    for (Strategy s : form_strategies()) {
        const bool on =
            std::find(form.strategies.begin(), form.strategies.end(), s) != form.strategies.end();
        strategy_boxes_.value(static_cast<int>(s))->setChecked(on);
    }
    workers_->setText(QString::fromStdString(form.workers));
    tasks_->setValue(static_cast<int>(std::clamp<std::int64_t>(form.tasks, 1, kMaxTasks)));
    delay_->setText(QString::fromStdString(form.delay));
    workload_->setCurrentIndex(workload_->findData(static_cast<int>(form.workload)));
    exponent_->setValue(static_cast<int>(std::clamp<std::int64_t>(form.exponent, 0, kMaxExponent)));
    chunksize_->setText(QString::fromStdString(form.chunksize));
    repeats_->setValue(static_cast<int>(std::clamp<std::int64_t>(form.repeats, 1, kMaxRepeats)));
    crash_->setText(QString::fromStdString(form.crash_task));
    serial_part_->set(form.serial_fraction, form.scaling);
    durations_->set_text(form.durations);
    durations_->set_seed(form.seed);
    select_starts(start_, form.starts);
    set_payload_box_text(payload_, form.payload);
    filling_ = false;
    recheck();
}

void ControlsPanel::apply_preset(int index) {
    if (index < 0 || index >= static_cast<int>(presets_.size())) return;
    const auto& p = presets_[static_cast<std::size_t>(index)];
    if (preset_box_->currentIndex() != index) preset_box_->setCurrentIndex(index);
    set_input(p.form);
    emit preset_applied(index);
}

void ControlsPanel::recheck() {
    if (filling_) return;
    const FormInput in = input();
    check_ = check_form(in);
    if (!mpi_problem_.isEmpty() &&
        std::any_of(in.strategies.begin(), in.strategies.end(), runs_mpi)) {
        check_.errors[Field::Strategies] = mpi_problem_.toStdString();  // Run stays off
    }
    const auto& preset =
        presets_[static_cast<std::size_t>(std::max(0, preset_box_->currentIndex()))];
    preset_text_->setText(in == preset.form
                              ? QString::fromStdString(preset.description)
                              : tr("Your own experiment (changed from this preset). Choose the "
                                   "preset again to go back to it."));
    for (auto it = errors_.begin(); it != errors_.end(); ++it) {
        const auto found = check_.errors.find(it.key());
        const bool bad = found != check_.errors.end();
        QString text;
        if (bad) {
            text = QString::fromStdString(found->second);
            if (it.key() != Field::Strategies) {
                text += "\n" + tr("Allowed: %1").arg(QString::fromStdString(allowed(it.key())));
            }
        }
        it.value()->setText(text);
        it.value()->setVisible(bad);
        if (QWidget* w = fields_.value(it.key()); w && it.key() != Field::Strategies) {
            w->setStyleSheet(bad ? invalid_style(palette()) : "");
        }
    }
    run_->setEnabled(!running_ && check_.ok());
    run_->setToolTip(check_.ok() ? tr("Start the experiment: each run happens in real worker "
                                      "processes")
                                 : tr("Fix the fields marked in red first"));
    emit input_changed();
}

void ControlsPanel::set_running(bool running, bool cancelling) {
    running_ = running;
    cancelling_ = running && cancelling;
    if (running) {
        stage_ = cancelling ? ProgressStage::Cancelling : ProgressStage::Running;
        show_progress_line();
    }
    run_->setEnabled(!running && check_.ok());
    cancel_->setEnabled(running && !cancelling);
    cancel_->setText(cancelling ? tr("Cancelling…") : tr("Cancel  (Esc)"));
    preset_box_->setEnabled(!running);
}

void ControlsPanel::show_progress(const Progress& p) {
    progress_shown_ = p;
    progress_known_ = true;
    const double fraction =
        p.total_tasks > 0 ? static_cast<double>(p.done_tasks) / static_cast<double>(p.total_tasks)
                          : 0.0;
    progress_->setValue(static_cast<int>(std::lround(fraction * 1000)));
    show_progress_line();
}

void ControlsPanel::show_finished(bool cancelled) {
    stage_ = cancelled ? ProgressStage::Cancelled : ProgressStage::Done;
    show_progress_line();
}

void ControlsPanel::show_progress_line() {
    if (!progress_known_) return;
    ProgressStage stage = stage_;
    // Between runs of the window (idle, not yet finished): the counts without a time left.
    if (!running_ && stage == ProgressStage::Running) stage = ProgressStage::Done;
    progress_text_->setText(progress_text(progress_shown_, stage));
}

}  // namespace plab::ui
