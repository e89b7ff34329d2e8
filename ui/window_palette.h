// Colours the window's own text uses (log, status bar, form), chosen from the palette so they
// stay readable on a light and on a dark desktop, and the WCAG contrast that proves it.
#pragma once

#include <QColor>
#include <QPalette>

#include "contrast.h"

namespace plab::ui {

/// What a line of text means, which decides its colour: plain text, an expected outcome the
/// experiment is built to show (the lesson), something that went wrong, or a side note.
enum class Tone { Plain, Lesson, Error, Muted };

/// The colour of text of this tone on background, readable (>= 4.5:1) on it.
QColor tone_color(Tone tone, const QColor& background);

/// True when the desktop asks for dark windows but the platform's palette is light: GTK_THEME
/// names a dark theme ("Adwaita:dark"), or PLAB_DARK=1. (Qt 6.4 cannot ask the desktop's colour
/// scheme; a platform theme that gives a dark palette is followed as it is.)
bool desktop_wants_dark(const QPalette& platform);

/// A dark palette in the Fusion style's roles: dark Window/Base, light Text/WindowText. For a
/// dark desktop whose platform gives no palette, and for tests and screenshots.
QPalette dark_palette();

}  // namespace plab::ui
