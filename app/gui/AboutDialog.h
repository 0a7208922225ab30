#pragma once

#include <QDialog>
#include <QString>

namespace ModelAtlas::Gui {

// Versions a bug report needs: the app, the catalog, Qt, the inference
// engine with its compute backend and the CPU kernels it selected.
class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    AboutDialog(const QString &catalogVersion, const QString &databasePath, QWidget *parent = nullptr);

    // The same facts as plain text (the dialog's "Copy" button, tests).
    QString versionText() const { return m_text; }

private:
    QString m_text;
};

} // namespace ModelAtlas::Gui
