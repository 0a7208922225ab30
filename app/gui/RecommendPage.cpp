#include "RecommendPage.h"

#include "CatalogService.h"
#include "HardwarePicker.h"
#include "LicenseLabels.h"
#include "recommend/RecommendExplain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

namespace {

QString useCaseLabel(Recommend::UseCase u)
{
    using U = Recommend::UseCase;
    switch (u) {
    case U::General: return RecommendPage::tr("General purpose");
    case U::Coding: return RecommendPage::tr("Coding");
    case U::MathReasoning: return RecommendPage::tr("Math and reasoning");
    case U::Multilingual: return RecommendPage::tr("Multilingual");
    case U::LongContext: return RecommendPage::tr("Long context");
    case U::Rag: return RecommendPage::tr("RAG (retrieval-augmented generation)");
    case U::Chat: return RecommendPage::tr("Chat assistant");
    case U::Edge: return RecommendPage::tr("Edge / on-device");
    case U::Agentic: return RecommendPage::tr("Agentic, tool use");
    }
    return {};
}

enum Column { RankColumn, ModelColumn, ScoreColumn, FitColumn, LicenseColumn, CostColumn, NB_COLUMNS };

} // namespace

RecommendPage::RecommendPage(CatalogService *catalog, AdvisorService *advisor, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_advisor(advisor)
{
    setObjectName(QStringLiteral("RecommendPage"));

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("recommendMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_message->hide();

    m_shortlist = new QTableWidget(0, NB_COLUMNS);
    m_shortlist->setObjectName(QStringLiteral("shortlist"));
    m_shortlist->setAccessibleName(tr("Ranked shortlist"));
    m_shortlist->setHorizontalHeaderLabels({tr("#"), tr("Model"), tr("Score"), tr("On your hardware"), tr("License"), tr("Cost")});
    m_shortlist->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_shortlist->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_shortlist->setSelectionMode(QAbstractItemView::SingleSelection);
    m_shortlist->verticalHeader()->hide();
    m_shortlist->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_shortlist->horizontalHeader()->setStretchLastSection(true);
    m_reasons = new QTextBrowser;
    m_reasons->setObjectName(QStringLiteral("reasons"));
    m_reasons->setAccessibleName(tr("Why this rank"));
    m_excluded = new QListWidget;
    m_excluded->setObjectName(QStringLiteral("excluded"));
    m_excluded->setAccessibleName(tr("Models left out and why"));

    m_openPlan = new QPushButton(tr("Open &plan"));
    m_openPlan->setObjectName(QStringLiteral("openPlan"));
    m_openPlan->setToolTip(tr("Plan the selected model on the Planner page"));
    m_openLicense = new QPushButton(tr("&License report"));
    m_openLicense->setObjectName(QStringLiteral("openLicense"));
    m_openLicense->setToolTip(tr("Show the selected model's license verdict and clauses"));
    m_openPlayground = new QPushButton(tr("Try in Pla&yground"));
    m_openPlayground->setObjectName(QStringLiteral("openPlayground"));
    m_openPlayground->setToolTip(tr("Run the top models side by side in the Playground"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openPlan);
    buttons->addWidget(m_openLicense);
    buttons->addWidget(m_openPlayground);
    buttons->addStretch(1);

    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->addWidget(m_message);
    resultsLayout->addWidget(new QLabel(tr("Shortlist:")));
    resultsLayout->addWidget(m_shortlist, 2);
    resultsLayout->addLayout(buttons);
    resultsLayout->addWidget(m_reasons, 3);
    auto *excludedLabel = new QLabel(tr("Left out by a constraint:"));
    excludedLabel->setBuddy(m_excluded);
    resultsLayout->addWidget(excludedLabel);
    resultsLayout->addWidget(m_excluded, 1);

    // The form starts at its full width: cut at the right edge, it hid the
    // machine's name and the hardware note. On a small screen it scrolls
    // rather than widening the window.
    QWidget *form = buildForm();
    auto *formScroll = new QScrollArea;
    formScroll->setObjectName(QStringLiteral("recommendForm"));
    formScroll->setWidgetResizable(true);
    formScroll->setWidget(form);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(formScroll);
    splitter->addWidget(results);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, false);
    const int formWidth = form->sizeHint().width() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4;
    splitter->setSizes({formWidth, 2 * formWidth});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &RecommendPage::recommendNow);
    connect(m_shortlist, &QTableWidget::itemSelectionChanged, this, &RecommendPage::showDetails);
    connect(m_openPlan, &QPushButton::clicked, this, [this] {
        if (!selectedModelId().isEmpty())
            emit openPlanRequested(selectedModelId());
    });
    connect(m_openLicense, &QPushButton::clicked, this, [this] {
        if (!selectedModelId().isEmpty())
            emit openLicenseRequested(selectedModelId());
    });
    connect(m_openPlayground, &QPushButton::clicked, this, [this] {
        QStringList ids;
        for (int i = 0; i < std::min<qsizetype>(2, m_result.shortlist.size()); ++i)
            ids << m_result.shortlist[i].modelId;
        if (!ids.isEmpty())
            emit openPlaygroundRequested(ids);
    });
    connect(m_advisor, &AdvisorService::loaded, this, &RecommendPage::onLoaded);
    connect(m_advisor, &AdvisorService::recommended, this, &RecommendPage::onRecommended);
    connect(m_advisor, &AdvisorService::recommendFailed, this, &RecommendPage::onFailed);
    connect(m_advisor, &AdvisorService::detected, m_hardware, &HardwarePicker::setDetected);
    connect(m_catalog, &CatalogService::finished, this, &RecommendPage::onCatalogFinished);
    if (m_advisor->isLoaded())
        onLoaded(m_advisor->catalog());
    else if (m_catalog->isReady())
        onCatalogFinished(m_catalog->info());
}

RecommendPage::~RecommendPage() = default;

QWidget *RecommendPage::buildForm()
{
    auto *form = new QWidget;
    auto *layout = new QVBoxLayout(form);

    auto *task = new QGroupBox(tr("1. Use"));
    auto *taskForm = new QFormLayout(task);
    m_useCase = new QComboBox;
    m_useCase->setObjectName(QStringLiteral("useCase"));
    m_useCase->setAccessibleName(tr("Use case"));
    for (Recommend::UseCase u : Recommend::allUseCases())
        m_useCase->addItem(useCaseLabel(u), Recommend::useCaseId(u));
    m_languages = new QLineEdit;
    m_languages->setObjectName(QStringLiteral("languages"));
    m_languages->setAccessibleName(tr("Languages"));
    m_languages->setPlaceholderText(tr("e.g. Chinese, Japanese"));
    m_languages->setToolTip(tr("Comma-separated; Chinese, Japanese and Korean have their own recommendation tables"));
    m_context = new QComboBox;
    m_context->setObjectName(QStringLiteral("minContext"));
    m_context->setAccessibleName(tr("Minimum context"));
    m_context->addItem(tr("Any"), 0);
    for (const qint64 tokens : {qint64(32768), qint64(131072), qint64(1048576), qint64(10000000)})
        m_context->addItem(Recommend::Explain::tokens(double(tokens)), tokens);
    taskForm->addRow(tr("&Use case:"), m_useCase);
    taskForm->addRow(tr("Lan&guages:"), m_languages);
    taskForm->addRow(tr("Minimum &context:"), m_context);
    layout->addWidget(task);

    auto *hw = new QGroupBox(tr("2. Hardware"));
    auto *hwForm = new QFormLayout(hw);
    m_hardware = new HardwarePicker(true);
    m_allowOffload = new QCheckBox(tr("Allow CPU &offload"));
    m_allowOffload->setObjectName(QStringLiteral("allowOffload"));
    m_allowOffload->setToolTip(tr("Accept plans that keep some layers in system RAM (slower)"));
    m_minSpeed = new QDoubleSpinBox;
    m_minSpeed->setObjectName(QStringLiteral("minSpeed"));
    m_minSpeed->setAccessibleName(tr("Minimum decode speed"));
    m_minSpeed->setRange(0, 10000);
    m_minSpeed->setSuffix(tr(" tok/s"));
    m_minSpeed->setSpecialValueText(tr("No latency target"));
    auto *hwLabel = new QLabel(tr("&Machine:"));
    hwLabel->setBuddy(m_hardware->combo());
    hwForm->addRow(hwLabel, m_hardware);
    hwForm->addRow(QString(), m_allowOffload);
    hwForm->addRow(tr("Minimum &speed per user:"), m_minSpeed);
    layout->addWidget(hw);

    auto *license = new QGroupBox(tr("3. License"));
    auto *licenseForm = new QFormLayout(license);
    m_permissiveOnly = new QCheckBox(tr("Apache 2.0 / MIT-style licenses only (tier 1)"));
    m_permissiveOnly->setObjectName(QStringLiteral("permissiveOnly"));
    m_commercial = new QCheckBox(tr("Commercial deployment (check licenses)"));
    m_commercial->setObjectName(QStringLiteral("commercial"));
    m_use = new QComboBox;
    m_use->setObjectName(QStringLiteral("useMode"));
    m_use->setAccessibleName(tr("How the model is deployed"));
    for (const char *use : {"saas", "internal", "on_device"})
        m_use->addItem(profileChoiceLabel(use), QString::fromLatin1(use));
    m_mau = new QDoubleSpinBox;
    m_mau->setObjectName(QStringLiteral("mau"));
    m_mau->setAccessibleName(tr("Monthly active users"));
    m_mau->setRange(0, 8e9);
    m_mau->setDecimals(0);
    m_mau->setSingleStep(100000);
    m_mau->setGroupSeparatorShown(true);
    m_eu = new QCheckBox(tr("Organisation in the &EU (GDPR)"));
    m_eu->setObjectName(QStringLiteral("eu"));
    licenseForm->addRow(m_permissiveOnly);
    licenseForm->addRow(m_commercial);
    licenseForm->addRow(tr("&Deployment:"), m_use);
    licenseForm->addRow(tr("Monthly active &users:"), m_mau);
    licenseForm->addRow(m_eu);
    layout->addWidget(license);

    auto *traffic = new QGroupBox(tr("4. Traffic and budget"));
    auto *trafficForm = new QFormLayout(traffic);
    m_requests = new QSpinBox;
    m_requests->setObjectName(QStringLiteral("requestsPerDay"));
    m_requests->setAccessibleName(tr("Requests per day"));
    m_requests->setRange(0, 100000000);
    m_requests->setSingleStep(1000);
    m_requests->setGroupSeparatorShown(true);
    m_inTokens = new QSpinBox;
    m_inTokens->setObjectName(QStringLiteral("inputTokens"));
    m_inTokens->setAccessibleName(tr("Input tokens per request"));
    m_inTokens->setRange(0, 10000000);
    m_inTokens->setValue(500);
    m_outTokens = new QSpinBox;
    m_outTokens->setObjectName(QStringLiteral("outputTokens"));
    m_outTokens->setAccessibleName(tr("Output tokens per request"));
    m_outTokens->setRange(0, 1000000);
    m_outTokens->setValue(300);
    m_budget = new QDoubleSpinBox;
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setAccessibleName(tr("Monthly budget in USD"));
    m_budget->setRange(0, 1e9);
    m_budget->setDecimals(0);
    m_budget->setPrefix(QStringLiteral("$"));
    m_budget->setGroupSeparatorShown(true);
    m_budget->setSpecialValueText(tr("No budget limit"));
    trafficForm->addRow(tr("&Requests per day:"), m_requests);
    trafficForm->addRow(tr("&Input tokens per request:"), m_inTokens);
    trafficForm->addRow(tr("&Output tokens per request:"), m_outTokens);
    trafficForm->addRow(tr("Monthly &budget:"), m_budget);
    layout->addWidget(traffic);
    layout->addStretch(1);

    // Every input re-ranks after a short pause.
    const auto changed = [this] { scheduleRecommend(); };
    connect(m_useCase, &QComboBox::currentIndexChanged, this, changed);
    connect(m_languages, &QLineEdit::textChanged, this, changed);
    connect(m_context, &QComboBox::currentIndexChanged, this, changed);
    connect(m_hardware, &HardwarePicker::changed, this, changed);
    connect(m_hardware, &HardwarePicker::detectRequested, this, [this] { m_advisor->detectHardware(true); });
    connect(m_allowOffload, &QCheckBox::toggled, this, changed);
    connect(m_minSpeed, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_permissiveOnly, &QCheckBox::toggled, this, changed);
    connect(m_commercial, &QCheckBox::toggled, this, changed);
    connect(m_use, &QComboBox::currentIndexChanged, this, changed);
    connect(m_mau, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_eu, &QCheckBox::toggled, this, changed);
    connect(m_requests, &QSpinBox::valueChanged, this, changed);
    connect(m_inTokens, &QSpinBox::valueChanged, this, changed);
    connect(m_outTokens, &QSpinBox::valueChanged, this, changed);
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, changed);
    return form;
}

