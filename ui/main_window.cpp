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
#include "progress_estimate.h"
#include "resources_init.h"

namespace plab::ui {

namespace {

constexpr int kCloseWaitMs = 3000;

QString exit_meaning(int code) {
    switch (code) {
        case 0:
            return QObject::tr("every task produced its value");
        case 1:
            return QObject::tr("a task failed, a strategy refused, or the run was cancelled");
        default:
            return QObject::tr("the engine could not run the experiment");
    }
}

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
      state_(new QLabel(tr("Idle"))) {
    init_resources();
    if (options_.cores <= 0) options_.cores = machine_cores();
    setWindowTitle(tr("ParallelLab — parallel vs serial, live"));
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

    auto* scroll = new QScrollArea;
    scroll->setWidget(controls_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(controls_->sizeHint().width() + 24);

    auto* showing = new QHBoxLayout;
    showing->addWidget(new QLabel(tr("Timeline and results show:")));
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
    main_split_->addWidget(scroll);
    main_split_->addWidget(view_split_);
    main_split_->setStretchFactor(1, 1);
    setCentralWidget(main_split_);

    statusBar()->addWidget(state_, 1);
    auto* cores =
        new QLabel(options_.cores == 1 ? tr("This machine: 1 core")
                                       : tr("This machine: %1 cores").arg(options_.cores));
    cores->setToolTip(
        tr("Processors that can run at the same time. Sleeping tasks overlap "
           "beyond this; computing tasks do not."));
    statusBar()->addPermanentWidget(cores);

    build_menus();
    connect(controls_, &ControlsPanel::run_requested, this, &MainWindow::start_experiment);
    connect(controls_, &ControlsPanel::cancel_requested, this, &MainWindow::cancel_experiment);
    connect(controls_, &ControlsPanel::input_changed, this, [this] {
        const auto& check = controls_->check();
        if (check.ok()) {
            ExperimentSpec spec = check.legs.front().base;
            spec.workers = check.legs.front().workers.back();
            code_->set_spec(spec);
        }
        preview_charts();
    });
    connect(controller_, &ExperimentController::updated, this, &MainWindow::refresh);
    connect(controller_, &ExperimentController::message, log_, &LogView::add_line);
    connect(controller_, &ExperimentController::finished, this, &MainWindow::on_finished);
    connect(selector_, &QComboBox::currentIndexChanged, this, &MainWindow::refresh);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::refresh);

    resize(1360, 880);
    main_split_->setSizes({360, 1000});
    view_split_->setSizes({680, 170});
    restore_settings();
    refresh();
    preview_charts();
}

MainWindow::~MainWindow() = default;

void MainWindow::build_menus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto add = [this](QMenu* menu, const QString& text, const QKeySequence& keys, auto slot) {
        auto* action = menu->addAction(text);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    add(file, tr("Export runs CSV…"), {}, [this] {
        ask_and_export(&MainWindow::export_runs_csv, tr("Export runs CSV"), tr("CSV (*.csv)"),
                       "csv");
    });
    add(file, tr("Export tasks CSV…"), {}, [this] {
        ask_and_export(&MainWindow::export_tasks_csv, tr("Export tasks CSV"), tr("CSV (*.csv)"),
                       "csv");
    });
    add(file, tr("Export timeline as trace (Perfetto)…"), {}, [this] {
        ask_and_export(&MainWindow::export_trace, tr("Export trace for Perfetto"),
                       tr("Trace JSON (*.json)"), "json");
    });
    add(file, tr("Export current chart as PNG…"), {}, [this] {
        ask_and_export(&MainWindow::export_view_png, tr("Export chart as PNG"),
                       tr("PNG image (*.png)"), "png");
    });
    add(file, tr("Export current chart as SVG…"), {}, [this] {
        ask_and_export(&MainWindow::export_view_svg, tr("Export chart as SVG"),
                       tr("SVG drawing (*.svg)"), "svg");
    });
    file->addSeparator();
    add(file, tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    auto* experiment = menuBar()->addMenu(tr("&Experiment"));
    add(experiment, tr("&Run"), QKeySequence(tr("Ctrl+R")), [this] { start_experiment(); });
    add(experiment, tr("&Cancel"), QKeySequence(Qt::Key_Escape), [this] { cancel_experiment(); });
    experiment->addSeparator();
    for (int i = 0; i < static_cast<int>(controls_->presets().size()); ++i) {
        add(experiment,
            QString::fromStdString(controls_->presets()[static_cast<std::size_t>(i)].name), {},
            [this, i] {
                if (!controller_->running()) controls_->apply_preset(i);
            });
    }
}

bool MainWindow::start_experiment() {
    if (controller_->running()) return false;
    const FormCheck& check = controls_->check();
    if (!check.ok()) {
        log_->add_line(tr("Cannot run yet: fix the fields marked in red."), true);
        return false;
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
    controls_->set_running(true, false);
    state_->setText(tr("Running…"));
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
    elapsed_->show_points(points);
    speedup_->show_points(points);
}

void MainWindow::cancel_experiment() {
    if (!controller_->running()) return;
    controller_->cancel();
    controls_->set_running(true, true);
    state_->setText(tr("Cancelling: stopping the workers…"));
}

void MainWindow::on_finished(int exit_code, bool cancelled) {
    refresh();
    controls_->set_running(false, false);
    const double took = controller_->now() - controller_->started_at();
    QString text = cancelled
                       ? tr("Cancelled after %1").arg(QString::fromStdString(format_duration(took)))
                       : tr("Done in %1").arg(QString::fromStdString(format_duration(took)));
    text += tr(" · exit code %1: %2").arg(exit_code).arg(exit_meaning(exit_code));
    state_->setText(text);
    log_->add_line(text, exit_code != 0 && !cancelled);
}

void MainWindow::refresh() {
    const SweepData& sweep = controller_->data();
    if (sweep.runs_revision() != charted_revision_) {
        charted_revision_ = sweep.runs_revision();
        const ChartPoints points = chart_points(sweep, options_.cores);
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
            state_->setText(tr("Running: %1 (%2 of %3 runs)")
                                .arg(run_title(*run))
                                .arg(run->number)
                                .arg(sweep.planned().size()));
        }
    } else if (!sweep.planned().empty()) {
        controls_->show_progress(
            estimate_progress(sweep, controller_->now(), controller_->started_at()));
    }
}

QWidget* MainWindow::exportable_view() const {
    QWidget* current = tabs_->currentWidget();
    if (current == timeline_) return timeline_->timeline();
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

void MainWindow::ask_and_export(bool (MainWindow::*what)(const QString&, QString*),
                                const QString& title, const QString& filter,
                                const QString& suffix) {
    QString path =
        QFileDialog::getSaveFileName(this, title, QString("parallel-lab.%1").arg(suffix), filter);
    if (path.isEmpty()) return;
    if (!path.contains('.')) path += "." + suffix;
    QString error;
    if ((this->*what)(path, &error)) {
        log_->add_line(tr("Exported %1").arg(path), false);
    } else {
        log_->add_line(error, true);
        QMessageBox::warning(this, title, error);
    }
}

void MainWindow::save_settings() {
    settings_.save_form(controls_->input());
    settings_.save_blob("window/geometry", saveGeometry());
    settings_.save_blob("window/state", saveState());
    settings_.save_blob("window/main_split", main_split_->saveState());
    settings_.save_blob("window/view_split", view_split_->saveState());
    settings_.save_number("window/tab", tabs_->currentIndex());
    settings_.sync();
}

void MainWindow::restore_settings() {
    if (auto form = settings_.load_form()) controls_->set_input(*form);
    if (auto g = settings_.blob("window/geometry"); !g.isEmpty()) restoreGeometry(g);
    if (auto s = settings_.blob("window/state"); !s.isEmpty()) restoreState(s);
    if (auto s = settings_.blob("window/main_split"); !s.isEmpty()) main_split_->restoreState(s);
    if (auto s = settings_.blob("window/view_split"); !s.isEmpty()) view_split_->restoreState(s);
    tabs_->setCurrentIndex(std::clamp(settings_.number("window/tab", 0), 0, tabs_->count() - 1));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (controller_->running()) {
        state_->setText(tr("Stopping the experiment before closing…"));
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
    MainWindow window;
    window.show();
    return QApplication::exec();
}

}  // namespace plab::ui
