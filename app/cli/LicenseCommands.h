#pragma once

#include <QStringList>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Cli {

// `license [--profile FILE | --saved NAME | --commercial --mau N --revenue USD --eu
//  --use saas,internal,... --domain military,...] [--model M ...] [--json]`:
// license verdicts, reasons and obligations for a deployment profile.
int runLicense(Catalog::CatalogDatabase &db, const QStringList &args);

// Help text for the command, appended to the CLI's help.
const char *licenseCommandsHelp();

} // namespace ModelAtlas::Cli
