#pragma once

#include "CatalogData.h"
#include "Conflicts.h"
#include "util/Result.h"

#include <QSqlDatabase>

#include <memory>

namespace ModelAtlas::Catalog {

// Replaces every catalog table's rows inside the caller's transaction: clear(),
// then write() each file's records as they are parsed, then finish() with the
// conflicts of the whole catalog. User tables are never touched.
class CatalogWriter final
{
public:
    explicit CatalogWriter(QSqlDatabase &db);
    ~CatalogWriter();
    CatalogWriter(const CatalogWriter &) = delete;
    CatalogWriter &operator=(const CatalogWriter &) = delete;

    Status clear();
    Status write(const CatalogData &fragment);
    Status finish(const std::vector<Conflict> &conflicts, const QString &catalogVersion);

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ModelAtlas::Catalog
