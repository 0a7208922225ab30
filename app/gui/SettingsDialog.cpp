#include "SettingsDialog.h"

#include "Appearance.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("SettingsDialog"));
    setWindowTitle(tr("Settings"));
    const QSettings settings;

    m_theme = new QComboBox;
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), themeId(Theme::System));
    m_theme->addItem(tr("Light"), themeId(Theme::Light));
    m_theme->addItem(tr("Dark"), themeId(Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(themeId(savedTheme(settings))));

    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language"));
    for (const QString &code : availableLanguages())
        m_language->addItem(languageName(code), code);
    const QString current = savedLanguage(settings);
    m_language->setCurrentIndex(m_language->findData(current));
    m_restartNote = new QLabel(tr("A new language applies the next time ModelAtlas starts."));
    m_restartNote->setObjectName(QStringLiteral("restartNote"));
    m_restartNote->setWordWrap(true);
    m_restartNote->setVisible(false);
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this, current] { m_restartNote->setVisible(m_language->currentData().toString() != current); });

    auto *form = new QFormLayout;
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(m_restartNote);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::apply()
{
    QSettings settings;
    const Theme theme = themeById(m_theme->currentData().toString());
    settings.setValue(QStringLiteral("appearance/theme"), themeId(theme));
    settings.setValue(QStringLiteral("appearance/language"), m_language->currentData().toString());
    applyTheme(theme);
}

} // namespace ModelAtlas::Gui
