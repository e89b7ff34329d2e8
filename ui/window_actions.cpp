// MainWindow's menus, toolbar and keyboard: every action has a shortcut, shown in its menu.
#include <QMenuBar>
#include <QMessageBox>

#include "main_window.h"

namespace plab::ui {

namespace {

QAction* make_action(QWidget* owner, QMenu* menu, const QString& name, const QString& text,
                     const QList<QKeySequence>& keys) {
    auto* action = menu->addAction(text);
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setShortcutVisibleInContextMenu(true);
    owner->addAction(action);
    return action;
}

QKeySequence ctrl(int key) {
    return QKeySequence(static_cast<int>(Qt::CTRL) | key);
}

QKeySequence ctrl_shift(int key) {
    return QKeySequence(static_cast<int>(Qt::CTRL | Qt::SHIFT) | key);
}

}  // namespace

void MainWindow::build_menus() {
    auto add = [this](QMenu* menu, const QString& name, const QString& text,
                      const QList<QKeySequence>& keys, auto slot) {
        QAction* action = make_action(this, menu, name, text, keys);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    auto* file = menuBar()->addMenu(tr("&File"));
    add(file, "export_runs", tr("Export runs CSV…"), {ctrl_shift(Qt::Key_S)}, [this] {
        ask_and_export(&MainWindow::export_runs_csv, tr("Export runs CSV"), tr("CSV (*.csv)"),
                       "runs.csv");
    });
    add(file, "export_tasks", tr("Export tasks CSV…"), {ctrl_shift(Qt::Key_T)}, [this] {
        ask_and_export(&MainWindow::export_tasks_csv, tr("Export tasks CSV"), tr("CSV (*.csv)"),
                       "tasks.csv");
    });
    add(file, "export_trace", tr("Export timeline as trace (Perfetto)…"), {ctrl_shift(Qt::Key_P)},
        [this] {
            ask_and_export(&MainWindow::export_trace, tr("Export trace for Perfetto"),
                           tr("Trace JSON (*.json)"), "timeline.json");
        });
    add(file, "export_png", tr("Export current view as PNG…"), {ctrl(Qt::Key_E)}, [this] {
        ask_and_export(&MainWindow::export_view_png, tr("Export view as PNG"),
                       tr("PNG image (*.png)"), view_file_name("png"));
    });
    add(file, "export_svg", tr("Export current view as SVG…"), {ctrl_shift(Qt::Key_E)}, [this] {
        ask_and_export(&MainWindow::export_view_svg, tr("Export view as SVG"),
                       tr("SVG drawing (*.svg)"), view_file_name("svg"));
    });
    file->addSeparator();
    add(file, "quit", tr("&Quit"), {ctrl(Qt::Key_Q)}, [this] { close(); });

    auto* experiment = menuBar()->addMenu(tr("&Experiment"));
    add(experiment, "run", tr("&Run"), {ctrl(Qt::Key_R)}, [this] { start_experiment(); });
    add(experiment, "cancel", tr("&Cancel"), {QKeySequence(Qt::Key_Escape)},
        [this] { cancel_experiment(); });
    experiment->addSeparator();
    for (int i = 0; i < static_cast<int>(controls_->presets().size()); ++i) {
        const QList<QKeySequence> keys =
            i < 9 ? QList<QKeySequence>{QKeySequence(static_cast<int>(Qt::ALT) | (Qt::Key_1 + i))}
                  : QList<QKeySequence>{};
        add(experiment, QString("preset_%1").arg(i + 1),
            QString::fromStdString(controls_->presets()[static_cast<std::size_t>(i)].name), keys,
            [this, i] {
                if (!controller_->running()) controls_->apply_preset(i);
            });
    }

    auto* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < tabs_->count(); ++i) {
        add(view, QString("view_%1").arg(i + 1), tabs_->tabText(i), {ctrl(Qt::Key_1 + i)},
            [this, i] { show_view(i); });
    }
    add(view, QString("view_%1").arg(tabs_->count() + 1), tr("Log"),
        {ctrl(Qt::Key_1 + tabs_->count())}, [this] { focus_log(); });
    add(view, "next_view", tr("Next view"), {ctrl(Qt::Key_Tab)},
        [this] { show_view((tabs_->currentIndex() + 1) % tabs_->count()); });
    add(view, "previous_view", tr("Previous view"),
        {ctrl_shift(Qt::Key_Tab), ctrl_shift(Qt::Key_Backtab), ctrl(Qt::Key_Backtab)},
        [this] { show_view((tabs_->currentIndex() + tabs_->count() - 1) % tabs_->count()); });
    view->addSeparator();
    QAction* form = add(view, "toggle_form", tr("Experiment form"), {ctrl(Qt::Key_B)},
                        [this](bool on) { set_form_visible(on); });
    form->setCheckable(true);
    form->setChecked(true);
    QAction* present =
        add(view, "presentation", tr("Presentation mode"), {QKeySequence(Qt::Key_F11)},
            [this](bool on) { set_presentation_mode(on); });
    present->setCheckable(true);
    view->addSeparator();
    add(view, "text_larger", tr("Larger text"), {ctrl(Qt::Key_Equal), ctrl(Qt::Key_Plus)},
        [this] { grow_text(); });
    add(view, "text_smaller", tr("Smaller text"), {ctrl(Qt::Key_Minus)}, [this] { shrink_text(); });
    add(view, "text_reset", tr("Normal text size"), {ctrl(Qt::Key_0)},
        [this] { set_text_scale(1.0); });
}

void MainWindow::build_toolbar() {
    toolbar_ = addToolBar(tr("Experiment"));
    toolbar_->setObjectName("toolbar");
    toolbar_->setMovable(false);
    toolbar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char* name : {"run", "cancel", "toggle_form", "presentation"}) {
        if (QAction* a = action(name)) toolbar_->addAction(a);
        if (std::string_view(name) == "cancel") toolbar_->addSeparator();
    }
    // The toolbar's buttons say their shortcut in their tooltip.
    for (QAction* a : toolbar_->actions()) {
        if (!a->shortcut().isEmpty()) {
            a->setToolTip(QString("%1 (%2)").arg(a->text().remove('&'),
                                                 a->shortcut().toString(QKeySequence::NativeText)));
        }
    }
}

