#include "CatalogFilterWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

using namespace ModelAtlas::Catalog;

namespace {

std::optional<double> numberIn(const QLineEdit *edit)
{
    bool ok = false;
    const double v = edit->locale().toDouble(edit->text().trimmed(), &ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

// Seed 003 section 21's license tiers, as the tooltips explain them.
QString tierDescription(int tier)
{
    switch (tier) {
    case 1: return CatalogFilterWidget::tr("Tier 1: fully free (Apache 2.0, MIT, BSD)");
    case 2: return CatalogFilterWidget::tr("Tier 2: conditional use policy (e.g. Llama 700M MAU threshold, Gemma terms)");
    case 3: return CatalogFilterWidget::tr("Tier 3: free for research; commercial use needs a separate license");
    case 4: return CatalogFilterWidget::tr("Tier 4: non-commercial only (CC-BY-NC, parts of OpenRAIL-M)");
    default: return CatalogFilterWidget::tr("Tier 5: most restrictive");
    }
}

} // namespace

CatalogFilterWidget::CatalogFilterWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    m_family = addCombo(QStringLiteral("familyFilter"), tr("Family"));
    form->addRow(tr("&Family:"), m_family);
    m_vendor = addCombo(QStringLiteral("vendorFilter"), tr("Vendor"));
    form->addRow(tr("&Vendor:"), m_vendor);

    auto *tierRow = new QHBoxLayout;
    tierRow->setSpacing(fontMetrics().averageCharWidth());
    for (int tier = 1; tier <= 5; ++tier) {
        auto *box = new QCheckBox(QString::number(tier), this);
        box->setObjectName(QStringLiteral("tierFilter%1").arg(tier));
        box->setAccessibleName(tr("License tier %1").arg(tier));
        box->setToolTip(tierDescription(tier));
        connect(box, &QCheckBox::toggled, this, &CatalogFilterWidget::validate);
        tierRow->addWidget(box);
        m_tiers[size_t(tier - 1)] = box;
    }
    tierRow->addStretch();
    auto *tierLabel = new QLabel(tr("License tier:"), this);
    tierLabel->setToolTip(tr("License tiers 1 (fully free) to 5 (most restrictive); none checked shows all"));
    form->addRow(tierLabel, tierRow);

    m_commercial = new QCheckBox(tr("&Commercial use allowed"), this);
    m_commercial->setObjectName(QStringLiteral("commercialFilter"));
    m_commercial->setToolTip(tr("Licenses that allow commercial use outright or under conditions (e.g. a user threshold)"));
    connect(m_commercial, &QCheckBox::toggled, this, &CatalogFilterWidget::validate);
    form->addRow(QString(), m_commercial);

    auto *paramsRow = new QHBoxLayout;
    m_minParams = addNumberEdit(QStringLiteral("minParamsFilter"), tr("Minimum total parameters, billions"), tr("min"));
    m_maxParams = addNumberEdit(QStringLiteral("maxParamsFilter"), tr("Maximum total parameters, billions"), tr("max"));
    paramsRow->addWidget(m_minParams);
    paramsRow->addWidget(new QLabel(QStringLiteral("–"), this));
    paramsRow->addWidget(m_maxParams);
    auto *paramsLabel = new QLabel(tr("&Params (B):"), this);
    paramsLabel->setBuddy(m_minParams);
    form->addRow(paramsLabel, paramsRow);

    m_maxActive = addNumberEdit(QStringLiteral("maxActiveFilter"), tr("Maximum active parameters, billions"), tr("max"));
    m_maxActive->setToolTip(tr("Parameters used per token: MoE models activate a fraction of their total"));
    form->addRow(tr("&Active params ≤ (B):"), m_maxActive);

    m_minContext = addCombo(QStringLiteral("minContextFilter"), tr("Minimum context length"));
    // Decimal thresholds: model cards write 128K for both 128,000 and 131,072.
    m_minContext->addItem(tr("Any"));
    for (const auto &[label, tokens] : {std::pair{"8K", 8000}, {"32K", 32000}, {"128K", 128000}, {"256K", 256000},
                                        {"1M", 1000000}})
        m_minContext->addItem(tr("≥ %1").arg(QLatin1String(label)), tokens);
    form->addRow(tr("Min con&text:"), m_minContext);

    m_modality = addCombo(QStringLiteral("modalityFilter"), tr("Input modality"));
    m_modality->addItem(tr("Any"));
    m_modality->addItem(tr("Image"), QStringLiteral("image"));
    m_modality->addItem(tr("Audio"), QStringLiteral("audio"));
    m_modality->addItem(tr("Video"), QStringLiteral("video"));
    form->addRow(tr("&Modality:"), m_modality);

    m_architecture = addCombo(QStringLiteral("architectureFilter"), tr("Architecture"));
    m_architecture->addItem(tr("Any"), int(ArchitectureFilter::Any));
    m_architecture->addItem(tr("Dense"), int(ArchitectureFilter::Dense));
    m_architecture->addItem(tr("Mixture of experts"), int(ArchitectureFilter::MoE));
    form->addRow(tr("A&rchitecture:"), m_architecture);

    m_benchmark = addCombo(QStringLiteral("benchmarkFilter"), tr("Benchmark shown in the Score column"));
    form->addRow(tr("&Benchmark:"), m_benchmark);
    m_minScore = addNumberEdit(QStringLiteral("minScoreFilter"), tr("Minimum benchmark score"), tr("any"));
    m_minScore->setValidator(new QDoubleValidator(-1e9, 1e9, 3, m_minScore));
    m_minScore->setEnabled(false);
    form->addRow(tr("Min &score:"), m_minScore);

    m_conflictsOnly = new QCheckBox(tr("Sources &disagree only"), this);
    m_conflictsOnly->setObjectName(QStringLiteral("conflictsFilter"));
    m_conflictsOnly->setToolTip(tr("Only models whose sources state different values for some field (⚠)"));
    connect(m_conflictsOnly, &QCheckBox::toggled, this, &CatalogFilterWidget::validate);
    form->addRow(QString(), m_conflictsOnly);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("filterError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_error->setPalette(errorPalette);

    auto *resetButton = new QPushButton(tr("R&eset filters"), this);
    resetButton->setObjectName(QStringLiteral("resetFilters"));
    connect(resetButton, &QPushButton::clicked, this, &CatalogFilterWidget::reset);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(resetButton, 0, Qt::AlignLeft);
    layout->addStretch();

    setChoices({}, {}, {});
    m_resetting = false;
}

QComboBox *CatalogFilterWidget::addCombo(const QString &objectName, const QString &accessibleName)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->setAccessibleName(accessibleName);
    // Long family names must not widen the whole panel.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    connect(combo, &QComboBox::currentIndexChanged, this, &CatalogFilterWidget::validate);
    return combo;
}

QLineEdit *CatalogFilterWidget::addNumberEdit(const QString &objectName, const QString &accessibleName,
                                              const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    auto *validator = new QDoubleValidator(0, 1e6, 3, edit);
    validator->setNotation(QDoubleValidator::StandardNotation);
    edit->setValidator(validator);
    edit->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00000.0")) * 3 / 2);
    connect(edit, &QLineEdit::textChanged, this, &CatalogFilterWidget::validate);
    return edit;
}

void CatalogFilterWidget::setChoices(const QList<NamedId> &families, const QList<NamedId> &vendors,
                                     const QList<NamedId> &benchmarks)
{
    const auto fill = [](QComboBox *combo, const QString &anyText, const QList<NamedId> &items) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(anyText);
        for (const NamedId &item : items)
            combo->addItem(item.name.isEmpty() ? item.id : item.name, item.id);
        combo->setCurrentIndex(qMax(0, combo->findData(current)));
    };
    fill(m_family, tr("All families"), families);
    fill(m_vendor, tr("All vendors"), vendors);
    fill(m_benchmark, tr("None"), benchmarks);
    m_minScore->setEnabled(m_benchmark->currentIndex() > 0);
}

