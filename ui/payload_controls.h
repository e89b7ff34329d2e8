// The window's side of --payload: the Payload field and the Python the Code view shows for it.
#pragma once

#include <QComboBox>
#include <QFile>
#include <QString>
#include <string>

#include "experiment/spec.h"

namespace plab::ui {

/// What the Payload field's tooltip says first (the allowed values follow it).
QString payload_tooltip();

/// The Payload field: an editable combo box offering 0, 1KiB, 1MiB, 16MiB and the list
/// 0,1MiB,4MiB,16MiB; any size or comma-separated list can be typed (checked by check_form).
QComboBox* make_payload_box();

/// The field's text, trimmed; and setting it (no item needs to match).
std::string payload_box_text(const QComboBox* box);
void set_payload_box_text(QComboBox* box, const std::string& text);

/// The resource holding the Python of strategy with a payload (":/snippets/map_payload.py");
/// the C++ and map_closure (refused whatever it carries) keep plain's.
QString payload_snippet_path(Strategy strategy, const QString& language, const QFile& plain);

/// A snippet with its payload placeholders filled: {{payload_bytes}} and {{payload_text}}
/// ("16 MiB"); the C++ gets a first comment saying what travels, the pool's way or the ranks'
/// (strategy says which). Unchanged for payload 0.
QString payload_snippet_text(Strategy strategy, const ExperimentSpec& spec, const QString& language,
                             QString text);

}  // namespace plab::ui
