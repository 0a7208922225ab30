#pragma once

#include "CatalogData.h"
#include "util/Result.h"

#include <QString>

namespace ModelAtlas::Catalog {

// Reads data/manifest.json and every file it lists from `dataDir` (a folder
// or a Qt resource path such as ":/catalog"), validates each record, and
// cross-checks every reference (families, licenses, models, sources).
// Errors name the file, the JSON path and the problem.
Result<CatalogData> parseCatalog(const QString &dataDir);

} // namespace ModelAtlas::Catalog
