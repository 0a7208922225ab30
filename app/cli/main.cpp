// modelatlas-cli: the catalog from a terminal. Opens (and on first run fills)
// the same database as the desktop app.
#include "CliCommands.h"
#include "CostCommands.h"
#include "LicenseCommands.h"
#include "PlanCommands.h"
#include "ReportCommands.h"
#include "SideBySideCommands.h"
#include "Console.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogImporter.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstring>
#include <functional>
#include <map>
#include <memory>

using namespace ModelAtlas;

namespace {

const char *const kHelp = R"(modelatlas-cli — query the ModelAtlas catalog of open-weight LLMs

Usage: modelatlas-cli [--db PATH] COMMAND [OPTIONS]

Commands:
  models [filters] [--json]   list models
      --search TEXT           full-text search over names and aliases
      --family ID[,ID]        e.g. qwen3, llama-4      --vendor ID[,ID]   e.g. meta, alibaba
      --tier N[,N]            license tier 1-5         --commercial       commercial use allowed
      --min-params B  --max-params B                   total parameters, billions
      --min-active B  --max-active B                   active parameters, billions
      --min-context N         tokens: 32768, 128K, 1M  --modality M       text, image, video, audio
      --moe | --dense         architecture             --conflicts        only models whose sources disagree
      --benchmark ID --min-score X                     e.g. --benchmark mmlu --min-score 85
      --sort COLUMN [--desc]  name, family, vendor, variant, params, active, arch, context,
                              released, license, tier, score
  show MODEL [--json]         every field with its sources, benchmarks, license, conflicts
  sources [--json]            the sources the catalog cites
  conflicts [--json]          every field on which sources disagree
  import [--data DIR]         re-import the catalog (default: the built-in one)
  help                        this text

Options:
  --db PATH                   database file (default: the app's data folder; env MODELATLAS_DB)
  --version                   print the version
)";

} // namespace

int main(int argc, char **argv)
{
    // `report` prints PDFs, and fonts need a QGuiApplication: it runs on the
    // offscreen platform so no display is needed. Other commands stay GUI-free.
    bool report = false;
    for (int i = 1; i < argc; ++i)
        report = report || std::strcmp(argv[i], "report") == 0;
    if (report && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app = report ? std::make_unique<QGuiApplication>(argc, argv)
                                                         : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ModelAtlas"));
    QCoreApplication::setApplicationName(QStringLiteral("ModelAtlas"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MODELATLAS_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    QString dbPath = Catalog::CatalogDatabase::defaultPath();
    if (args.size() >= 2 && args.front() == QLatin1String("--db")) {
        dbPath = args[1];
        args = args.mid(2);
    }
    if (args.isEmpty() || args.front() == QLatin1String("help") || args.front() == QLatin1String("--help")) {
        Cli::printOut(QString::fromUtf8(kHelp) + QLatin1Char('\n') + QString::fromUtf8(Cli::costCommandsHelp())
                      + QString::fromUtf8(Cli::planCommandsHelp())
                      + QString::fromUtf8(Cli::licenseCommandsHelp())
                      + QString::fromUtf8(Cli::reportCommandsHelp())
                      + QString::fromUtf8(Cli::sideBySideHelp()));
        return args.isEmpty() ? 2 : 0;
    }
    if (args.front() == QLatin1String("--version")) {
        Cli::printOut(QStringLiteral("modelatlas-cli %1\n").arg(QStringLiteral(MODELATLAS_VERSION)));
        return 0;
    }

    using Command = std::function<int(Catalog::CatalogDatabase &, const QStringList &)>;
    const std::map<QString, Command> commands = {
        {QStringLiteral("models"), Cli::runModels},       {QStringLiteral("show"), Cli::runShow},
        {QStringLiteral("sources"), Cli::runSources},     {QStringLiteral("conflicts"), Cli::runConflicts},
        {QStringLiteral("import"), Cli::runImport},
        {QStringLiteral("hardware"), Cli::runHardware},   {QStringLiteral("cost"), Cli::runCost},
        {QStringLiteral("serve-config"), Cli::runServeConfig},
        {QStringLiteral("plan"), Cli::runPlan},           {QStringLiteral("fit"), Cli::runFit},
        {QStringLiteral("license"), Cli::runLicense},
        {QStringLiteral("report"), Cli::runReport},
        {QStringLiteral("side-by-side"), Cli::runSideBySide},
    };
    const auto command = commands.find(args.front());
    if (command == commands.end()) {
        Cli::printError(QStringLiteral("unknown command \"%1\". See `modelatlas-cli help`.").arg(args.front()));
        return 2;
    }

    Catalog::CatalogDatabase db(dbPath);
    if (const Status opened = db.open(); !opened) {
        Cli::printError(opened.error());
        return 1;
    }
    // `import` chooses its own data; every other command needs a catalog present.
    if (command->first != QLatin1String("import")) {
        if (const auto ensured = Catalog::ensureCatalogImported(db, Catalog::builtinCatalogDir()); !ensured) {
            Cli::printError(ensured.error());
            return 1;
        }
    }
    return command->second(db, args.mid(1));
}
