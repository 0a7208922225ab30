#pragma once

#include "catalog/CatalogDatabase.h"
#include "util/Result.h"

#include <QString>

#include <memory>

namespace ModelAtlas::Gui {

// A worker thread's own connection to the catalog database. A QSqlDatabase
// connection belongs to the thread that opened it, so it is opened on first
// use (on the worker thread) rather than in the worker's constructor (on the
// GUI thread), and closed when the worker is destroyed on its thread.
class WorkerDatabase final
{
public:
    explicit WorkerDatabase(QString path) : m_path(std::move(path)) {}

    // Opens on the first call; later calls return at once.
    Status open();

    Catalog::CatalogDatabase *operator->() const { return m_db.get(); }
    Catalog::CatalogDatabase &operator*() const { return *m_db; }

private:
    QString m_path;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;
};

} // namespace ModelAtlas::Gui
