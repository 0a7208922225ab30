#pragma once

#include <QStringList>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Cli {

// `side-by-side -m FILE | --endpoint URL --model NAME ... -p PROMPT [--json]`:
// the Playground without a window. The same memory-aware scheduling as the
// desktop app; each local run is stored as a measurement.
int runSideBySide(Catalog::CatalogDatabase &db, const QStringList &args);

// Help text for the command, appended to the CLI's help.
const char *sideBySideHelp();

} // namespace ModelAtlas::Cli
