// WCAG 2 contrast: the one place the window, the charts and the timeline measure whether a
// colour reads on a background, and make it read when it does not.
#pragma once

#include <QColor>
#include <QPalette>

namespace plab::ui {

/// WCAG 2 relative luminance of an (opaque) colour, 0 (black) .. 1 (white). Alpha is ignored.
double relative_luminance(const QColor& color);

/// WCAG 2 contrast ratio of two colours, 1 .. 21; text wants at least 4.5.
double contrast_ratio(const QColor& a, const QColor& b);

/// True when the palette is a dark one: its backgrounds (Window, Base) are darker than the text
/// drawn on them.
bool is_dark(const QPalette& palette);

/// color, made lighter (on a dark background) or darker (on a light one), keeping its hue, until
/// its contrast against background is at least min_ratio; pure white or black when even that is
/// not enough. A min_ratio above 21 can never be met: the result is then white or black.
QColor readable_on(const QColor& color, const QColor& background, double min_ratio = 4.5);

/// Black or white, whichever reads better on fill (for text drawn on a coloured bar).
QColor text_on(const QColor& fill);

}  // namespace plab::ui
