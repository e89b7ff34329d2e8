#include "focus_ring.h"

#include <QApplication>
#include <QEvent>
#include <QPainter>

#include "window_palette.h"

namespace plab::ui {

FocusRing::FocusRing(QWidget* window) : QWidget(window) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    hide();
    connect(qApp, &QApplication::focusChanged, this,
            [this](QWidget*, QWidget* now) { follow(now); });
}

FocusRing::~FocusRing() {
    if (target_) target_->removeEventFilter(this);
}

void FocusRing::follow(QWidget* now) {
    if (target_) target_->removeEventFilter(this);
    target_ = nullptr;
    // Only widgets of this window that a user moves to with the keyboard (not the log's
    // viewport when clicked, not a popup of another window).
    if (now && now != this && now->window() == parentWidget() && now->focusPolicy() != 0) {
        target_ = now;
        target_->installEventFilter(this);
    }
    place();
}

void FocusRing::place() {
    if (!target_ || !target_->isVisible()) {
        hide();
        return;
    }
    const QRect inner(target_->mapTo(parentWidget(), QPoint(0, 0)), target_->size());
    setGeometry(inner.adjusted(-kWidth, -kWidth, kWidth, kWidth));
    raise();
    show();
}

bool FocusRing::eventFilter(QObject* watched, QEvent* event) {
    if (watched == target_) {
        switch (event->type()) {
            case QEvent::Move:
            case QEvent::Resize:
            case QEvent::Show:
            case QEvent::Hide:
                place();
                break;
            default:
                break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FocusRing::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor background = parentWidget()->palette().color(QPalette::Window);
    QPen pen(readable_on(parentWidget()->palette().color(QPalette::Highlight), background, 3.0));
    pen.setWidth(kWidth);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    const qreal half = kWidth / 2.0;
    painter.drawRoundedRect(QRectF(rect()).adjusted(half, half, -half, -half), 3, 3);
}

}  // namespace plab::ui
