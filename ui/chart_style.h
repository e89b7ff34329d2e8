// Colours, pens, markers and fonts every view shares, so a strategy looks the same everywhere,
// on a light or a dark desktop.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QPen>

#include "contrast.h"
#include "experiment/strategy.h"

namespace plab::ui {

/// The colour of a strategy on a light background: Okabe-Ito, fixed, never the error colour.
QColor strategy_color(Strategy s);

/// The colour of a strategy on a light (dark = false) or dark background: the same hue,
/// made lighter where the light one would vanish on dark (serial's grey, blue).
QColor strategy_color(Strategy s, bool dark);

/// Failed tasks and error lines.
QColor error_color();

/// What a chart is painted with for one palette: light on dark, dark on light.
struct ChartColors {
    QColor background;  ///< the palette's Base
    QColor text;        ///< titles, labels, legends: the palette's Text
    QColor muted;       ///< axis lines, ticks, secondary text
    QColor grid;        ///< grid lines, faint
    QColor neutral;     ///< refused or waiting bars: neither a strategy nor an error
    QColor ideal;       ///< the ideal line
    bool dark = false;
};

/// The chart colours for palette (is_dark decides light or dark).
ChartColors chart_colors(const QPalette& palette);

/// The ideal curves: dashed, in colors.ideal.
QPen ideal_pen(const ChartColors& colors);
QPen ideal_pen();  ///< for a light background

/// The serial baseline: a solid line in serial's colour; variant > 0 (a second chunk size's
/// leg) dash-dotted.
QPen baseline_pen(const ChartColors& colors, int variant = 0);
QPen baseline_pen();  ///< for a light background

/// A strategy's line: solid for the first chunk size, dashed for the second, dotted after;
/// the MPI strategies' dash-dotted for the first, dash-dot-dotted after.
QPen series_pen(Strategy s, int variant, bool dark = false);

/// The marker shapes the charts give their series, in order; index wraps around.
enum class MarkerShape { Circle, Square, Triangle, Diamond, Pentagon, Star };
MarkerShape marker_shape(int index);
constexpr int kMarkerShapes = 6;

/// A font size that a class can read from the back: the application font scaled by factor.
QFont readable_font(double factor = 1.0, bool bold = false);

}  // namespace plab::ui
