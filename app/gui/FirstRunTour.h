#pragma once

#include <QDialog>
#include <QList>
#include <QString>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QPushButton;
class QSettings;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// A short tour of the pages on the first start: one step per page (its name
// and what it answers), Back/Next, and Skip at any time. Finishing or
// skipping sets the QSettings flag, so it is shown once.
class FirstRunTour final : public QDialog
{
    Q_OBJECT

public:
    struct Step
    {
        QString title, text;
    };

    explicit FirstRunTour(QList<Step> steps, QWidget *parent = nullptr);

    static bool alreadyShown(const QSettings &settings);
    static void markShown(QSettings &settings);

    int currentStep() const { return m_current; }
    int stepCount() const { return int(m_steps.size()); }
    void next();
    void back();

signals:
    // The tour shows step `index`; MainWindow shows that page behind it.
    void stepShown(int index);

private:
    void showStep(int index);

    QList<Step> m_steps;
    int m_current = 0;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_progress = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
};

} // namespace ModelAtlas::Gui
