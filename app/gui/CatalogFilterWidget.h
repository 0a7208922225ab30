#pragma once

#include "catalog/CatalogQuery.h"

#include <QWidget>

#include <array>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// The catalog's filter controls. Produces a ModelFilter (without the search
// text, which the page owns) and refuses to produce one while the input is
// inconsistent: a min above its max is shown inline, never sent as a query.
class CatalogFilterWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit CatalogFilterWidget(QWidget *parent = nullptr);

    void setChoices(const QList<Catalog::NamedId> &families, const QList<Catalog::NamedId> &vendors,
                    const QList<Catalog::NamedId> &benchmarks);

    // Valid only when isValid(); then every control is reflected.
    Catalog::ModelFilter filter() const;
    bool isValid() const { return m_errorText.isEmpty(); }
    QString errorText() const { return m_errorText; }
    // Display name of the chosen benchmark (the Score column's title), or empty.
    QString benchmarkName() const;

    void reset();

signals:
    // Any control changed (also when the result is invalid; check isValid()).
    void filterChanged();

private:
    QComboBox *addCombo(const QString &objectName, const QString &accessibleName);
    QLineEdit *addNumberEdit(const QString &objectName, const QString &accessibleName, const QString &placeholder);
    void validate();
    static void setInvalid(QLineEdit *edit, bool invalid);

    QComboBox *m_family = nullptr;
    QComboBox *m_vendor = nullptr;
    std::array<QCheckBox *, 5> m_tiers{};
    QCheckBox *m_commercial = nullptr;
    QLineEdit *m_minParams = nullptr;
    QLineEdit *m_maxParams = nullptr;
    QLineEdit *m_maxActive = nullptr;
    QComboBox *m_minContext = nullptr;
    QComboBox *m_modality = nullptr;
    QComboBox *m_architecture = nullptr;
    QComboBox *m_benchmark = nullptr;
    QLineEdit *m_minScore = nullptr;
    QCheckBox *m_conflictsOnly = nullptr;
    QLabel *m_error = nullptr;
    QString m_errorText;
    // Set while building the widget and in reset(): one filterChanged(), not one per control.
    bool m_resetting = true;
};

} // namespace ModelAtlas::Gui
