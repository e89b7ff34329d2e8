// What the window's tests share: event lines as the grammar writes them, bounded waits, and
// screenshots.
#pragma once

#include <QString>
#include <QWidget>
#include <functional>
#include <initializer_list>
#include <string>

#include "experiment_controller.h"
#include "presets.h"
#include "sweep_data.h"

namespace plab::ui::testing {

/// Joins fields with tabs: one event line as event_stream.h's grammar writes it.
std::string line(std::initializer_list<std::string> fields);

/// Parses each line with plab::events::parse and applies it to data at window time now_s.
/// Fails the current test (ADD_FAILURE) for a line that does not parse or apply.
void feed(SweepData& data, std::initializer_list<std::string> lines, double now_s = 0);

/// The article's sweep as a leg: serial, map, starmap, apply_async, map_closure, pathos_map
/// on 5 workers, 10 tasks of delay_ns each.
SweepSpec article_leg(std::int64_t delay_ns);

/// Runs the event loop until done() is true or timeout_ms pass; returns done().
bool wait_for(const std::function<bool()>& done, int timeout_ms);

/// Waits (at most timeout_ms) until the article's experiment is mid-run: Pool.map has ended and
/// at least five of starmap's (the third run's) tasks have started. Returns whether it got there.
bool wait_for_article_mid_run(const ExperimentController& controller, int timeout_ms);

/// Saves widget as PNG under the build's screenshots folder; returns the path.
QString save_screenshot(QWidget* widget, const QString& name);

/// The index of the preset named name in all, or -1.
int preset_index(const std::vector<Preset>& all, const std::string& name);

}  // namespace plab::ui::testing