void RecommendPage::onCatalogFinished(const CatalogInfo &info)
{
    if (!info.openError.isEmpty()) {
        showMessage(tr("The catalog database could not be opened: %1").arg(info.openError));
        return;
    }
    m_advisor->ensureLoaded(info.databasePath);
}

void RecommendPage::onLoaded(const AdvisorCatalog &catalog)
{
    if (!catalog.error.isEmpty()) {
        showMessage(tr("The catalog could not be read: %1").arg(catalog.error));
        return;
    }
    m_hardware->setCatalog(catalog.gpus, catalog.profiles);
    m_ready = true;
    m_advisor->detectHardware();
    emit ready();
    scheduleRecommend();
}

Recommend::Request RecommendPage::request() const
{
    Recommend::Request r;
    r.useCase = Recommend::useCaseById(m_useCase->currentData().toString()).value_or(Recommend::UseCase::General);
    for (const QString &lang : m_languages->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        r.languages << lang.trimmed();
    r.hardware = m_hardware->profile();
    r.allowOffload = m_allowOffload->isChecked();
    r.minDecodeTokS = m_minSpeed->value();
    r.maxLicenseTier = m_permissiveOnly->isChecked() ? 1 : 0;
    r.minContext = m_context->currentData().toLongLong();
    if (m_commercial->isChecked() || m_eu->isChecked()) {
        License::DeploymentProfile p;
        p.commercial = m_commercial->isChecked();
        p.monthlyActiveUsers = m_mau->value();
        p.euDomiciled = m_eu->isChecked();
        p.uses = {m_use->currentData().toString()};
        r.deployment = p;
    }
    r.traffic.requestsPerDay = m_requests->value();
    r.traffic.inputTokensPerRequest = m_inTokens->value();
    r.traffic.outputTokensPerRequest = m_outTokens->value();
    if (m_budget->value() > 0)
        r.maxMonthlyUsd = m_budget->value();
    return r;
}

void RecommendPage::scheduleRecommend()
{
    m_languages->setEnabled(m_useCase->currentData().toString() == Recommend::useCaseId(Recommend::UseCase::Multilingual));
    m_debounce->start();
}

void RecommendPage::recommendNow()
{
    m_debounce->stop();
    if (!m_ready)
        return;
    const Recommend::Request r = request();
    // Nonsense is answered inline at once; the ranking itself runs on the worker.
    if (const Status s = Recommend::validate(r); !s) {
        onFailed(s.error());
        return;
    }
    m_advisor->recommend(r);
}

void RecommendPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString RecommendPage::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void RecommendPage::onFailed(const QString &message)
{
    m_result = {};
    m_shortlist->setRowCount(0);
    m_excluded->clear();
    m_reasons->clear();
    showMessage(message);
    emit recommendationShown(0);
}

void RecommendPage::onRecommended(const Recommend::Recommendation &result)
{
    m_result = result;
    showMessage(result.shortlist.isEmpty()
                    ? tr("No model meets every constraint. The list below says what removed each one.")
                    : QString());
    m_shortlist->setRowCount(int(result.shortlist.size()));
    const QLocale locale;
    for (int i = 0; i < result.shortlist.size(); ++i) {
        const Recommend::Candidate &c = result.shortlist[i];
        const QString fit = !c.fit.checked ? tr("not checked")
                            : c.fit.decodeTokS > 0 ? tr("%1, %2 tok/s").arg(c.fit.quant, locale.toString(c.fit.decodeTokS, 'f', 0))
                                                   : c.fit.quant;
        const QString cost = c.monthlyUsd ? tr("%1/month").arg(locale.toCurrencyString(*c.monthlyUsd, QStringLiteral("$"), 0))
                             : c.usdPerMTokens ? tr("%1/M tokens").arg(locale.toCurrencyString(*c.usdPerMTokens, QStringLiteral("$")))
                                               : tr("—");
        const QStringList cells = {locale.toString(i + 1), c.modelName, locale.toString(c.score * 100, 'f', 0), fit,
                                   c.licenseVerdict ? Recommend::Explain::verdictText(*c.licenseVerdict) : tr("not checked"),
                                   cost};
        for (int col = 0; col < NB_COLUMNS; ++col)
            m_shortlist->setItem(i, col, new QTableWidgetItem(cells[col]));
    }
    m_excluded->clear();
    for (const Recommend::Exclusion &e : result.excluded)
        m_excluded->addItem(tr("%1: %2").arg(e.modelName, e.reason));
    if (!result.shortlist.isEmpty()) {
        m_shortlist->selectRow(0);
        // Row 0 may have been selected already, and then no selection signal
        // comes: the details of the previous ranking's first row would stay.
        showDetails();
    } else {
        m_reasons->clear();
    }
    const bool any = !result.shortlist.isEmpty();
    m_openPlan->setEnabled(any);
    m_openLicense->setEnabled(any);
    m_openPlayground->setEnabled(any);
    emit recommendationShown(int(result.shortlist.size()));
}

QString RecommendPage::selectedModelId() const
{
    const int row = m_shortlist->currentRow();
    return row >= 0 && row < m_result.shortlist.size() ? m_result.shortlist[row].modelId : QString();
}

void RecommendPage::showDetails()
{
    const int row = m_shortlist->currentRow();
    if (row < 0 || row >= m_result.shortlist.size())
        return;
    const Recommend::Candidate &c = m_result.shortlist[row];
    QString html = QStringLiteral("<h3>%1. %2</h3><ul>").arg(row + 1).arg(c.modelName.toHtmlEscaped());
    for (const QString &reason : Recommend::Explain::reasons(c))
        html += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    // The runner-up's story is told against the pick above it.
    if (row + 1 < m_result.shortlist.size())
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Runner-up:"), Recommend::Explain::whyLost(c, m_result.shortlist[row + 1]).toHtmlEscaped());
    else if (row > 0)
        html += QStringLiteral("<p>%1</p>").arg(Recommend::Explain::whyLost(m_result.shortlist[row - 1], c).toHtmlEscaped());
    m_reasons->setHtml(html);
}

} // namespace ModelAtlas::Gui
