// A focus frame a projector shows: a thick ring in the palette's highlight colour around the
// widget that has the keyboard focus, drawn over the window.
#pragma once

#include <QPointer>
#include <QWidget>

namespace plab::ui {

/// Draws around whichever widget inside its window has the focus, following it as it moves,
/// resizes or hides. Owned by (a child of) the window; ignores the mouse. The ring's colour
/// is the window palette's Highlight, made to contrast (3:1) with the window's background.
class FocusRing : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kWidth = 3;  ///< pixels of ring outside the focused widget

    explicit FocusRing(QWidget* window);
    ~FocusRing() override;

    /// The widget the ring is around, or nullptr when it is hidden.
    QWidget* target() const { return target_; }

  protected:
    void paintEvent(QPaintEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void follow(QWidget* now);
    void place();

    QPointer<QWidget> target_;
};

}  // namespace plab::ui
