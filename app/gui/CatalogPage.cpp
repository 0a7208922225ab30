#include "CatalogPage.h"

#include "CatalogFilterWidget.h"
#include "catalog/CatalogSortProxy.h"
#include "ModelDetailsHtml.h"

#include "catalog/CatalogTableModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

using namespace ModelAtlas::Catalog;

namespace {
// Long enough to swallow the keystrokes of one word, short enough to feel live.
constexpr int searchDebounceMs = 150;
const QString settingsGroup = QStringLiteral("CatalogPage");
} // namespace

CatalogPage::CatalogPage(CatalogService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("catalogSearch"));
    m_search->setPlaceholderText(tr("Search models by name, id or alias (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search models"));
    m_search->setClearButtonEnabled(true);
    auto *focusSearch = new QAction(this);
    focusSearch->setShortcut(QKeySequence::Find);
    connect(focusSearch, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(focusSearch);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("catalogCount"));

    m_filters = new CatalogFilterWidget;
    m_filters->setObjectName(QStringLiteral("catalogFilters"));
    auto *filterScroll = new QScrollArea(this);
    filterScroll->setWidget(m_filters);
    filterScroll->setWidgetResizable(true);
    filterScroll->setFrameShape(QFrame::NoFrame);
    filterScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    filterScroll->setMinimumWidth(m_filters->minimumSizeHint().width());

    m_model = new CatalogTableModel(this);
    m_proxy = new CatalogSortProxy(this);
    m_proxy->setSourceModel(m_model);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("catalogTable"));
    m_table->setAccessibleName(tr("Models"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    // Newest first: what engineers choosing a model look at first; models
    // without a date sort last.
    m_table->sortByColumn(CatalogTableModel::Released, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    // Row height from the font, so high-DPI and large fonts stay readable.
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 / 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    // Sizing columns looks at the first rows only: 10,000 rows would stall the GUI.
    header->setResizeContentsPrecision(200);
    m_table->setColumnHidden(CatalogTableModel::Score, true);

    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("modelDetails"));
    m_details->setAccessibleName(tr("Model details"));
    m_details->setOpenExternalLinks(true);
    m_details->setPlaceholderText(tr("Select a model to see every source's values, benchmarks and license."));

    m_listSplitter = new QSplitter(Qt::Vertical, this);
    m_listSplitter->setObjectName(QStringLiteral("catalogListSplitter"));
    m_listSplitter->addWidget(m_table);
    m_listSplitter->addWidget(m_details);
    m_listSplitter->setStretchFactor(0, 3);
    m_listSplitter->setStretchFactor(1, 2);
    m_listSplitter->setChildrenCollapsible(false);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("catalogSplitter"));
    m_splitter->addWidget(filterScroll);
    m_splitter->addWidget(m_listSplitter);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    // As narrow as the filters allow; the table gets the rest.
    const int filterWidth = m_filters->minimumSizeHint().width() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) * 2;
    m_splitter->setSizes({filterWidth, filterWidth * 4});

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_countLabel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_search, m_table);

    m_queryTimer = new QTimer(this);
    m_queryTimer->setSingleShot(true);
    connect(m_queryTimer, &QTimer::timeout, this, &CatalogPage::runQuery);
    connect(m_search, &QLineEdit::textChanged, this, [this] { scheduleQuery(searchDebounceMs); });
    // Filter controls change one click at a time; a zero delay still merges
    // the several signals one reset produces into a single query.
    connect(m_filters, &CatalogFilterWidget::filterChanged, this, [this] { scheduleQuery(0); });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CatalogPage::onCurrentRowChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &CatalogPage::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CatalogPage::updateCountLabel);

    connect(m_service, &CatalogService::finished, this, &CatalogPage::onCatalogReady);
    connect(m_service, &CatalogService::modelsReady, this, &CatalogPage::onModelsReady);
    connect(m_service, &CatalogService::detailsReady, this, &CatalogPage::onDetailsReady);
    connect(m_service, &CatalogService::queryFailed, this, &CatalogPage::onQueryFailed);

    m_countLabel->setText(tr("Opening the catalog…"));
    if (m_service->isReady())
        onCatalogReady(m_service->info());
}

CatalogPage::~CatalogPage() = default;

void CatalogPage::onCatalogReady(const CatalogInfo &info)
{
    m_filters->setChoices(info.families, info.vendors, info.benchmarks);
    if (!info.openError.isEmpty()) {
        m_countLabel->setText(tr("No catalog"));
        return;
    }
    runQuery();
}

void CatalogPage::scheduleQuery(int delayMs)
{
    m_queryTimer->start(delayMs);
}

