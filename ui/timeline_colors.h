// The timeline's colours, taken from the widget's palette so a dark desktop gets a dark
// timeline, and the WCAG contrast ratio that keeps its text readable.
#pragma once

#include <QColor>
#include <QPalette>

#include "contrast.h"

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
    bool dark = false;  ///< the background is dark: strategies take their dark-palette colours
};

/// The colours for palette: light or dark as its Base is.
TimelineColors timeline_colors(const QPalette& palette);

}  // namespace plab::ui
