#pragma once

#include "CatalogData.h"
#include "util/Result.h"

#include <QString>

#include <functional>

namespace ModelAtlas::Catalog {

// Reads data/manifest.json and every file it lists from `dataDir` (a folder
// or a Qt resource path such as ":/catalog"), validates each record, and
// cross-checks every reference (families, licenses, models, sources).
// Errors name the file, the JSON path and the problem.
Result<CatalogData> parseCatalog(const QString &dataDir);

// The same, one file at a time: `deliver` receives each file's records once the
// file is validated and returns false to stop. References between files are
// checked after the last file; only then is the whole catalog known to be good.
Status parseCatalogFiles(const QString &dataDir, const std::function<bool(CatalogData &&)> &deliver);

} // namespace ModelAtlas::Catalog
