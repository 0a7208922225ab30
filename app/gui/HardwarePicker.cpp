#include "HardwarePicker.h"

#include "hardware/GpuCatalog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

namespace {
// Item data: the kind of entry and its index in the matching list.
enum Kind { None, Detected, Saved, Gpu };
constexpr int KindRole = Qt::UserRole;
constexpr int IndexRole = Qt::UserRole + 1;
} // namespace

HardwarePicker::HardwarePicker(bool allowNone, QWidget *parent)
    : QWidget(parent)
    , m_allowNone(allowNone)
{
    m_combo = new QComboBox;
    m_combo->setObjectName(QStringLiteral("hardwareCombo"));
    m_combo->setAccessibleName(tr("Hardware"));
    m_combo->setToolTip(tr("The machine the models must fit on: this computer, a saved profile or catalog GPUs"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(22);
    m_count = new QSpinBox;
    m_count->setObjectName(QStringLiteral("gpuCount"));
    m_count->setAccessibleName(tr("Number of GPUs"));
    m_count->setRange(1, 64);
    m_count->setPrefix(QStringLiteral("× "));
    m_detect = new QToolButton;
    m_detect->setObjectName(QStringLiteral("detectHardware"));
    m_detect->setText(tr("Detect"));
    m_detect->setAccessibleName(tr("Detect this computer's hardware"));
    m_detect->setToolTip(tr("Read this computer's CPU, memory and NVIDIA GPUs again"));
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("hardwareNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_combo, 1);
    row->addWidget(m_count);
    row->addWidget(m_detect);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_note);

    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        updateCount();
        emit changed();
    });
    connect(m_combo, &QComboBox::activated, this, [this] { m_chosen = true; });
    connect(m_count, &QSpinBox::valueChanged, this, &HardwarePicker::changed);
    connect(m_detect, &QToolButton::clicked, this, &HardwarePicker::detectRequested);
    rebuild();
}

void HardwarePicker::setCatalog(const QList<Hardware::GpuSpec> &gpus, const QList<Hardware::HardwareProfile> &profiles)
{
    m_gpus.clear();
    // Cards without memory or bandwidth cannot be planned for; leave them out.
    for (const Hardware::GpuSpec &g : gpus)
        if (g.memoryGiB > 0 && g.bandwidthGBs > 0)
            m_gpus << g;
    m_profiles = profiles;
    rebuild();
}

void HardwarePicker::setDetected(const Hardware::DetectedProfile &detected)
{
    const bool first = !m_detected;
    m_detected = detected;
    rebuild();
    if (first && !m_chosen)
        selectDetected();
}

bool HardwarePicker::selectDetected()
{
    const int i = m_combo->findData(Detected, KindRole);
    if (i >= 0)
        m_combo->setCurrentIndex(i);
    return i >= 0;
}

void HardwarePicker::rebuild()
{
    const QSignalBlocker block(m_combo);
    const QVariant kind = m_combo->currentData(KindRole), index = m_combo->currentData(IndexRole);
    m_combo->clear();
    if (m_allowNone) {
        m_combo->addItem(tr("Any hardware (no fit check)"));
        m_combo->setItemData(0, None, KindRole);
    }
    if (m_detected) {
        const auto &p = m_detected->profile;
        const QString what = p.gpuCount > 0 ? tr("%1 × %2").arg(p.gpuCount).arg(p.gpu.name)
                                            : tr("CPU only, %1 GiB RAM").arg(QLocale().toString(p.systemRamGiB, 'f', 0));
        m_combo->addItem(tr("This computer (%1)").arg(what));
        m_combo->setItemData(m_combo->count() - 1, Detected, KindRole);
    }
    for (int i = 0; i < m_profiles.size(); ++i) {
        m_combo->addItem(tr("Saved: %1").arg(m_profiles[i].name));
        m_combo->setItemData(m_combo->count() - 1, Saved, KindRole);
        m_combo->setItemData(m_combo->count() - 1, i, IndexRole);
    }
    for (int i = 0; i < m_gpus.size(); ++i) {
        m_combo->addItem(m_gpus[i].name);
        m_combo->setItemData(m_combo->count() - 1, Gpu, KindRole);
        m_combo->setItemData(m_combo->count() - 1, i, IndexRole);
    }
    for (int i = 0; i < m_combo->count(); ++i)
        if (m_combo->itemData(i, KindRole) == kind && m_combo->itemData(i, IndexRole) == index)
            m_combo->setCurrentIndex(i);
    m_note->setText(m_detected ? m_detected->notes.join(QLatin1Char(' ')) : QString());
    m_note->setVisible(m_detected && !m_detected->notes.isEmpty());
    updateCount();
}

void HardwarePicker::updateCount()
{
    m_count->setEnabled(m_combo->currentData(KindRole).toInt() == Gpu);
}

bool HardwarePicker::selectNone()
{
    const int i = m_combo->findData(None, KindRole);
    if (i < 0)
        return false;
    m_chosen = true;
    m_combo->setCurrentIndex(i);
    return true;
}

bool HardwarePicker::selectGpu(const QString &gpuId, int count)
{
    for (int i = 0; i < m_combo->count(); ++i) {
        if (m_combo->itemData(i, KindRole).toInt() == Gpu && m_gpus[m_combo->itemData(i, IndexRole).toInt()].id == gpuId) {
            m_chosen = true;
            m_count->setValue(count);
            m_combo->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

std::optional<Hardware::HardwareProfile> HardwarePicker::profile() const
{
    const int index = m_combo->currentData(IndexRole).toInt();
    switch (m_combo->currentData(KindRole).toInt()) {
    case Detected: return m_detected->profile;
    case Saved: return m_profiles.value(index);
    case Gpu: {
        Hardware::HardwareProfile p = Hardware::profileFor(m_gpus.value(index), m_count->value());
        // The planner offloads to system RAM; assume a workstation's 64 GiB
        // unless this computer told us otherwise.
        p.systemRamGiB = m_detected && m_detected->profile.systemRamGiB > 0 ? m_detected->profile.systemRamGiB : 64;
        return p;
    }
    default: return std::nullopt;
    }
}

} // namespace ModelAtlas::Gui
