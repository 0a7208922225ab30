#include "FirstRunTour.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

namespace {
const QString kShownKey = QStringLiteral("tour/shown");
}

FirstRunTour::FirstRunTour(QList<Step> steps, QWidget *parent)
    : QDialog(parent)
    , m_steps(std::move(steps))
{
    setObjectName(QStringLiteral("FirstRunTour"));
    setWindowTitle(tr("Welcome to ModelAtlas"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("tourTitle"));
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("tourText"));
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_progress = new QLabel;
    auto *skip = new QPushButton(tr("&Skip tour"));
    skip->setObjectName(QStringLiteral("tourSkip"));
    m_back = new QPushButton(tr("&Back"));
    m_back->setObjectName(QStringLiteral("tourBack"));
    m_next = new QPushButton;
    m_next->setObjectName(QStringLiteral("tourNext"));
    m_next->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress);
    buttons->addStretch(1);
    buttons->addWidget(skip);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);

    connect(skip, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_back, &QPushButton::clicked, this, &FirstRunTour::back);
    connect(m_next, &QPushButton::clicked, this, &FirstRunTour::next);
    // Done either way: a skipped tour is not shown again.
    connect(this, &QDialog::finished, this, [] {
        QSettings settings;
        markShown(settings);
    });
    showStep(0);
}

bool FirstRunTour::alreadyShown(const QSettings &settings)
{
    return settings.value(kShownKey, false).toBool();
}

void FirstRunTour::markShown(QSettings &settings)
{
    settings.setValue(kShownKey, true);
}

void FirstRunTour::next()
{
    if (m_current + 1 >= m_steps.size())
        accept();
    else
        showStep(m_current + 1);
}

void FirstRunTour::back()
{
    if (m_current > 0)
        showStep(m_current - 1);
}

void FirstRunTour::showStep(int index)
{
    if (m_steps.isEmpty())
        return;
    m_current = index;
    m_title->setText(QStringLiteral("<h3>%1</h3>").arg(m_steps[index].title.toHtmlEscaped()));
    m_text->setText(m_steps[index].text);
    m_progress->setText(tr("%1 of %2").arg(index + 1).arg(m_steps.size()));
    m_back->setEnabled(index > 0);
    m_next->setText(index + 1 < m_steps.size() ? tr("&Next") : tr("&Finish"));
    emit stepShown(index);
}

} // namespace ModelAtlas::Gui
