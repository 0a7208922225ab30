#pragma once

#include <QStringList>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Cli {

// `plan --model M [--gguf FILE] --quant Q --ctx N --users U --gpu NAME[xK] [--ram GB] [--json]`:
// memory per device with its breakdown, verdict, max context, speed.
int runPlan(Catalog::CatalogDatabase &db, const QStringList &args);
// `fit --gpu NAME[xK] [--ram GB] [--ctx N] [--json]`: every catalog model x 12
// quantizations; `fit --model M --quant Q [--ctx N]`: which GPU configurations run it.
int runFit(Catalog::CatalogDatabase &db, const QStringList &args);

// Help text for the two commands, appended to the CLI's help.
const char *planCommandsHelp();

} // namespace ModelAtlas::Cli
