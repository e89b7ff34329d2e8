#include "payload_controls.h"

#include <QCoreApplication>
#include <QLineEdit>

#include "experiment/payload.h"

namespace plab::ui {

QString payload_tooltip() {
    return QCoreApplication::translate(
        "Payload",
        "Each task sends and receives this many bytes; Python pickles them. Several sizes "
        "(0,1MiB,16MiB) run one sweep each, drawn side by side: the more data, the less "
        "speedup.");
}

QComboBox* make_payload_box() {
    auto* box = new QComboBox;
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    for (const char* item : {"0", "1KiB", "1MiB", "16MiB", "0,1MiB,4MiB,16MiB"})
        box->addItem(QString::fromLatin1(item));
    box->lineEdit()->setPlaceholderText("0, 4KiB, 16MiB or 0,1MiB,16MiB");
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(10);
    return box;
}

std::string payload_box_text(const QComboBox* box) {
    return box->currentText().trimmed().toStdString();
}

void set_payload_box_text(QComboBox* box, const std::string& text) {
    box->setEditText(QString::fromStdString(text));
}

QString payload_snippet_path(Strategy strategy, const QString& language, const QFile& plain) {
    if (language != "py" || strategy == Strategy::MapClosure) return plain.fileName();
    return QString(":/snippets/%1_payload.py").arg(QString::fromUtf8(strategy_name(strategy)));
}

QString payload_snippet_text(Strategy strategy, const ExperimentSpec& spec, const QString& language,
                             QString text) {
    if (spec.payload_bytes <= 0) return text;
    const QString size = QString::fromStdString(format_size(spec.payload_bytes));
    text.replace("{{payload_bytes}}", QString::number(spec.payload_bytes));
    text.replace("{{payload_text}}", size);
    if (language == "cpp" && runs_mpi(strategy)) {
        text.prepend(QString("// With a payload of %1: rank 0 sends each task's bytes after "
                             "its chunk\n// (mpi_map) or scatters them with the blocks "
                             "(mpi_scatter); the worker\n// rank checks them before the task "
                             "and sends them back with its result.\n")
                         .arg(size));
    } else if (language == "cpp") {
        text.prepend(
            QString("// With a payload of %1: the task is \"slow_pow_payload\", its argument\n"
                    "// the tuple (x, Value::bytes(data)), its result (pow, data); the "
                    "bytes\n// travel as a length and one copy, and the parent checks "
                    "them.\n")
                .arg(size));
    }
    return text;
}

}  // namespace plab::ui
