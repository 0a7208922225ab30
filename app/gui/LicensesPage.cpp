#include "LicensesPage.h"

#include "CatalogService.h"
#include "LicensesPageService.h"
#include "LicenseLabels.h"

#include "planner/QuantMix.h"
#include "recommend/RecommendExplain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <map>

namespace ModelAtlas::Gui {

using License::Verdict;

// --- LicenseVerdictModel -------------------------------------------------------

void LicenseVerdictModel::setVerdicts(QList<License::ModelVerdict> verdicts)
{
    beginResetModel();
    m_verdicts = std::move(verdicts);
    endResetModel();
}

const License::ModelVerdict *LicenseVerdictModel::verdict(const QString &modelId) const
{
    for (const License::ModelVerdict &v : m_verdicts)
        if (v.modelId == modelId)
            return &v;
    return nullptr;
}

int LicenseVerdictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_verdicts.size());
}

int LicenseVerdictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QColor LicenseVerdictModel::verdictColour(Verdict v)
{
    switch (v) {
    case Verdict::Allowed: return QColor(0x1a, 0x7f, 0x37);                // green
    case Verdict::AllowedWithObligations: return QColor(0x9a, 0xa0, 0x00); // yellow-green
    case Verdict::NeedsLegalReview: return QColor(0xd9, 0x8e, 0x04);       // amber
    case Verdict::NotAllowed: return QColor(0xcf, 0x22, 0x2e);             // red
    }
    return {};
}

namespace {

QIcon trafficLight(Verdict v)
{
    // Drawn (16 px, cheap), so it follows no icon theme.
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(LicenseVerdictModel::verdictColour(v));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QRectF(2, 2, 12, 12));
    p.end();
    return QIcon(pm);
}

QStringList obligationKinds(const License::ModelVerdict &v)
{
    QStringList kinds;
    for (const License::Obligation &o : v.obligations)
        if (!kinds.contains(o.kind))
            kinds << o.kind;
    return kinds;
}

} // namespace

QVariant LicenseVerdictModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_verdicts.size())
        return {};
    const License::ModelVerdict &v = m_verdicts[index.row()];
    switch (role) {
    case ModelIdRole: return v.modelId;
    case VerdictRole: return int(v.verdict);
    case SortRole:
        if (index.column() == VerdictColumn)
            return int(v.verdict);
        return data(index, Qt::DisplayRole);
    case Qt::DecorationRole:
        return index.column() == VerdictColumn ? QVariant(trafficLight(v.verdict)) : QVariant();
    case Qt::AccessibleTextRole:
        if (index.column() == VerdictColumn)
            return tr("Verdict: %1").arg(Recommend::Explain::verdictText(v.verdict));
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == VerdictColumn && !v.reasons.empty())
            return v.reasons.front().summary;
        return {};
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case ModelColumn: return v.modelName.isEmpty() ? v.modelId : v.modelName;
        case LicenseColumn: return v.licenseIds.join(QLatin1Char('+'));
        case VerdictColumn: return Recommend::Explain::verdictText(v.verdict);
        case DecidingClauseColumn: return v.decidingClause();
        case ObligationsColumn: {
            QStringList labels;
            for (const QString &kind : obligationKinds(v))
                labels << obligationKindLabel(kind);
            return labels.join(QStringLiteral(", "));
        }
        case NB_COLUMNS: break;
        }
        return {};
    default:
        return {};
    }
}

QVariant LicenseVerdictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case ModelColumn: return tr("Model");
    case LicenseColumn: return tr("License");
    case VerdictColumn: return tr("Verdict");
    case DecidingClauseColumn: return tr("Deciding clause");
    case ObligationsColumn: return tr("Obligations");
    case NB_COLUMNS: break;
    }
    return {};
}

// --- LicensesPage ------------------------------------------------------------