void CatalogPage::runQuery()
{
    m_queryTimer->stop();
    if (!m_service->isReady())
        return; // the service queries once it is open
    if (!m_filters->isValid()) {
        // Keep the last valid result on screen; the panel shows what is wrong.
        m_countLabel->setText(tr("Check the filters"));
        return;
    }
    ModelFilter filter = m_filters->filter();
    filter.text = m_search->text();
    m_model->setScoreTitle(m_filters->benchmarkName());
    m_table->setColumnHidden(CatalogTableModel::Score, filter.benchmark.isEmpty());
    // The proxy sorts; the query's own order only matters for ties.
    m_service->requestModels(filter);
}

void CatalogPage::onModelsReady(const QList<ModelRow> &rows)
{
    const QString keep = m_pendingSelection.isEmpty() ? selectedModelId() : m_pendingSelection;
    m_model->setRows(rows);

    if (!m_firstRowsShown && !rows.isEmpty() && !m_headerRestored) {
        m_table->resizeColumnsToContents();
        // A few very long names must not push every other column off screen.
        const int charWidth = fontMetrics().averageCharWidth();
        for (int c = 0; c < CatalogTableModel::NB_COLUMNS; ++c) {
            const int maxWidth = charWidth * (c == CatalogTableModel::Name ? 28 : 15);
            if (m_table->columnWidth(c) > maxWidth)
                m_table->setColumnWidth(c, maxWidth);
        }
    }

    // Keep the selected model selected when it is still listed; otherwise
    // select the first row so the details pane is never stale.
    int proxyRow = -1;
    const bool requested = !m_pendingSelection.isEmpty();
    if (!keep.isEmpty()) {
        const QModelIndexList match = m_proxy->match(m_proxy->index(0, CatalogTableModel::Name),
                                                     CatalogTableModel::ModelIdRole, keep, 1, Qt::MatchExactly);
        if (!match.isEmpty()) {
            proxyRow = match.front().row();
            m_pendingSelection.clear();
        }
    }
    if (proxyRow < 0 && m_proxy->rowCount() > 0)
        proxyRow = 0;
    if (proxyRow >= 0) {
        const QModelIndex index = m_proxy->index(proxyRow, CatalogTableModel::Name);
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index, requested ? QAbstractItemView::PositionAtCenter : QAbstractItemView::EnsureVisible);
    } else {
        m_shownDetails.clear();
        m_details->clear();
    }
    updateCountLabel();
    m_firstRowsShown = true;
    emit modelsShown(int(rows.size()));
}

void CatalogPage::onCurrentRowChanged()
{
    const QString id = selectedModelId();
    if (id.isEmpty() || id == m_shownDetails)
        return;
    m_service->requestDetails(id);
}

void CatalogPage::onDetailsReady(const ModelDetails &details)
{
    m_shownDetails = details.row.id;
    m_details->setHtml(modelDetailsHtml(details, m_service->info().sources, m_details->palette()));
    emit detailsShown(details.row.id);
}

void CatalogPage::onQueryFailed(const QString &message)
{
    m_countLabel->setText(tr("Query failed"));
    m_countLabel->setToolTip(message);
}

void CatalogPage::updateCountLabel()
{
    const int shown = m_proxy->rowCount();
    const int total = m_service->info().modelCount;
    m_countLabel->setToolTip(QString());
    m_countLabel->setText(shown == total ? (total == 1 ? tr("1 model") : tr("%1 models").arg(total))
                                         : tr("%1 of %2 models").arg(shown).arg(total));
}

QString CatalogPage::selectedModelId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(CatalogTableModel::ModelIdRole).toString() : QString();
}

void CatalogPage::selectModel(const QString &modelId)
{
    const QModelIndexList match = m_proxy->rowCount() > 0
                                      ? m_proxy->match(m_proxy->index(0, CatalogTableModel::Name),
                                                       CatalogTableModel::ModelIdRole, modelId, 1, Qt::MatchExactly)
                                      : QModelIndexList();
    if (match.isEmpty()) {
        m_pendingSelection = modelId;
        return;
    }
    m_table->selectionModel()->setCurrentIndex(match.front(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(match.front());
}

void CatalogPage::saveState(QSettings &settings) const
{
    settings.beginGroup(settingsGroup);
    settings.setValue(QStringLiteral("header"), m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("listSplitter"), m_listSplitter->saveState());
    settings.endGroup();
}

void CatalogPage::restoreState(const QSettings &settings)
{
    const QString prefix = settingsGroup + QLatin1Char('/');
    QHeaderView *header = m_table->horizontalHeader();
    if (header->restoreState(settings.value(prefix + QStringLiteral("header")).toByteArray())) {
        m_headerRestored = true;
        m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
        // Whether Score shows depends on the benchmark filter, not on the last session.
        m_table->setColumnHidden(CatalogTableModel::Score, m_filters->filter().benchmark.isEmpty());
    }
    m_splitter->restoreState(settings.value(prefix + QStringLiteral("splitter")).toByteArray());
    m_listSplitter->restoreState(settings.value(prefix + QStringLiteral("listSplitter")).toByteArray());
}

} // namespace ModelAtlas::Gui