ModelFilter CatalogFilterWidget::filter() const
{
    ModelFilter f;
    if (m_family->currentIndex() > 0)
        f.families = {m_family->currentData().toString()};
    if (m_vendor->currentIndex() > 0)
        f.vendors = {m_vendor->currentData().toString()};
    for (int tier = 1; tier <= 5; ++tier)
        if (m_tiers[size_t(tier - 1)]->isChecked())
            f.licenseTiers << tier;
    f.commercialUseOnly = m_commercial->isChecked();
    f.minParamsB = numberIn(m_minParams);
    f.maxParamsB = numberIn(m_maxParams);
    f.maxActiveParamsB = numberIn(m_maxActive);
    if (m_minContext->currentIndex() > 0)
        f.minContextTokens = m_minContext->currentData().toDouble();
    f.modality = m_modality->currentData().toString();
    f.architecture = ArchitectureFilter(m_architecture->currentData().toInt());
    if (m_benchmark->currentIndex() > 0) {
        f.benchmark = m_benchmark->currentData().toString();
        f.minScore = numberIn(m_minScore);
    }
    f.conflictsOnly = m_conflictsOnly->isChecked();
    return f;
}

QString CatalogFilterWidget::benchmarkName() const
{
    return m_benchmark->currentIndex() > 0 ? m_benchmark->currentText() : QString();
}

