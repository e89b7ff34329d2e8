// Colours, pens and fonts every view shares, so a strategy looks the same everywhere.
#pragma once

#include <QColor>
#include <QFont>
#include <QPen>

#include "experiment/strategy.h"

namespace plab::ui {

/// The colour of a strategy: fixed, distinct, never the error colour.
QColor strategy_color(Strategy s);

/// Failed tasks and error lines.
QColor error_color();

/// The ideal curves: dashed, dark grey.
QPen ideal_pen();

/// The serial baseline: a solid grey line.
QPen baseline_pen();

/// A strategy's line; a second chunk size (index > 0) is drawn dotted in the same colour.
QPen series_pen(Strategy s, int variant);

/// A font size that a class can read from the back: the application font scaled by factor.
QFont readable_font(double factor = 1.0, bool bold = false);

}  // namespace plab::ui