LicensesPage::LicensesPage(CatalogService *catalog, const QString &databasePath, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
{
    setObjectName(QStringLiteral("LicensesPage"));
    m_service = new LicensesService(databasePath, this);

    auto *form = new QWidget;
    buildForm(form);
    auto *formScroll = new QScrollArea;
    formScroll->setWidget(form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);

    m_model = new LicenseVerdictModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LicenseVerdictModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("verdictTable"));
    m_table->setAccessibleName(tr("License verdicts of all models"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LicenseVerdictModel::ModelColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_clauses = new QTextBrowser;
    m_clauses->setObjectName(QStringLiteral("clauseViewer"));
    m_clauses->setAccessibleName(tr("Clauses behind the selected model's verdict"));
    m_clauses->setOpenExternalLinks(true);

    m_comparison = new QTableWidget;
    m_comparison->setObjectName(QStringLiteral("obligationComparison"));
    m_comparison->setAccessibleName(tr("Obligations of the selected models side by side"));
    m_comparison->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_comparison->setWordWrap(true);
    m_comparison->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);

    auto *comparisonBox = new QWidget;
    auto *comparisonLayout = new QVBoxLayout(comparisonBox);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);
    auto *comparisonLabel = new QLabel(tr("Obligations side by side (select two or more models):"));
    comparisonLayout->addWidget(comparisonLabel);
    comparisonLayout->addWidget(m_comparison);

    auto *details = new QSplitter(Qt::Horizontal);
    details->addWidget(m_clauses);
    details->addWidget(comparisonBox);
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_table);
    right->addWidget(details);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("licensesMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setText(tr("Verdicts read the license clauses recorded in the catalog; they are not legal advice."));

    auto *main = new QSplitter(Qt::Horizontal);
    main->addWidget(formScroll);
    main->addWidget(right);
    main->setStretchFactor(0, 0);
    main->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(main, 1);
    layout->addWidget(m_message);

    m_evaluateTimer = new QTimer(this);
    m_evaluateTimer->setSingleShot(true);
    m_evaluateTimer->setInterval(150); // typing 8-0-0 into the MAU field evaluates once
    connect(m_evaluateTimer, &QTimer::timeout, this, &LicensesPage::evaluateNow);

    connect(m_service, &LicensesService::reloaded, this, &LicensesPage::onReloaded);
    connect(m_service, &LicensesService::verdictsReady, this, &LicensesPage::onVerdicts);
    connect(m_service, &LicensesService::profileLoaded, this, &LicensesPage::setProfile);
    connect(m_service, &LicensesService::profilesChanged, this, &LicensesPage::onProfilesChanged);
    connect(m_service, &LicensesService::failed, this, &LicensesPage::onFailed);
    connect(m_service, &LicensesService::reportWritten, this, [this](const QString &path) {
        m_exportPending = false;
        showMessage(tr("Report written to %1.").arg(QDir::toNativeSeparators(path)), false);
        emit reportExported(path);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LicensesPage::updateDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LicensesPage::updateDetails);

    connect(m_catalog, &CatalogService::finished, this, &LicensesPage::onCatalogReady);
    if (m_catalog->isReady())
        onCatalogReady(m_catalog->info());
    updateDetails();
}

LicensesPage::~LicensesPage() = default;

void LicensesPage::buildForm(QWidget *form)
{
    auto *layout = new QVBoxLayout(form);

    auto *saved = new QGroupBox(tr("Saved profiles"));
    auto *savedLayout = new QFormLayout(saved);
    m_savedProfiles = new QComboBox;
    m_savedProfiles->setObjectName(QStringLiteral("savedProfiles"));
    m_savedProfiles->setAccessibleName(tr("Saved profile"));
    auto *load = new QPushButton(tr("&Load"));
    load->setObjectName(QStringLiteral("loadProfile"));
    load->setAccessibleName(tr("Load the saved profile"));
    connect(load, &QPushButton::clicked, this, [this] {
        if (!m_savedProfiles->currentText().isEmpty())
            m_service->loadProfile(m_savedProfiles->currentText());
    });
    auto *loadRow = new QHBoxLayout;
    loadRow->addWidget(m_savedProfiles, 1);
    loadRow->addWidget(load);
    savedLayout->addRow(tr("Profile:"), loadRow);
    m_profileName = new QLineEdit;
    m_profileName->setObjectName(QStringLiteral("profileName"));
    m_profileName->setAccessibleName(tr("Profile name"));
    m_profileName->setPlaceholderText(tr("e.g. production SaaS"));
    auto *save = new QPushButton(tr("&Save"));
    save->setObjectName(QStringLiteral("saveProfile"));
    save->setAccessibleName(tr("Save the profile under this name"));
    connect(save, &QPushButton::clicked, this, &LicensesPage::saveNamedProfile);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_profileName, 1);
    saveRow->addWidget(save);
    savedLayout->addRow(tr("Name:"), saveRow);
    auto *open = new QPushButton(tr("Open profile &file…"));
    open->setObjectName(QStringLiteral("openProfileFile"));
    open->setAccessibleName(tr("Open a profile file"));
    connect(open, &QPushButton::clicked, this, &LicensesPage::chooseProfileFile);
    savedLayout->addRow(open);
    layout->addWidget(saved);

    auto *who = new QGroupBox(tr("Deployment profile"));
    auto *whoLayout = new QFormLayout(who);
    m_organisation = new QComboBox;
    m_organisation->setObjectName(QStringLiteral("organisation"));
    m_organisation->setAccessibleName(tr("Organisation type"));
    for (const License::Choice &c : License::organisationTypes())
        m_organisation->addItem(profileChoiceLabel(c.id), QString::fromUtf8(c.id));
    whoLayout->addRow(tr("&Organisation:"), m_organisation);
    m_commercial = new QCheckBox(tr("&Commercial use"));
    m_commercial->setObjectName(QStringLiteral("commercial"));
    m_commercial->setAccessibleName(tr("Commercial use"));
    whoLayout->addRow(m_commercial);
    m_mau = new QDoubleSpinBox;
    m_mau->setObjectName(QStringLiteral("mau"));
    m_mau->setAccessibleName(tr("Monthly active users, millions"));
    m_mau->setRange(0, 8100);
    m_mau->setDecimals(3);
    m_mau->setSuffix(tr(" M"));
    m_mau->setToolTip(tr("Monthly active users of your products and services, including affiliates, in millions"));
    whoLayout->addRow(tr("Monthly active &users:"), m_mau);
    m_revenue = new QDoubleSpinBox;
    m_revenue->setObjectName(QStringLiteral("revenue"));
    m_revenue->setAccessibleName(tr("Annual revenue, millions of USD"));
    m_revenue->setRange(0, 1e7);
    m_revenue->setDecimals(2);
    m_revenue->setPrefix(QStringLiteral("$"));
    m_revenue->setSuffix(tr(" M"));
    whoLayout->addRow(tr("Annual &revenue:"), m_revenue);
    m_eu = new QCheckBox(tr("Domiciled in the &EU"));
    m_eu->setObjectName(QStringLiteral("eu"));
    m_eu->setAccessibleName(tr("Domiciled in the EU"));
    whoLayout->addRow(m_eu);
    const auto checkList = [](const char *name, const QString &accessible, const std::vector<License::Choice> &choices) {
        auto *list = new QListWidget;
        list->setObjectName(QLatin1String(name));
        list->setAccessibleName(accessible);
        for (const License::Choice &c : choices) {
            auto *item = new QListWidgetItem(profileChoiceLabel(c.id), list);
            item->setData(Qt::UserRole, QString::fromUtf8(c.id));
            item->setToolTip(QString::fromUtf8(c.description));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
        list->setMaximumHeight(list->sizeHintForRow(0) * int(choices.size() + 1) + 4);
        return list;
    };
    m_uses = checkList("uses", tr("Use modes"), License::useModes());
    m_domains = checkList("domains", tr("Domains"), License::domains());
    whoLayout->addRow(tr("Use modes:"), m_uses);
    whoLayout->addRow(tr("Domains:"), m_domains);
    layout->addWidget(who);

    auto *plan = new QGroupBox(tr("Report plan"));
    auto *planLayout = new QFormLayout(plan);
    m_quant = new QComboBox;
    m_quant->setObjectName(QStringLiteral("reportQuant"));
    m_quant->setAccessibleName(tr("Report quantization"));
    for (const Planner::Quant q : Planner::fitMatrixQuants())
        m_quant->addItem(QString::fromLatin1(Planner::quantInfo(q).name));
    m_quant->setCurrentText(QStringLiteral("Q4_K_M"));
    planLayout->addRow(tr("&Quantization:"), m_quant);
    m_gpu = new QComboBox;
    m_gpu->setObjectName(QStringLiteral("reportGpu"));
    m_gpu->setAccessibleName(tr("Report GPU"));
    planLayout->addRow(tr("&GPU:"), m_gpu);
    m_gpuCount = new QSpinBox;
    m_gpuCount->setObjectName(QStringLiteral("reportGpuCount"));
    m_gpuCount->setAccessibleName(tr("Number of GPUs"));
    m_gpuCount->setRange(1, 64);
    planLayout->addRow(tr("GPU &count:"), m_gpuCount);
    m_context = new QSpinBox;
    m_context->setObjectName(QStringLiteral("reportContext"));
    m_context->setAccessibleName(tr("Context length, tokens"));
    m_context->setRange(256, 1 << 24);
    m_context->setValue(8192);
    m_context->setSingleStep(1024);
    planLayout->addRow(tr("Con&text:"), m_context);
    m_users = new QSpinBox;
    m_users->setObjectName(QStringLiteral("reportUsers"));
    m_users->setAccessibleName(tr("Concurrent users"));
    m_users->setRange(1, 100000);
    planLayout->addRow(tr("Concurrent u&sers:"), m_users);
    m_export = new QPushButton(tr("E&xport report…"));
    m_export->setObjectName(QStringLiteral("exportReport"));
    m_export->setAccessibleName(tr("Export the deployment report of the selected model"));
    m_export->setToolTip(tr("Markdown, HTML, PDF or JSON, chosen by the file name's extension"));
    connect(m_export, &QPushButton::clicked, this, &LicensesPage::chooseExportFile);
    planLayout->addRow(m_export);
    layout->addWidget(plan);
    layout->addStretch(1);

    // Any change of the profile re-evaluates (debounced).
    connect(m_organisation, &QComboBox::currentIndexChanged, this, &LicensesPage::scheduleEvaluation);
    connect(m_commercial, &QCheckBox::toggled, this, &LicensesPage::scheduleEvaluation);
    connect(m_eu, &QCheckBox::toggled, this, &LicensesPage::scheduleEvaluation);
    connect(m_mau, &QDoubleSpinBox::valueChanged, this, &LicensesPage::scheduleEvaluation);
    connect(m_revenue, &QDoubleSpinBox::valueChanged, this, &LicensesPage::scheduleEvaluation);
    connect(m_uses, &QListWidget::itemChanged, this, &LicensesPage::scheduleEvaluation);
    connect(m_domains, &QListWidget::itemChanged, this, &LicensesPage::scheduleEvaluation);

    // A sensible first profile: a company's internal tool.
    License::DeploymentProfile initial;
    initial.uses = {QStringLiteral("internal")};
    setProfile(initial);
}

License::DeploymentProfile LicensesPage::profile() const
{
    License::DeploymentProfile p;
    p.name = m_profileName->text().trimmed();
    p.organisation = m_organisation->currentData().toString();
    p.commercial = m_commercial->isChecked();
    p.monthlyActiveUsers = std::round(m_mau->value() * 1e6);
    p.annualRevenueUsd = std::round(m_revenue->value() * 1e6);
    p.euDomiciled = m_eu->isChecked();
    for (int i = 0; i < m_uses->count(); ++i)
        if (m_uses->item(i)->checkState() == Qt::Checked)
            p.uses << m_uses->item(i)->data(Qt::UserRole).toString();
    for (int i = 0; i < m_domains->count(); ++i)
        if (m_domains->item(i)->checkState() == Qt::Checked)
            p.domains << m_domains->item(i)->data(Qt::UserRole).toString();
    return p;
}

void LicensesPage::setProfile(const License::DeploymentProfile &p)
{
    m_settingProfile = true;
    m_profileName->setText(p.name);
    const int org = m_organisation->findData(p.organisation);
    m_organisation->setCurrentIndex(org >= 0 ? org : 0);
    m_commercial->setChecked(p.commercial);
    m_mau->setValue(p.monthlyActiveUsers / 1e6);
    m_revenue->setValue(p.annualRevenueUsd / 1e6);
    m_eu->setChecked(p.euDomiciled);
    for (int i = 0; i < m_uses->count(); ++i)
        m_uses->item(i)->setCheckState(p.uses.contains(m_uses->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    for (int i = 0; i < m_domains->count(); ++i)
        m_domains->item(i)->setCheckState(p.domains.contains(m_domains->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    m_settingProfile = false;
    scheduleEvaluation();
}

void LicensesPage::onCatalogReady(const CatalogInfo &info)
{
    if (!info.openError.isEmpty())
        return;
    m_service->reload();
}

void LicensesPage::onReloaded(const QStringList &gpus, const QStringList &profileNames)
{
    const QString current = m_gpu->currentText();
    m_gpu->clear();
    m_gpu->addItem(QStringLiteral("cpu"));
    m_gpu->addItems(gpus);
    const int h100 = m_gpu->findText(current.isEmpty() ? QStringLiteral("h100-sxm-80gb") : current);
    if (h100 >= 0)
        m_gpu->setCurrentIndex(h100);
    onProfilesChanged(profileNames);
    m_loaded = true;
    evaluateNow();
}

void LicensesPage::onProfilesChanged(const QStringList &names)
{
    const QString current = m_savedProfiles->currentText();
    m_savedProfiles->clear();
    m_savedProfiles->addItems(names);
    m_savedProfiles->setCurrentText(current);
}

void LicensesPage::scheduleEvaluation()
{
    if (!m_settingProfile && m_loaded)
        m_evaluateTimer->start();
}

void LicensesPage::evaluateNow()
{
    m_evaluateTimer->stop();
    const License::DeploymentProfile p = profile();
    if (const Status s = License::validate(p); !s) {
        showMessage(tr("The profile is incomplete: %1").arg(s.error()), true);
        return;
    }
    showMessage(tr("Verdicts read the license clauses recorded in the catalog; they are not legal advice."), false);
    m_service->evaluate(p);
}

void LicensesPage::onVerdicts(const QList<License::ModelVerdict> &verdicts)
{
    const QStringList selected = selectedModelIds();
    m_model->setVerdicts(verdicts);
    m_table->resizeColumnsToContents();
    selectModels(selected);
    updateDetails();
    emit verdictsShown(int(verdicts.size()));
}

void LicensesPage::onFailed(const QString &message)
{
    showMessage(message, true);
    if (m_exportPending) {
        m_exportPending = false;
        emit exportFailed(message);
    }
}

void LicensesPage::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
}

QStringList LicensesPage::selectedModelIds() const
{
    QStringList ids;
    // Current row first, so the clause viewer follows the row the user clicked.
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (current.isValid() && m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        ids << current.data(LicenseVerdictModel::ModelIdRole).toString();
    for (const QModelIndex &row : rows) {
        const QString id = row.data(LicenseVerdictModel::ModelIdRole).toString();
        if (!ids.contains(id))
            ids << id;
    }
    return ids;
}

void LicensesPage::selectModels(const QStringList &modelIds)
{
    QItemSelection selection;
    QModelIndex first;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (modelIds.contains(index.data(LicenseVerdictModel::ModelIdRole).toString())) {
            selection.select(index, m_proxy->index(row, LicenseVerdictModel::NB_COLUMNS - 1));
            if (!first.isValid() || index.data(LicenseVerdictModel::ModelIdRole).toString() == modelIds.value(0))
                first = index;
        }
    }
    if (first.isValid())
        m_table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void LicensesPage::updateDetails()
{
    const QStringList ids = selectedModelIds();
    const License::ModelVerdict *v = ids.isEmpty() ? nullptr : m_model->verdict(ids.front());
    m_export->setEnabled(v != nullptr);
    if (!v) {
        m_clauses->setHtml(tr("<p>Select a model to see the clauses behind its verdict.</p>"));
    } else {
        QString html = QStringLiteral("<h3>%1</h3>").arg((v->modelName.isEmpty() ? v->modelId : v->modelName).toHtmlEscaped());
        html += tr("<p>License: %1</p>").arg(v->licenseIds.isEmpty() ? tr("none on record") : v->licenseIds.join(QStringLiteral(" + ")).toHtmlEscaped());
        html += QStringLiteral("<p><b><font color=\"%1\">%2</font></b></p>")
                    .arg(LicenseVerdictModel::verdictColour(v->verdict).name(), Recommend::Explain::verdictText(v->verdict).toHtmlEscaped());
        if (v->reasons.empty())
            html += tr("<p>No clause restricts this profile.</p>");
        for (const License::Reason &r : v->reasons) {
            html += QStringLiteral("<p><b><font color=\"%1\">[%2]</font> %3</b><br/>%4</p>")
                        .arg(LicenseVerdictModel::verdictColour(r.effect).name(), Recommend::Explain::verdictText(r.effect).toHtmlEscaped(),
                             (r.clauseId.isEmpty() ? r.licenseId : r.licenseId + QLatin1Char('/') + r.clauseId).toHtmlEscaped(),
                             r.summary.toHtmlEscaped());
            if (!r.why.isEmpty())
                html += tr("<p><i>Why it applies:</i> %1</p>").arg(r.why.toHtmlEscaped());
            if (!r.quote.isEmpty())
                html += QStringLiteral("<blockquote>“%1”</blockquote>").arg(r.quote.toHtmlEscaped());
            if (!r.src.isEmpty())
                html += tr("<p>Source: <a href=\"%1\">%2</a></p>").arg(r.src.toHtmlEscaped(), r.src.toHtmlEscaped());
            if (!r.remedy.isEmpty())
                html += tr("<p><i>Remedy:</i> %1</p>").arg(r.remedy.toHtmlEscaped());
        }
        if (!v->obligations.empty()) {
            html += tr("<h4>Obligations</h4><ul>");
            for (const License::Obligation &o : v->obligations)
                html += QStringLiteral("<li>☐ (%1) %2</li>").arg(obligationKindLabel(o.kind).toHtmlEscaped(),
                                                                  o.text.toHtmlEscaped());
            html += QStringLiteral("</ul>");
        }
        for (const QString &n : v->notes)
            html += tr("<p><i>Note:</i> %1</p>").arg(n.toHtmlEscaped());
        html += tr("<p><small>Not legal advice: a reading of the license clauses recorded in the catalog.</small></p>");
        m_clauses->setHtml(html);
    }

    // Side by side: one row per obligation kind, one column per selected model.
    m_comparison->clear();
    QList<const License::ModelVerdict *> chosen;
    for (const QString &id : ids)
        if (const License::ModelVerdict *mv = m_model->verdict(id))
            chosen << mv;
    if (chosen.size() < 2) {
        m_comparison->setRowCount(0);
        m_comparison->setColumnCount(0);
        return;
    }
    QStringList kinds;
    for (const License::ModelVerdict *mv : chosen)
        for (const QString &k : obligationKinds(*mv))
            if (!kinds.contains(k))
                kinds << k;
    m_comparison->setColumnCount(int(chosen.size()));
    m_comparison->setRowCount(int(kinds.size()) + 1);
    QStringList headers;
    for (const License::ModelVerdict *mv : chosen)
        headers << (mv->modelName.isEmpty() ? mv->modelId : mv->modelName);
    m_comparison->setHorizontalHeaderLabels(headers);
    QStringList rowNames{tr("verdict")};
    for (const QString &kind : kinds)
        rowNames << obligationKindLabel(kind);
    m_comparison->setVerticalHeaderLabels(rowNames);
    for (int c = 0; c < chosen.size(); ++c) {
        auto *verdict = new QTableWidgetItem(trafficLight(chosen[c]->verdict), Recommend::Explain::verdictText(chosen[c]->verdict));
        m_comparison->setItem(0, c, verdict);
        for (int r = 0; r < kinds.size(); ++r) {
            QStringList texts;
            for (const License::Obligation &o : chosen[c]->obligations)
                if (o.kind == kinds[r])
                    texts << o.text;
            auto *item = new QTableWidgetItem(texts.isEmpty() ? QStringLiteral("—") : texts.join(QLatin1Char('\n')));
            item->setToolTip(texts.join(QLatin1Char('\n')));
            m_comparison->setItem(r + 1, c, item);
        }
    }
    m_comparison->resizeRowsToContents();
}

Status LicensesPage::importProfileFile(const QString &path)
{
    const auto loaded = License::loadProfileFile(path);
    if (!loaded) {
        showMessage(tr("Could not read the profile: %1").arg(loaded.error()), true);
        return Status::failure(loaded.error());
    }
    setProfile(loaded.value());
    showMessage(tr("Profile read from %1.").arg(QDir::toNativeSeparators(path)), false);
    return {};
}

void LicensesPage::exportReport(const QString &path)
{
    const QStringList ids = selectedModelIds();
    const auto format = Reports::formatForPath(path);
    QString problem;
    if (ids.isEmpty())
        problem = tr("Select a model to export its report.");
    else if (!format)
        problem = tr("Choose a file name ending in .md, .html, .pdf or .json.");
    const License::DeploymentProfile p = profile();
    if (problem.isEmpty())
        if (const Status s = License::validate(p); !s)
            problem = tr("The profile is incomplete: %1").arg(s.error());
    if (!problem.isEmpty()) {
        showMessage(problem, true);
        emit exportFailed(problem);
        return;
    }
    Reports::ReportRequest request;
    request.model = ids.front();
    request.quant = m_quant->currentText();
    const QString gpu = m_gpu->currentText();
    // The count is part of the GPU text: "h100-sxm-80gbx2".
    request.gpu = gpu == QLatin1String("cpu") || m_gpuCount->value() == 1 ? gpu : QStringLiteral("%1x%2").arg(gpu).arg(m_gpuCount->value());
    request.context = m_context->value();
    request.users = m_users->value();
    request.profile = p;
    showMessage(tr("Writing the report…"), false);
    m_exportPending = true;
    m_service->exportReport(request, *format, path);
}

void LicensesPage::chooseExportFile()
{
    const QStringList ids = selectedModelIds();
    if (ids.isEmpty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export deployment report"), ids.front() + QStringLiteral("-report.pdf"),
                                                      tr("PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;JSON (*.json)"));
    if (!path.isEmpty())
        exportReport(path);
}

void LicensesPage::chooseProfileFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open deployment profile"), QString(), tr("Profiles (*.json);;All files (*)"));
    if (!path.isEmpty())
        importProfileFile(path);
}

void LicensesPage::saveNamedProfile()
{
    License::DeploymentProfile p = profile();
    if (p.name.isEmpty()) {
        showMessage(tr("Give the profile a name to save it."), true);
        return;
    }
    if (const Status s = License::validate(p); !s) {
        showMessage(tr("The profile is incomplete: %1").arg(s.error()), true);
        return;
    }
    m_service->saveProfile(p);
    showMessage(tr("Profile \"%1\" saved.").arg(p.name), false);
}

} // namespace ModelAtlas::Gui