void CatalogFilterWidget::reset()
{
    m_resetting = true;
    for (QComboBox *combo : {m_family, m_vendor, m_minContext, m_modality, m_architecture, m_benchmark})
        combo->setCurrentIndex(0);
    for (QCheckBox *box : m_tiers)
        box->setChecked(false);
    m_commercial->setChecked(false);
    m_conflictsOnly->setChecked(false);
    for (QLineEdit *edit : {m_minParams, m_maxParams, m_maxActive, m_minScore})
        edit->clear();
    m_resetting = false;
    validate();
}

void CatalogFilterWidget::setInvalid(QLineEdit *edit, bool invalid)
{
    // A tinted base rather than a style sheet, which would replace the
    // platform style's frame for this one widget.
    QPalette p = edit->parentWidget()->palette();
    if (invalid)
        p.setColor(QPalette::Base, QColor(0xf8, 0xd7, 0xd3));
    if (invalid)
        p.setColor(QPalette::Text, QColor(0x40, 0x10, 0x10));
    edit->setPalette(p);
    edit->setProperty("invalid", invalid);
}

void CatalogFilterWidget::validate()
{
    if (m_resetting)
        return;
    m_minScore->setEnabled(m_benchmark->currentIndex() > 0);

    QStringList problems;
    const auto checkRange = [&](QLineEdit *minEdit, QLineEdit *maxEdit, const QString &what) {
        const std::optional<double> lo = numberIn(minEdit), hi = numberIn(maxEdit);
        const bool bad = lo && hi && *lo > *hi;
        setInvalid(minEdit, bad);
        setInvalid(maxEdit, bad);
        if (bad)
            problems << tr("%1: the minimum (%2) is above the maximum (%3).").arg(what, minEdit->text(), maxEdit->text());
    };
    checkRange(m_minParams, m_maxParams, tr("Params"));

    // Text the validator still calls "intermediate" (e.g. "1e") is not a number yet.
    for (QLineEdit *edit : {m_maxActive, m_minScore}) {
        const bool bad = !edit->text().trimmed().isEmpty() && !numberIn(edit);
        setInvalid(edit, bad);
        if (bad)
            problems << tr("%1: \"%2\" is not a number.").arg(edit->accessibleName(), edit->text());
    }
    for (QLineEdit *edit : {m_minParams, m_maxParams}) {
        if (!edit->text().trimmed().isEmpty() && !numberIn(edit)) {
            setInvalid(edit, true);
            problems << tr("%1: \"%2\" is not a number.").arg(edit->accessibleName(), edit->text());
        }
    }

    m_errorText = problems.join(QLatin1Char('\n'));
    m_error->setText(m_errorText);
    m_error->setVisible(!m_errorText.isEmpty());
    emit filterChanged();
}

} // namespace ModelAtlas::Gui
