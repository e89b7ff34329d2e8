// The timeline's colours, taken from the widget's palette so a dark desktop gets a dark
// timeline, and the WCAG contrast ratio that keeps its text readable.
#pragma once

#include <QColor>
#include <QPalette>

namespace plab::ui {

/// What the timeline paints with. Bars keep the strategies' colours (chart_style.h).
struct TimelineColors {
    QColor background;  ///< behind everything (the palette's Base)
    QColor band;        ///< a lane's stripe while its worker lived
    QColor band_alt;    ///< every other lane
    QColor grid;        ///< tick lines
    QColor text;        ///< lane labels, axis labels, run headers
    QColor muted;       ///< secondary text (still >= 4.5:1 against background)
    QColor cancelled;   ///< cancelled tasks' hatching and outline
    QColor highlight;   ///< the hovered bar's outline
};

/// The colours for palette: light or dark as its Base is.
TimelineColors timeline_colors(const QPalette& palette);

/// WCAG 2 relative luminance of c, 0 (black) .. 1 (white).
double relative_luminance(const QColor& c);

/// WCAG 2 contrast ratio of two colours, 1 .. 21 (4.5 is the minimum for body text).
double contrast_ratio(const QColor& a, const QColor& b);

/// Black or white, whichever reads better on fill (for a task number drawn on its bar).
QColor text_on(const QColor& fill);

}  // namespace plab::ui
