#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// Theme (applied at once) and interface language (applied on the next
// start: every widget takes its texts when it is built).
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    QComboBox *themeCombo() const { return m_theme; }
    QComboBox *languageCombo() const { return m_language; }
    // Stores the choices and applies the theme.
    void apply();

private:
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_restartNote = nullptr;
};

} // namespace ModelAtlas::Gui
