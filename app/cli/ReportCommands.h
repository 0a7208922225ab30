#pragma once

#include <QStringList>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Cli {

// `report --model M --quant Q --gpu NAME[xK] --ctx N --users U
//  [--profile FILE | --saved NAME | license flags] --format md|html|pdf|json -o FILE`:
// the deployment report (facts, benchmarks, plan, cost, license verdict, risks).
int runReport(Catalog::CatalogDatabase &db, const QStringList &args);

// Help text for the command, appended to the CLI's help.
const char *reportCommandsHelp();

} // namespace ModelAtlas::Cli
