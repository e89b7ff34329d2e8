#include "timeline_colors.h"

#include <algorithm>
#include <cmath>

namespace plab::ui {

namespace {

QColor mix(const QColor& a, const QColor& b, double t) {
    auto channel_mix = [t](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * t)); };
    return {channel_mix(a.red(), b.red()), channel_mix(a.green(), b.green()),
            channel_mix(a.blue(), b.blue())};
}

// The mix of background towards text that first reaches a contrast of 4.5 (WCAG AA).
QColor readable_muted(const QColor& background, const QColor& text) {
    for (double t = 0.55; t < 1.0; t += 0.05) {
        const QColor c = mix(background, text, t);
        if (contrast_ratio(c, background) >= 4.6) return c;
    }
    return text;
}

}  // namespace

TimelineColors timeline_colors(const QPalette& palette) {
    TimelineColors c;
    c.background = palette.color(QPalette::Base);
    QColor text = palette.color(QPalette::Text);
    if (contrast_ratio(text, c.background) < 7.0) text = text_on(c.background);
    c.text = text;
    const bool dark = relative_luminance(c.background) < 0.2;
    c.band = mix(c.background, text, dark ? 0.10 : 0.07);
    c.band_alt = mix(c.background, text, dark ? 0.14 : 0.11);
    c.grid = mix(c.background, text, dark ? 0.25 : 0.18);
    c.muted = readable_muted(c.background, text);
    c.cancelled = mix(c.background, text, 0.5);
    c.highlight = text;
    c.dark = dark;
    return c;
}

}  // namespace plab::ui
