// The window's "Start method" control (--start) and what the Code view shows for it.
#pragma once

#include <QComboBox>
#include <QString>
#include <vector>

#include "experiment/strategy.h"
#include "pool/start_method.h"

namespace plab::ui {

/// A combo of fork, spawn, forkserver and "all three, side by side", each with a tooltip that
/// says what it does here and what Python does.
QComboBox* make_start_combo();
/// The methods the combo asks for (one, or the three).
std::vector<StartMethod> starts_of(const QComboBox* combo);
/// Selects the item for starts (one of the four the combo offers; anything else: fork).
void select_starts(QComboBox* combo, const std::vector<StartMethod>& starts);

/// The Python snippet for strategy rewritten for start method m: the Pool made from
/// multiprocessing.get_context(m), with a comment on what Python does; unchanged under fork.
QString python_for_start(QString text, Strategy strategy, StartMethod m);
/// The C++ snippet with the pool's option set for m; unchanged under fork.
QString cpp_for_start(QString text, StartMethod m);

}  // namespace plab::ui
