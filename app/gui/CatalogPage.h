#pragma once

#include "CatalogService.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QSettings;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTextBrowser;
class QTimer;
QT_END_NAMESPACE

namespace ModelAtlas::Catalog {
class CatalogTableModel;
}

namespace ModelAtlas::Gui {

class CatalogFilterWidget;

// The catalog list: search box and filters (run as catalog queries on the
// service's worker thread), the table (sorted locally by a proxy) and the
// details of the selected model.
class CatalogPage final : public QWidget
{
    Q_OBJECT

public:
    explicit CatalogPage(CatalogService *service, QWidget *parent = nullptr);
    ~CatalogPage() override;

    QTableView *tableView() const { return m_table; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    Catalog::CatalogTableModel *tableModel() const { return m_model; }
    QLineEdit *searchEdit() const { return m_search; }
    CatalogFilterWidget *filterWidget() const { return m_filters; }
    QTextBrowser *detailsView() const { return m_details; }

    QString selectedModelId() const;
    // Selects the model now, or once a query result contains it.
    void selectModel(const QString &modelId);

    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

signals:
    // A query's rows are in the table (the first one: the catalog is shown).
    void modelsShown(int count);
    void detailsShown(const QString &modelId);

private:
    void onCatalogReady(const CatalogInfo &info);
    void onModelsReady(const QList<Catalog::ModelRow> &rows);
    void onDetailsReady(const Catalog::ModelDetails &details);
    void onQueryFailed(const QString &message);
    void onCurrentRowChanged();
    void scheduleQuery(int delayMs);
    void runQuery();
    void updateCountLabel();

    CatalogService *m_service;
    Catalog::CatalogTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_countLabel = nullptr;
    CatalogFilterWidget *m_filters = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
    QSplitter *m_splitter = nullptr;       // filters | list
    QSplitter *m_listSplitter = nullptr;   // table / details
    QTimer *m_queryTimer = nullptr;
    QString m_pendingSelection;            // model to select when the rows arrive
    QString m_shownDetails;                // model whose details the pane shows
    bool m_headerRestored = false;
    bool m_firstRowsShown = false;
};

} // namespace ModelAtlas::Gui
