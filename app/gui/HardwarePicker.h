#pragma once

#include "hardware/HardwareDetect.h"
#include "hardware/HardwareProfile.h"

#include <QList>
#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QSpinBox;
class QToolButton;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// Picks the hardware Compare and Recommend plan for: this computer (as
// detected), a saved profile, or N catalog GPUs; optionally "no hardware".
// This computer is the default once it is detected.
class HardwarePicker final : public QWidget
{
    Q_OBJECT

public:
    explicit HardwarePicker(bool allowNone, QWidget *parent = nullptr);

    void setCatalog(const QList<Hardware::GpuSpec> &gpus, const QList<Hardware::HardwareProfile> &profiles);
    void setDetected(const Hardware::DetectedProfile &detected);

    // The chosen hardware; nullopt for "no hardware constraint".
    std::optional<Hardware::HardwareProfile> profile() const;
    // Picks a catalog GPU by id ("rtx-4090") with a count; false when unknown.
    bool selectGpu(const QString &gpuId, int count = 1);
    bool selectDetected();
    // "No hardware constraint" (pickers built with allowNone only).
    bool selectNone();
    QComboBox *combo() const { return m_combo; }

signals:
    void changed();
    void detectRequested();

private:
    void rebuild();
    void updateCount();

    bool m_allowNone;
    QList<Hardware::GpuSpec> m_gpus;
    QList<Hardware::HardwareProfile> m_profiles;
    std::optional<Hardware::DetectedProfile> m_detected;
    bool m_chosen = false;   // the user (or a caller) picked an entry: detection must not override it
    QComboBox *m_combo = nullptr;
    QSpinBox *m_count = nullptr;
    QToolButton *m_detect = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace ModelAtlas::Gui
