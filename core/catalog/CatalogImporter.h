#pragma once

#include "CatalogDatabase.h"
#include "util/Result.h"

#include <QString>

namespace ModelAtlas::Catalog {

struct ImportReport
{
    QString catalogVersion;
    int sources = 0;
    int models = 0;
    int scores = 0;
    int licenses = 0;
    int conflicts = 0;
    bool imported = false; // false when the database already held this catalog version
};

// Imports the catalog JSON in `dataDir` into `db`: everything is parsed and
// checked first, then written in one transaction. On any error the database
// is exactly as it was and the message names the file, JSON path and problem.
// User data (user_models, notes, hardware_profiles, measurements) is never touched.
Result<ImportReport> importCatalog(CatalogDatabase &db, const QString &dataDir);

// First run and updates: imports when the database holds no catalog or a
// different catalog version than `dataDir`; otherwise does nothing.
Result<ImportReport> ensureCatalogImported(CatalogDatabase &db, const QString &dataDir);

// The catalog compiled into the application (data/ as a Qt resource).
QString builtinCatalogDir();

} // namespace ModelAtlas::Catalog