QAction* MainWindow::action(const QString& name) const {
    for (QAction* a : actions()) {
        if (a->objectName() == name) return a;
    }
    return nullptr;
}

void MainWindow::update_actions() {
    const bool running = controller_->running();
    if (QAction* a = action("run")) a->setEnabled(!running && controls_->check().ok());
    if (QAction* a = action("cancel")) a->setEnabled(running && !controller_->cancelling());
    for (QAction* a : actions()) {
        if (a->objectName().startsWith("preset_")) a->setEnabled(!running);
    }
}

void MainWindow::show_view(int index) {
    if (index < 0 || index >= tabs_->count()) return;
    tabs_->setCurrentIndex(index);
    // Focus follows, so a projector shows where the keyboard is.
    tabs_->tabBar()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::focus_log() {
    const QList<int> sizes = view_split_->sizes();
    if (sizes.size() == 2 && sizes[1] < log_->minimumHeight()) {
        view_split_->setSizes({sizes[0] - log_->minimumHeight() * 3, log_->minimumHeight() * 3});
    }
    log_->setFocus(Qt::ShortcutFocusReason);
}

QString MainWindow::view_file_name(const QString& suffix) const {
    QWidget* current = tabs_->currentWidget();
    const char* name = current == timeline_  ? "timeline"
                       : current == speedup_ ? "speedup"
                                             : "elapsed";
    return QString("%1.%2").arg(name, suffix);
}

void MainWindow::ask_and_export(bool (MainWindow::*what)(const QString&, QString*),
                                const QString& title, const QString& filter,
                                const QString& suggested) {
    QString path = ask_path_ ? ask_path_(title, suggested, filter) : QString();
    if (path.isEmpty()) return;
    if (!path.section('/', -1).contains('.')) path += "." + suggested.section('.', -1);
    QString error;
    if ((this->*what)(path, &error)) {
        log_->add_line(tr("Exported %1").arg(path), Tone::Plain);
    } else {
        log_->add_line(error, Tone::Error);
        QMessageBox::warning(this, title, error);
    }
}

}  // namespace plab::ui
