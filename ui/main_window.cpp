#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QStatusBar>
#include <QVBoxLayout>

#include "axis_ticks.h"
#include "chart_points.h"
#include "experiment/metrics.h"
#include "exporter.h"
#include "focus_ring.h"
#include "progress_estimate.h"
#include "resources_init.h"
#include "run_summary.h"

namespace plab::ui {

namespace {

constexpr int kCloseWaitMs = 3000;
// Minimum sizes of the parts, in device-independent pixels: together (with the menu, toolbar
// and status bars) they fit 1280x720 at 150% (853x480) and 1024x768.
constexpr int kViewsMinWidth = 380;
constexpr int kViewsMinHeight = 180;
constexpr int kLogMinHeight = 36;

}  // namespace

MainWindow::MainWindow(WindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      options_(std::move(options)),
      settings_(options_.settings_file),
      controller_(new ExperimentController(options_.engine, this)),
      controls_(new ControlsPanel(options_.cores > 0 ? options_.cores : machine_cores())),
      selector_(new RunSelector),
      tabs_(new QTabWidget),
      elapsed_(new ElapsedChart),
      speedup_(new SpeedupChart),
      timeline_(new TimelinePanel),
      results_(new ResultsView),
      code_(new CodeView),
      log_(new LogView),
      main_split_(new QSplitter(Qt::Horizontal)),
      view_split_(new QSplitter(Qt::Vertical)),
      form_scroll_(new QScrollArea),
      state_(new QLabel(tr("Idle"))),
      cores_(new QLabel) {
    init_resources();
    if (options_.cores <= 0) options_.cores = machine_cores();
    // The desktop shows the application's name (applicationDisplayName) beside the title.
    setWindowTitle(tr("Parallel vs serial, live"));
    setWindowIcon(QIcon(":/icons/parallel-lab.svg"));

    tabs_->addTab(elapsed_, tr("Elapsed"));
    tabs_->addTab(speedup_, tr("Speedup && efficiency"));
    tabs_->addTab(timeline_, tr("Timeline"));
    tabs_->addTab(results_, tr("Results"));
    tabs_->addTab(code_, tr("Code"));
    tabs_->setTabToolTip(0, tr("How long each run took, against the number of workers"));
    tabs_->setTabToolTip(1, tr("How many times faster than serial, and how well the workers "
                               "were used"));
    tabs_->setTabToolTip(2, tr("Every task of a run as a bar on its worker's lane"));
    tabs_->setTabToolTip(3, tr("The values the tasks returned, as they arrived and in order"));
    tabs_->setTabToolTip(4, tr("The same experiment in Python and in this program's C++"));

    // The form scrolls: on a small screen its lower half (Run, progress) is reached by
    // scrolling, and Run and Cancel are also in the toolbar and the menu.
    form_scroll_->setObjectName("form");
    form_scroll_->setWidget(controls_);
    form_scroll_->setWidgetResizable(true);
    form_scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    form_scroll_->setFocusPolicy(Qt::NoFocus);  // the fields inside take the focus
    // The views shrink with the window; the layout must not add up their wishes into a
    // minimum size larger than a 1280x720 projector at 150%.
    tabs_->setMinimumSize(kViewsMinWidth, kViewsMinHeight);
    log_->setMinimumHeight(kLogMinHeight);

    auto* showing = new QHBoxLayout;
    auto* showing_label = new QLabel(tr("Timeline and results show:"));
    showing_label->setObjectName("showing_label");
    showing->addWidget(showing_label);
    showing->addWidget(selector_);
    showing->addStretch(1);
    auto* top = new QWidget;
    auto* top_layout = new QVBoxLayout(top);
    top_layout->setContentsMargins(0, 0, 0, 0);
    top_layout->addLayout(showing);
    top_layout->addWidget(tabs_, 1);

    auto* log_box = new QGroupBox(tr("Log"));
    auto* log_layout = new QVBoxLayout(log_box);
    log_layout->setContentsMargins(4, 4, 4, 4);
    log_layout->addWidget(log_);

    view_split_->addWidget(top);
    view_split_->addWidget(log_box);
    view_split_->setStretchFactor(0, 4);
    view_split_->setStretchFactor(1, 1);
    main_split_->addWidget(form_scroll_);
    main_split_->addWidget(view_split_);
    main_split_->setStretchFactor(1, 1);
    setCentralWidget(main_split_);

    // A long message must not widen the window: it is cut, and whole in the tooltip.
    state_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    state_->setMinimumWidth(1);
    statusBar()->addWidget(state_, 1);
    cores_->setText(options_.cores == 1 ? tr("This machine: 1 core")
                                        : tr("This machine: %1 cores").arg(options_.cores));
    cores_->setToolTip(
        tr("Processors that can run at the same time. Sleeping tasks overlap "
           "beyond this; computing tasks do not."));
    statusBar()->addPermanentWidget(cores_);

    build_menus();
    build_toolbar();
    connect(this, &MainWindow::text_scale_changed, elapsed_, &ElapsedChart::set_text_scale);
    connect(this, &MainWindow::text_scale_changed, speedup_, &SpeedupChart::set_text_scale);
    connect(this, &MainWindow::text_scale_changed, timeline_, &TimelinePanel::set_text_scale);
    new FocusRing(this);
    connect(controls_, &ControlsPanel::run_requested, this, &MainWindow::start_experiment);
    connect(controls_, &ControlsPanel::cancel_requested, this, &MainWindow::cancel_experiment);
    connect(controls_, &ControlsPanel::preset_applied, this, [this](int index) {
        const PresetView view = controls_->presets()[static_cast<std::size_t>(index)].view;
        if (view != PresetView::Keep) show_view(static_cast<int>(view));
    });
    connect(controls_, &ControlsPanel::input_changed, this, [this] {
        const auto& check = controls_->check();
        if (check.ok()) {
            ExperimentSpec spec = check.legs.front().base;
            spec.workers = check.legs.front().workers.back();
            spec.start_method = check.legs.back().base.start_method;    // all three: forkserver's
            spec.payload_bytes = check.legs.back().base.payload_bytes;  // a payload, if any
            code_->set_spec(spec);
        }
        preview_charts();
        update_actions();
    });
    connect(controller_, &ExperimentController::updated, this, &MainWindow::refresh);
    connect(controller_, &ExperimentController::message, log_,
            qOverload<const QString&, bool>(&LogView::add_line));
    connect(controller_, &ExperimentController::finished, this, &MainWindow::on_finished);
    connect(selector_, &QComboBox::currentIndexChanged, this, &MainWindow::refresh);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::refresh);

    main_split_->setSizes({form_width(), 1000});
    view_split_->setSizes({680, 170});
    confirm_ = [this](const QString& question) {
        return QMessageBox::question(this, tr("A long experiment"), question,
                                     QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };
    ask_path_ = [this](const QString& title, const QString& suggested, const QString& filter) {
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    };
    restore_settings();
    update_actions();
    refresh();
    preview_charts();
    controls_->run_button()->setFocus(Qt::OtherFocusReason);  // Enter runs, and it shows
}

MainWindow::~MainWindow() = default;

bool MainWindow::start_experiment() {
    if (controller_->running()) return false;
    const FormCheck& check = controls_->check();
    if (!check.ok()) {
        log_->add_line(tr("Cannot run yet: fix the fields marked in red."), true);
        return false;
    }
    if (const double needs = planned_seconds(check.legs, options_.cores);
        needs > kAskAboveSeconds) {
        const QString about = QString::fromStdString(format_rough_duration(needs));
        if (!confirm_ || !confirm_(tr("This experiment needs about %1. Run it?").arg(about))) {
            log_->add_line(tr("Not started: it would need about %1. Fewer tasks, a shorter "
                              "delay or more workers make it shorter.")
                               .arg(about),
                           Tone::Muted);
            return false;
        }
    }
    selector_->clear_runs();
    logged_.clear();
    shown_run_ = -1;
    QString error;
    if (!controller_->start(check.legs, &error)) {
        log_->add_line(error, true);
        return false;
    }
    const auto& leg = check.legs.front();
    QString started = tr("Started: %L1 tasks × %2 each, workers %3")
                          .arg(leg.base.tasks)
                          .arg(QString::fromStdString(
                              format_duration(static_cast<double>(leg.base.delay_ns) / 1e9)))
                          .arg(QString::fromStdString(controls_->input().workers));
    if (check.legs.size() > 1) {
        started += tr(", one sweep per chunk size (%1)")
                       .arg(QString::fromStdString(controls_->input().chunksize));
    }
    log_->add_line(started, false);
    run_had_focus_ = controls_->run_button()->hasFocus();
    controls_->set_running(true, false);
    update_actions();
    show_status(tr("Running…"), Tone::Plain);
    settings_.save_form(controls_->input());
    refresh();
    return true;
}

void MainWindow::preview_charts() {
    const FormCheck& check = controls_->check();
    if (controller_->running() || !controller_->data().legs().empty() || !check.ok()) return;
    SweepData planned;
    for (const SweepSpec& leg : check.legs)
        planned.begin_leg(leg);
    const ChartPoints points = chart_points(planned, options_.cores);
    speedup_->set_serial_part(serial_part_points(planned, points.max_workers));
    elapsed_->show_points(points);
    speedup_->show_points(points);
}

void MainWindow::cancel_experiment() {
    if (!controller_->running()) return;
    controller_->cancel();
    controls_->set_running(true, true);
    update_actions();
    show_status(tr("Cancelling: stopping the workers…"), Tone::Plain);
}

void MainWindow::on_finished(int exit_code, bool cancelled) {
    refresh();
    controls_->set_running(false, false);
    controls_->show_finished(cancelled);
    update_actions();
    if (run_had_focus_) controls_->run_button()->setFocus(Qt::OtherFocusReason);
    const Outcome outcome = experiment_outcome(controller_->data(), exit_code, cancelled,
                                               controller_->now() - controller_->started_at());
    show_status(outcome.text, outcome.tone);
    log_->add_line(outcome.text, outcome.tone);
}

void MainWindow::show_status(const QString& text, Tone tone) {
    state_tone_ = tone;
    state_->setText(text);
    state_->setToolTip(text);
    QPalette palette = state_->palette();
    palette.setColor(QPalette::WindowText,
                     tone_color(tone, this->palette().color(QPalette::Window)));
    state_->setPalette(palette);
    QFont font = statusBar()->font();
    font.setBold(tone == Tone::Error);
    state_->setFont(font);
}

void MainWindow::refresh() {
    const SweepData& sweep = controller_->data();
    if (sweep.runs_revision() != charted_revision_) {
        charted_revision_ = sweep.runs_revision();
        const ChartPoints points = chart_points(sweep, options_.cores);
        speedup_->set_serial_part(serial_part_points(sweep, points.max_workers));
        elapsed_->show_points(points);
        speedup_->show_points(points);
        selector_->sync(sweep);
        logged_.resize(sweep.runs().size(), false);
        for (std::size_t i = 0; i < sweep.runs().size(); ++i) {
            if (!logged_[i] && sweep.runs()[i].ended()) {
                log_->add_run(sweep.runs()[i]);
                logged_[i] = true;
            }
        }
    }
    // The running strategy's bar grows with the clock.
    const std::optional<LiveRun> live =
        controller_->running() ? live_run(sweep, controller_->now()) : std::nullopt;
    elapsed_->show_live(live);
    speedup_->show_live(live);
    const int shown = selector_->selected(sweep);
    const RunRecord* run = sweep.run(shown);
    double live_end = 0;
    if (run) {
        live_end = run->latest_s;
        if (run->ended()) {
            live_end = std::max(live_end, run->end->elapsed_s);
        } else if (controller_->running() && !controller_->behind()) {
            // Caught up with the engine: running tasks grow with the clock. While lines still
            // wait, the latest event is the best guess (the clock would run ahead of the data).
            live_end = std::max(live_end, controller_->now() - run->received_at_s);
        }
        if (shown != shown_run_) code_->set_strategy(run->spec.strategy);
    }
    shown_run_ = shown;
    // Only the view on screen follows every update; the others catch up when shown.
    if (tabs_->currentWidget() == timeline_) timeline_->show_run(&sweep, shown, live_end);
    if (tabs_->currentWidget() == results_) results_->show_run(&sweep, shown);
    if (controller_->running()) {
        const Progress p = estimate_progress(sweep, controller_->now(), controller_->started_at());
        controls_->show_progress(p);
        if (run && !controller_->cancelling()) {
            show_status(tr("Running: %1 (%2 of %3 runs)")
                            .arg(run_title(*run))
                            .arg(run->number)
                            .arg(sweep.planned().size()),
                        Tone::Plain);
        }
    } else if (!sweep.planned().empty()) {
        controls_->show_progress(
            estimate_progress(sweep, controller_->now(), controller_->started_at()));
    }
}

QWidget* MainWindow::exportable_view() const {
    QWidget* current = tabs_->currentWidget();
    if (current == timeline_) return timeline_;  // the panel: its title and colour key too
    if (current == speedup_) return speedup_;
    return elapsed_;
}

bool MainWindow::finished_or_say(QString* error) const {
    if (!controller_->running()) return true;
    if (error) *error = tr("Wait for the experiment to finish (or cancel it) before exporting.");
    return false;
}

bool MainWindow::export_runs_csv(const QString& path, QString* error) {
    return finished_or_say(error) && export_csv(controller_->runs_csv_files(), path, error);
}

bool MainWindow::export_tasks_csv(const QString& path, QString* error) {
    return finished_or_say(error) && export_csv(controller_->tasks_csv_files(), path, error);
}

bool MainWindow::export_trace(const QString& path, QString* error) {
    return finished_or_say(error) && export_trace_json(controller_->data(), path, error);
}

bool MainWindow::export_view_png(const QString& path, QString* error) {
    return export_png(exportable_view(), path, error);
}

bool MainWindow::export_view_svg(const QString& path, QString* error) {
    return export_svg(exportable_view(), path, tabs_->tabText(tabs_->currentIndex()), error);
}

void MainWindow::save_settings() {
    settings_.save_form(controls_->input());
    settings_.save_blob("window/geometry", saveGeometry());
    settings_.save_blob("window/state", saveState());
    settings_.save_blob("window/main_split", main_split_->saveState());
    settings_.save_blob("window/view_split", view_split_->saveState());
    settings_.save_number("window/tab", tabs_->currentIndex());
    settings_.save_number("window/text_scale_percent",
                          static_cast<int>(std::lround(
                              (presenting_ ? scale_before_presenting_ : text_scale_) * 100)));
    settings_.save_number("window/form_visible",
                          (presenting_ ? form_before_presenting_ : form_visible()) ? 1 : 0);
    settings_.sync();
}

void MainWindow::restore_settings() {
    if (auto form = settings_.load_form()) controls_->set_input(*form);
    const QByteArray geometry = settings_.blob("window/geometry");
    fit_to_screen(!geometry.isEmpty() && restoreGeometry(geometry));
    if (auto s = settings_.blob("window/state"); !s.isEmpty()) restoreState(s);
    if (auto s = settings_.blob("window/main_split"); !s.isEmpty()) main_split_->restoreState(s);
    if (auto s = settings_.blob("window/view_split"); !s.isEmpty()) view_split_->restoreState(s);
    tabs_->setCurrentIndex(std::clamp(settings_.number("window/tab", 0), 0, tabs_->count() - 1));
    set_form_visible(settings_.number("window/form_visible", 1) != 0);
    set_text_scale(settings_.number("window/text_scale_percent", 100) / 100.0);
    apply_text_scale();
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) show_status(state_->text(), state_tone_);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (controller_->running()) {
        show_status(tr("Stopping the experiment before closing…"), Tone::Plain);
        controller_->stop(kCloseWaitMs);
    }
    save_settings();
    event->accept();
}

int run_window(int argc, char** argv) {
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(kOrganization);
    QCoreApplication::setApplicationName(kApplication);
    QGuiApplication::setApplicationDisplayName("ParallelLab");
    QGuiApplication::setDesktopFileName("parallel-lab");
    if (desktop_wants_dark(QApplication::palette())) {
        QApplication::setStyle("Fusion");  // draws with the palette's colours everywhere
        QApplication::setPalette(dark_palette());
    }
    MainWindow window;
    window.show();
    return QApplication::exec();
}

}  // namespace plab::ui
