#pragma once

#include <QStringList>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Cli {

// Each command parses its own options from `args` (the words after the
// command name), prints to stdout/stderr and returns the process exit code:
// 0 success, 1 failure (message printed), 2 bad usage.
int runModels(Catalog::CatalogDatabase &db, const QStringList &args);
int runShow(Catalog::CatalogDatabase &db, const QStringList &args);
int runSources(Catalog::CatalogDatabase &db, const QStringList &args);
int runConflicts(Catalog::CatalogDatabase &db, const QStringList &args);
int runImport(Catalog::CatalogDatabase &db, const QStringList &args);

} // namespace ModelAtlas::Cli
