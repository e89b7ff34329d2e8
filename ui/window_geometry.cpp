// MainWindow's size and text: opening to fit the screen it is on, presentation mode, the text
// scale, and the form that can be hidden.
#include <QApplication>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <algorithm>
#include <array>
#include <cmath>

#include "main_window.h"

namespace plab::ui {

namespace {

constexpr double kScreenShare = 0.9;   ///< a new window takes 90% of the screen's free space
constexpr int kFormMaxMinWidth = 320;  ///< beyond it (large text) the form scrolls sideways
/// The steps of Ctrl+= and Ctrl+-.
constexpr std::array<double, 11> kTextSteps = {0.8,  0.9, 1.0,  1.15, 1.3, 1.5,
                                               1.75, 2.0, 2.25, 2.5,  3.0};

}  // namespace

QRect clamp_to(const QRect& wanted, const QRect& available) {
    if (!available.isValid()) return wanted;
    QRect r(wanted.topLeft(), wanted.size().boundedTo(available.size()));
    if (r.right() > available.right()) r.moveRight(available.right());
    if (r.bottom() > available.bottom()) r.moveBottom(available.bottom());
    if (r.left() < available.left()) r.moveLeft(available.left());
    if (r.top() < available.top()) r.moveTop(available.top());
    return r;
}

double presentation_text_scale(double current, int screen_height) {
    constexpr double kFullHeight = 720;  // a projector's usual height: the full presentation scale
    const double room = std::clamp(screen_height / kFullHeight, 0.0, 1.0);
    return std::max(current, std::max(1.0, MainWindow::kPresentationTextScale * room));
}

void MainWindow::fit_to_screen(bool restored) {
    QScreen* on = screen() ? screen() : QGuiApplication::primaryScreen();
    if (!on) return;
    const QRect available = on->availableGeometry();
    if (!restored) {
        const QSize size = (QSizeF(available.size()) * kScreenShare).toSize();
        QRect r(QPoint(), size.expandedTo(minimumSizeHint()).boundedTo(available.size()));
        r.moveCenter(available.center());
        setGeometry(r);
        return;
    }
    if (isMaximized() || isFullScreen()) return;
    clamp_on_show_ = !isVisible();  // before the first show the frame's size is not known
    // A window saved on a larger (or a disconnected) screen comes back inside this one.
    const QRect frame = frameGeometry();
    const QRect fitted = clamp_to(frame, available);
    if (fitted != frame) {
        const QSize decoration = frame.size() - geometry().size();
        resize(fitted.size() - decoration);
        move(fitted.topLeft());
    }
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (clamp_on_show_) fit_to_screen(true);
}

int MainWindow::form_width(bool minimum) const {
    const QSize content = minimum ? controls_->minimumSizeHint() : controls_->sizeHint();
    return content.width() + form_scroll_->verticalScrollBar()->sizeHint().width() +
           2 * form_scroll_->frameWidth();
}

void MainWindow::set_text_scale(double scale) {
    scale = std::clamp(scale, kMinTextScale, kMaxTextScale);
    if (std::abs(scale - text_scale_) < 1e-9) return;
    text_scale_ = scale;
    apply_text_scale();
    emit text_scale_changed(text_scale_);
}

void MainWindow::grow_text() {
    for (double step : kTextSteps) {
        if (step > text_scale_ + 1e-6) {
            set_text_scale(step);
            return;
        }
    }
}

void MainWindow::shrink_text() {
    for (auto it = kTextSteps.rbegin(); it != kTextSteps.rend(); ++it) {
        if (*it < text_scale_ - 1e-6) {
            set_text_scale(*it);
            return;
        }
    }
}

void MainWindow::apply_text_scale() {
    QFont font = QApplication::font();
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * text_scale_);
    } else {
        font.setPixelSize(static_cast<int>(std::lround(font.pixelSize() * text_scale_)));
    }
    for (QWidget* w :
         {static_cast<QWidget*>(controls_), static_cast<QWidget*>(log_),
          static_cast<QWidget*>(statusBar()), static_cast<QWidget*>(selector_),
          static_cast<QWidget*>(tabs_->tabBar()), findChild<QWidget*>("showing_label")}) {
        if (w) w->setFont(font);
    }
    // The form is at least as wide as its fields need (up to a limit: with very large text
    // it scrolls sideways rather than push the views off a small screen).
    form_scroll_->setMinimumWidth(std::min(form_width(true), kFormMaxMinWidth));
    // The form widens with its text, up to 45% of the window, so its fields stay whole.
    if (form_visible()) {
        const QList<int> sizes = main_split_->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        const int wanted = std::min(form_width(), total * 45 / 100);
        if (total > 0 && sizes.value(0) < wanted) main_split_->setSizes({wanted, total - wanted});
    }
    // The status text may be bold (an error): keep that, at the new size.
    show_status(state_->text(), state_tone_);
}

void MainWindow::set_presentation_mode(bool on) {
    if (QAction* a = action("presentation"); a && a->isChecked() != on) a->setChecked(on);
    if (on == presenting_) return;
    presenting_ = on;
    if (on) {
        scale_before_presenting_ = text_scale_;
        maximized_before_presenting_ = isMaximized();
        form_before_presenting_ = form_visible();
        views_before_presenting_ = view_split_->sizes();
        set_form_visible(false);  // the views take the screen; Run is in the toolbar (Ctrl+R)
        showFullScreen();
        const QScreen* shown_on = screen() ? screen() : QGuiApplication::primaryScreen();
        set_text_scale(
            presentation_text_scale(text_scale_, shown_on ? shown_on->geometry().height() : 720));
        const int total = views_before_presenting_.value(0) + views_before_presenting_.value(1);
        view_split_->setSizes({total, 0});  // the log folds away; the status bar says its latest
    } else {
        if (maximized_before_presenting_) {
            showMaximized();
        } else {
            showNormal();
        }
        set_text_scale(scale_before_presenting_);
        set_form_visible(form_before_presenting_);
        view_split_->setSizes(views_before_presenting_);
    }
}

void MainWindow::set_form_visible(bool visible) {
    form_scroll_->setVisible(visible);
    if (QAction* a = action("toggle_form"); a && a->isChecked() != visible) a->setChecked(visible);
}

bool MainWindow::form_visible() const {
    return !form_scroll_->isHidden();
}

}  // namespace plab::ui
