#include "serial_part_controls.h"

#include <QHBoxLayout>
#include <algorithm>
#include <cmath>

#include "experiment/serial_part.h"

namespace plab::ui {

SerialPartControls::SerialPartControls(QWidget* parent)
    : QWidget(parent), fraction_(new QDoubleSpinBox), scaling_(new QComboBox) {
    fraction_->setRange(0.0, kMaxFraction);
    fraction_->setSingleStep(0.05);
    fraction_->setDecimals(2);
    fraction_->setSpecialValueText(tr("none"));
    fraction_->setToolTip(
        tr("The serial part: the fraction F of the work (tasks × delay) that the parent does "
           "alone before the pool starts; each task then takes (1−F) × delay, so serial still "
           "takes tasks × delay. Amdahl: however many workers, speedup stays below "
           "1/(F + (1−F)/n), and never reaches 1/F.\nAllowed: 0 (none) to 0.95"));
    scaling_->addItem(tr("Amdahl"), static_cast<int>(Scaling::Strong));
    scaling_->setItemData(
        0,
        tr("Strong scaling: the same tasks for every worker count; the serial part caps speedup"),
        Qt::ToolTipRole);
    scaling_->addItem(tr("Gustafson"), static_cast<int>(Scaling::Weak));
    scaling_->setItemData(
        1,
        tr("Weak scaling: tasks × workers; the problem grows with the pool, the serial part "
           "does not, and the scaled speedup n − F(n−1) keeps growing"),
        Qt::ToolTipRole);
    scaling_->setToolTip(
        tr("Strong scaling (Amdahl): the same problem on more workers. Weak scaling (Gustafson): "
           "each worker brings its own tasks (tasks × workers), each count compared with the "
           "serial run of its grown problem."));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(fraction_, 1);
    layout->addWidget(scaling_, 2);
    connect(fraction_, &QDoubleSpinBox::valueChanged, this, &SerialPartControls::changed);
    connect(scaling_, &QComboBox::currentIndexChanged, this, &SerialPartControls::changed);
}

double SerialPartControls::fraction() const {
    return fraction_->value();
}

Scaling SerialPartControls::scaling() const {
    return static_cast<Scaling>(scaling_->currentData().toInt());
}

void SerialPartControls::set(double fraction, Scaling scaling) {
    fraction_->setValue(std::isnan(fraction) ? 0.0 : std::clamp(fraction, 0.0, kMaxFraction));
    scaling_->setCurrentIndex(scaling_->findData(static_cast<int>(scaling)));
}

QString with_serial_part(const QString& python, const ExperimentSpec& spec) {
    const std::int64_t part_ns = serial_part_ns(spec);
    static const QString kStart = "    t0 = time.perf_counter()\n";
    if (part_ns <= 0 || !python.contains(kStart)) return python;
    const double f = spec.serial_fraction;
    const QString law =
        spec.scaling == Scaling::Weak
            ? QString(
                  "    # Gustafson: the problem grew with the workers, the serial part did not:\n"
                  "    # scaled speedup n - F(n-1) = %1 with n = %2\n")
                  .arg(gustafson_bound(f, spec.workers), 0, 'f', 2)
                  .arg(spec.workers)
            : QString("    # Amdahl: speedup stays below 1/(F + (1-F)/n) = %1 with n = %2\n")
                  .arg(amdahl_bound(f, spec.workers), 0, 'f', 2)
                  .arg(spec.workers);
    const QString part =
        kStart +
        QString(
            "    # the serial part: F = %1 of the work, done here in the parent before any\n"
            "    # worker starts (each task below does the other %2)\n"
            "    time.sleep(%3)\n")
            .arg(f, 0, 'f', 2)
            .arg(1.0 - f, 0, 'f', 2)
            .arg(static_cast<double>(part_ns) / 1e9, 0, 'g', 9) +
        law;
    QString out = python;
    out.replace(kStart, part);
    return out;
}

}  // namespace plab::ui
