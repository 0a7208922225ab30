#pragma once

#include "CatalogData.h"
#include "Conflicts.h"
#include "util/Result.h"

#include <QSqlDatabase>

namespace ModelAtlas::Catalog {

// Replaces every catalog table's rows with `data` inside the caller's
// transaction. User tables are not touched.
Status writeCatalog(QSqlDatabase &db, const CatalogData &data, const std::vector<Conflict> &conflicts);

} // namespace ModelAtlas::Catalog
