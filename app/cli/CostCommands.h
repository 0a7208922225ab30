#pragma once

#include <QStringList>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Cli {

// `hardware list|show NAME|add NAME ...|remove NAME`: built-in GPUs and saved profiles.
int runHardware(Catalog::CatalogDatabase &db, const QStringList &args);
// `cost --gpu NAME[xK] --tokens-per-s N --requests-per-day R --in T --out T ...`:
// self-hosting cost, API alternatives and break-even.
int runCost(Catalog::CatalogDatabase &db, const QStringList &args);
// `serve-config --engine vllm|sglang|llamacpp|ollama --model M ...`: a ready-to-run configuration.
int runServeConfig(Catalog::CatalogDatabase &db, const QStringList &args);

// Help text for the three commands, appended to the CLI's help.
const char *costCommandsHelp();

} // namespace ModelAtlas::Cli
