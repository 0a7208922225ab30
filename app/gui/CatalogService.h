#pragma once

#include "catalog/CatalogQuery.h"
#include "catalog/ModelDetails.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Gui {

// What the GUI needs to know about the catalog once the database is open.
struct CatalogInfo
{
    QString databasePath;
    QString catalogVersion;
    int modelCount = 0;
    QList<Catalog::NamedId> families, vendors, benchmarks;
    QHash<QString, Catalog::SourceRow> sources; // id -> source, for labels and links in the details
    bool imported = false;  // this start imported (or updated) the built-in catalog
    QString importError;    // the import failed; the database keeps what it had
    QString openError;      // the database could not be opened at all; nothing can be queried
};

namespace Internal {

// Lives on CatalogService's thread and owns that thread's database
// connection: a QSqlDatabase connection must only be used by the thread that
// opened it, so the GUI thread never touches it.
class CatalogWorker final : public QObject
{
    Q_OBJECT

public:
    CatalogWorker(QString databasePath, QString dataDir);
    ~CatalogWorker() override;

    void open();
    void queryModels(quint64 requestId, const Catalog::ModelFilter &filter, const Catalog::ModelSort &sort);
    void loadDetails(quint64 requestId, const QString &modelId);

signals:
    void opened(const ModelAtlas::Gui::CatalogInfo &info);
    void modelsReady(quint64 requestId, const QList<ModelAtlas::Catalog::ModelRow> &rows);
    void detailsReady(quint64 requestId, const ModelAtlas::Catalog::ModelDetails &details);
    void requestFailed(quint64 requestId, const QString &message);

private:
    QString m_databasePath;
    QString m_dataDir;
    std::unique_ptr<Catalog::CatalogDatabase> m_db; // null until open() succeeded
};

} // namespace Internal

// The GUI's only way to the catalog database. Opening, migrating, importing
// the built-in catalog and every query run on a worker thread; results come
// back as signals on the GUI thread. Only the newest request of each kind is
// answered: a result that a later request superseded is dropped, so a fast
// typist never sees an older search overwrite a newer one.
class CatalogService final : public QObject
{
    Q_OBJECT

public:
    explicit CatalogService(QString databasePath, QString dataDir = {}, QObject *parent = nullptr);
    ~CatalogService() override;

    // Opens the database and imports the catalog if it is missing or older.
    // Returns at once; emits started(), then finished() (and error() first
    // when the import or the open failed).
    void start();
    bool isReady() const { return m_ready; }
    const CatalogInfo &info() const { return m_info; }

    void requestModels(const Catalog::ModelFilter &filter, const Catalog::ModelSort &sort = {});
    void requestDetails(const QString &modelId);

signals:
    void started();
    void finished(const ModelAtlas::Gui::CatalogInfo &info);
    void error(const QString &message);
    void modelsReady(const QList<ModelAtlas::Catalog::ModelRow> &rows);
    void detailsReady(const ModelAtlas::Catalog::ModelDetails &details);
    void queryFailed(const QString &message);

private:
    void onOpened(const CatalogInfo &info);
    void onModelsReady(quint64 requestId, const QList<Catalog::ModelRow> &rows);
    void onDetailsReady(quint64 requestId, const Catalog::ModelDetails &details);
    void onRequestFailed(quint64 requestId, const QString &message);

    QThread m_thread;
    Internal::CatalogWorker *m_worker = nullptr; // lives on m_thread, deleted there
    CatalogInfo m_info;
    bool m_ready = false;
    quint64 m_nextRequest = 1;
    quint64 m_modelsRequest = 0;   // newest models() request; older answers are stale
    quint64 m_detailsRequest = 0;  // newest details request
};

} // namespace ModelAtlas::Gui
