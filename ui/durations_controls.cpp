#include "durations_controls.h"

#include <QGridLayout>
#include <algorithm>
#include <array>

#include "experiment/durations.h"
#include "form_check.h"

namespace plab::ui {

namespace {

/// What the control shows for one shape: its item, what it means, and its number's box.
struct ShapeLook {
    DurationShape shape;
    const char* item;
    const char* meaning;
    const char* number;  ///< the number's name, or nullptr when the shape takes none
    double lo, hi, step, fallback;
};

constexpr std::array<ShapeLook, 5> kLooks{{
    {DurationShape::Fixed, QT_TRANSLATE_NOOP("DurationsControls", "fixed"),
     QT_TRANSLATE_NOOP("DurationsControls",
                       "fixed: every task takes the delay, as in the article."),
     nullptr, 0, 0, 0, 0},
    {DurationShape::Uniform, QT_TRANSLATE_NOOP("DurationsControls", "uniform"),
     QT_TRANSLATE_NOOP("DurationsControls",
                       "uniform:S: each task takes the delay times a random factor between "
                       "1-S and 1+S (S from 0 to 1): the mean stays the delay."),
     "S", 0, 1, 0.1, 0.5},
    {DurationShape::Exp, QT_TRANSLATE_NOOP("DurationsControls", "exp"),
     QT_TRANSLATE_NOOP("DurationsControls",
                       "exp: random durations, exponential with the delay as mean: most tasks "
                       "are short, a few are several times longer."),
     nullptr, 0, 0, 0, 0},
    {DurationShape::Straggler, QT_TRANSLATE_NOOP("DurationsControls", "straggler"),
     QT_TRANSLATE_NOOP("DurationsControls",
                       "straggler:F: the last task takes F times the delay, every other task "
                       "the delay (F from 0.01 to 1000)."),
     "F", 0.01, kMaxStragglerFactor, 1, 10},
    {DurationShape::Rising, QT_TRANSLATE_NOOP("DurationsControls", "rising"),
     QT_TRANSLATE_NOOP("DurationsControls",
                       "rising: task i of n takes delay x 2(i+1)/(n+1): the mean is the delay, "
                       "the last tasks are the longest (twice the delay)."),
     nullptr, 0, 0, 0, 0},
}};

const ShapeLook& look(DurationShape s) {
    return kLooks[static_cast<std::size_t>(s)];
}

}  // namespace

DurationsControls::DurationsControls(QWidget* parent)
    : QWidget(parent),
      shape_(new QComboBox),
      number_label_(new QLabel),
      number_(new QDoubleSpinBox),
      seed_(new QSpinBox) {
    QString all;
    for (const ShapeLook& l : kLooks) {
        shape_->addItem(tr(l.item), static_cast<int>(l.shape));
        shape_->setItemData(shape_->count() - 1, tr(l.meaning), Qt::ToolTipRole);
        all += (all.isEmpty() ? "" : "\n") + tr(l.meaning);
    }
    shape_->setToolTip(tr("How long each task takes around the delay:") + "\n" + all);
    number_->setDecimals(2);
    seed_->setRange(0, static_cast<int>(kMaxFormSeed));
    seed_->setToolTip(
        tr("Draws the uniform and exp durations: the same seed gives each task the same "
           "duration in every strategy, worker count and run; another seed, another draw."));
    auto* seed_label = new QLabel(tr("seed"));
    seed_label->setBuddy(seed_);
    number_label_->setBuddy(number_);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(shape_, 0, 0, 1, 4);
    grid->addWidget(number_label_, 1, 0);
    grid->addWidget(number_, 1, 1);
    grid->addWidget(seed_label, 1, 2);
    grid->addWidget(seed_, 1, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    connect(shape_, &QComboBox::currentIndexChanged, this, [this] {
        follow_shape();
        if (!filling_) {
            const ShapeLook& l = look(static_cast<DurationShape>(shape_->currentData().toInt()));
            filling_ = true;  // one change: the shape, with its default number
            if (l.number != nullptr) number_->setValue(l.fallback);
            filling_ = false;
            emit changed();
        }
    });
    connect(number_, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!filling_) emit changed();
    });
    connect(seed_, &QSpinBox::valueChanged, this, [this] {
        if (!filling_) emit changed();
    });
    set_seed(1);
    follow_shape();
}

void DurationsControls::follow_shape() {
    const bool was = filling_;
    filling_ = true;
    const ShapeLook& l = look(static_cast<DurationShape>(shape_->currentData().toInt()));
    const bool has_number = l.number != nullptr;
    number_label_->setText(has_number ? QString(l.number) : QString());
    if (has_number) {
        number_->setRange(l.lo, l.hi);
        number_->setSingleStep(l.step);
        number_->setToolTip(tr(l.meaning));
    }
    number_->setVisible(has_number);  // a shape without a number shows no empty box
    number_label_->setVisible(has_number);
    seed_->setEnabled(l.shape == DurationShape::Uniform || l.shape == DurationShape::Exp);
    filling_ = was;
}

std::string DurationsControls::text() const {
    const auto shape = static_cast<DurationShape>(shape_->currentData().toInt());
    return format_durations(
        Durations{shape, look(shape).number != nullptr ? number_->value() : 0.0});
}

void DurationsControls::set_text(const std::string& text) {
    const Durations d = parse_durations(text).value_or(Durations{});
    filling_ = true;
    shape_->setCurrentIndex(shape_->findData(static_cast<int>(d.shape)));
    follow_shape();
    if (look(d.shape).number != nullptr) number_->setValue(d.param);
    filling_ = false;
}

void DurationsControls::set_seed(std::int64_t seed) {
    filling_ = true;
    seed_->setValue(static_cast<int>(std::clamp<std::int64_t>(seed, 0, kMaxFormSeed)));
    filling_ = false;
}

}  // namespace plab::ui
