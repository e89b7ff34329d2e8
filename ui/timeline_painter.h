// Paints the timeline's pieces: a run's block (header, lanes with their bars, crash marks,
// utilisation strip) and the axis' ticks. Used by TimelineWidget and TimelineAxisBar.
#pragma once

#include <QFont>
#include <QPainter>
#include <QString>
#include <utility>
#include <vector>

#include "sweep_data.h"
#include "time_axis.h"
#include "timeline_colors.h"
#include "timeline_layout.h"

namespace plab::ui {

/// What painting one run's block needs besides the run.
struct BlockPaint {
    const TimeAxis* axis = nullptr;
    TimelineColors colors;
    QFont font;         ///< lane labels, task numbers
    QFont bold;         ///< run headers
    double width = 0;   ///< of the widget
    double live_s = 0;  ///< how far this run has got (running bars end here)
    int hovered = -1;   ///< the bar to outline, or -1
    bool selected = false;
};

/// When lane (index into run.lanes) had a live worker: from its start (0, or when the worker
/// it replaced died) to its death (its crashed task's end) or live_s.
std::pair<double, double> lane_span(const RunRecord& run, int lane, double live_s);

/// Where a bar is drawn in its lane row [top, top + height): unclipped, at least 1 px wide.
QRectF bar_geometry(const TimeAxis& axis, const TaskBar& bar, double live_s, double top,
                    double height);

/// Paints run's block b (header, lanes, strip), skipping rows outside [clip_top, clip_bottom].
void paint_block(QPainter& p, const RunRecord& run, const RunBlock& b, const BlockPaint& how,
                 double clip_top, double clip_bottom);

/// The timeline's row sizes for text scaled by text_scale (lanes fit a label line, ...).
TimelineMetrics timeline_metrics(double text_scale);

/// Vertical tick lines of axis, in color, from y = 0 to bottom.
void paint_grid(QPainter& p, const TimeAxis& axis, const QColor& color, double bottom);

/// The axis' tick times and their step, round in time units (axis_ticks.h).
std::vector<double> axis_ticks(const TimeAxis& axis, double* step);

}  // namespace plab::ui
