#include "CliCommands.h"

#include "CliArguments.h"
#include "Console.h"
#include "TextTable.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogImporter.h"
#include "catalog/CatalogQuery.h"
#include "catalog/CatalogTableModel.h"
#include "catalog/ModelDetails.h"

#include <QSqlQuery>
#include <QVariant>

#include <map>

namespace ModelAtlas::Cli {

using namespace ModelAtlas::Catalog;
using json = nlohmann::json;

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

// Walks "--name value" / "--flag" words; reports the first problem.
class OptionReader final
{
public:
    explicit OptionReader(const QStringList &args) : m_args(args) {}

    bool next() { return ++m_index < m_args.size(); }
    QString word() const { return m_args[m_index]; }
    bool isOption(const char *name) const { return word() == QLatin1String("--") + QLatin1String(name); }
    // The value after the current option, or an error.
    Result<QString> value()
    {
        const QString option = word();
        if (m_index + 1 >= m_args.size())
            return Result<QString>::failure(QStringLiteral("%1 needs a value.").arg(option));
        return m_args[++m_index];
    }

private:
    const QStringList &m_args;
    qsizetype m_index = -1;
};

json optionalNumber(const std::optional<double> &v)
{
    return v ? json(*v) : json(nullptr);
}

json sourcedValueJson(const SourcedValue &v)
{
    json j = {{"value", utf8(v.text)}, {"src", utf8(v.src)}, {"source", utf8(v.sourceLabel)}};
    if (v.approx)
        j["approx"] = true;
    if (!v.quote.isEmpty())
        j["quote"] = utf8(v.quote);
    if (!v.note.isEmpty())
        j["note"] = utf8(v.note);
    return j;
}

json rowJson(const ModelRow &r)
{
    json j = {{"id", utf8(r.id)}, {"name", utf8(r.name)}, {"family", utf8(r.family)}, {"vendor", utf8(r.vendor)},
              {"variant", utf8(r.variant)}, {"params_total_b", optionalNumber(r.paramsTotalB)},
              {"params_active_b", optionalNumber(r.paramsActiveB)}, {"architecture", utf8(r.architecture)},
              {"attention", utf8(r.attention)}, {"context_tokens", optionalNumber(r.contextTokens)},
              {"release_date", utf8(r.releaseDate)}, {"modality", utf8(r.modality)}, {"license", utf8(r.licenseId)},
              {"license_tier", r.licenseTier ? json(*r.licenseTier) : json(nullptr)},
              {"commercial_use", utf8(r.commercialUse)}, {"has_conflicts", r.hasConflicts}};
    if (r.benchmarkScore)
        j["benchmark_score"] = *r.benchmarkScore;
    return j;
}

const std::map<QString, ModelSortKey> &sortKeys()
{
    static const std::map<QString, ModelSortKey> keys = {
        {QStringLiteral("name"), ModelSortKey::Name}, {QStringLiteral("family"), ModelSortKey::Family},
        {QStringLiteral("vendor"), ModelSortKey::Vendor}, {QStringLiteral("variant"), ModelSortKey::Variant},
        {QStringLiteral("params"), ModelSortKey::ParamsTotal}, {QStringLiteral("active"), ModelSortKey::ParamsActive},
        {QStringLiteral("arch"), ModelSortKey::Architecture}, {QStringLiteral("context"), ModelSortKey::Context},
        {QStringLiteral("released"), ModelSortKey::Released}, {QStringLiteral("license"), ModelSortKey::License},
        {QStringLiteral("tier"), ModelSortKey::LicenseTier}, {QStringLiteral("score"), ModelSortKey::BenchmarkScore},
    };
    return keys;
}

int usage(const QString &message)
{
    printError(message + QStringLiteral(" See `modelatlas-cli help`."));
    return ExitUsage;
}

// Parses `models` options into a filter and sort; returns an error text on bad input.
QString parseModelOptions(const QStringList &args, ModelFilter &filter, ModelSort &sort, bool &asJson)
{
    OptionReader r(args);
    const auto number = [&](const char *name, double min, double max, std::optional<double> &out) -> QString {
        const Result<QString> text = r.value();
        if (!text)
            return text.error();
        const Result<double> v = parseNumber(QString::fromLatin1(name), text.value(), min, max);
        if (!v)
            return v.error();
        out = v.value();
        return {};
    };
    while (r.next()) {
        QString error;
        if (r.isOption("json")) {
            asJson = true;
        } else if (r.isOption("commercial")) {
            filter.commercialUseOnly = true;
        } else if (r.isOption("moe")) {
            filter.architecture = ArchitectureFilter::MoE;
        } else if (r.isOption("dense")) {
            filter.architecture = ArchitectureFilter::Dense;
        } else if (r.isOption("conflicts")) {
            filter.conflictsOnly = true;
        } else if (r.isOption("desc")) {
            sort.descending = true;
        } else if (r.isOption("search") || r.isOption("family") || r.isOption("vendor") || r.isOption("modality")
                   || r.isOption("benchmark") || r.isOption("sort") || r.isOption("tier")) {
            const QString option = r.word().mid(2);
            const Result<QString> v = r.value();
            if (!v)
                return v.error();
            if (option == QLatin1String("search"))
                filter.text = v.value();
            else if (option == QLatin1String("family"))
                filter.families << v.value().split(QLatin1Char(','), Qt::SkipEmptyParts);
            else if (option == QLatin1String("vendor"))
                filter.vendors << v.value().split(QLatin1Char(','), Qt::SkipEmptyParts);
            else if (option == QLatin1String("modality"))
                filter.modality = v.value();
            else if (option == QLatin1String("benchmark"))
                filter.benchmark = v.value();
            else if (option == QLatin1String("sort")) {
                const auto it = sortKeys().find(v.value().toLower());
                if (it == sortKeys().end())
                    return QStringLiteral("--sort: unknown column \"%1\" (name, family, vendor, variant, params, active, "
                                          "arch, context, released, license, tier, score).").arg(v.value());
                sort.key = it->second;
            } else {
                for (const QString &t : v.value().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    std::optional<double> tier;
                    const Result<double> n = parseNumber(QStringLiteral("tier"), t, 1, 5);
                    if (!n || n.value() != int(n.value()))
                        return QStringLiteral("--tier: \"%1\" is not a license tier 1 to 5.").arg(t);
                    filter.licenseTiers << int(n.value());
                }
            }
        } else if (r.isOption("min-params")) {
            error = number("min-params", 0, 1e5, filter.minParamsB);
        } else if (r.isOption("max-params")) {
            error = number("max-params", 0, 1e5, filter.maxParamsB);
        } else if (r.isOption("min-active")) {
            error = number("min-active", 0, 1e5, filter.minActiveParamsB);
        } else if (r.isOption("max-active")) {
            error = number("max-active", 0, 1e5, filter.maxActiveParamsB);
        } else if (r.isOption("min-score")) {
            error = number("min-score", -1e6, 1e6, filter.minScore);
        } else if (r.isOption("min-context")) {
            const Result<QString> v = r.value();
            if (!v)
                return v.error();
            const Result<double> tokens = parseTokenCount(QStringLiteral("min-context"), v.value());
            if (!tokens)
                return tokens.error();
            filter.minContextTokens = tokens.value();
        } else {
            return QStringLiteral("unknown option \"%1\" for `models`.").arg(r.word());
        }
        if (!error.isEmpty())
            return error;
    }
    if (filter.minScore && filter.benchmark.isEmpty())
        return QStringLiteral("--min-score needs --benchmark ID (see `modelatlas-cli benchmarks`).");
    if (filter.minParamsB && filter.maxParamsB && *filter.minParamsB > *filter.maxParamsB)
        return QStringLiteral("--min-params is larger than --max-params.");
    if (filter.minActiveParamsB && filter.maxActiveParamsB && *filter.minActiveParamsB > *filter.maxActiveParamsB)
        return QStringLiteral("--min-active is larger than --max-active.");
    return {};
}

bool parseJsonFlag(const QStringList &args, bool &asJson, QString &error, QStringList *positional = nullptr)
{
    for (const QString &a : args) {
        if (a == QLatin1String("--json"))
            asJson = true;
        else if (positional && !a.startsWith(QLatin1String("--")))
            *positional << a;
        else {
            error = QStringLiteral("unknown argument \"%1\".").arg(a);
            return false;
        }
    }
    return true;
}

} // namespace

int runModels(CatalogDatabase &db, const QStringList &args)
{
    ModelFilter filter;
    ModelSort sort;
    bool asJson = false;
    if (const QString error = parseModelOptions(args, filter, sort, asJson); !error.isEmpty())
        return usage(error);
    CatalogQuery query(db.db());
    if (!filter.benchmark.isEmpty()) {
        bool known = false;
        for (const NamedId &b : query.benchmarks())
            known = known || b.id == filter.benchmark;
        if (!known)
            return usage(QStringLiteral("--benchmark: no benchmark \"%1\" (see `modelatlas-cli benchmarks`).").arg(filter.benchmark));
    }
    const auto rows = query.models(filter, sort);
    if (!rows) {
        printError(rows.error());
        return ExitFailure;
    }
    if (asJson) {
        json out = json::array();
        for (const ModelRow &r : rows.value())
            out.push_back(rowJson(r));
        printJson(out);
        return ExitOk;
    }
    QStringList header{QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("PARAMS"), QStringLiteral("ACTIVE"),
                       QStringLiteral("ARCH"), QStringLiteral("CONTEXT"), QStringLiteral("LICENSE"), QStringLiteral("TIER")};
    if (!filter.benchmark.isEmpty())
        header << filter.benchmark.toUpper();
    TextTable table(header);
    for (const ModelRow &r : rows.value()) {
        QStringList cells{r.id, r.hasConflicts ? r.name + QStringLiteral(" [conflict]") : r.name,
                          CatalogTableModel::formatParams(r.paramsTotalB),
                          CatalogTableModel::formatParams(r.paramsActiveB ? r.paramsActiveB : r.paramsTotalB),
                          r.architecture, CatalogTableModel::formatContext(r.contextTokens), r.licenseId,
                          r.licenseTier ? QString::number(*r.licenseTier) : QString()};
        if (!filter.benchmark.isEmpty())
            cells << (r.benchmarkScore ? QString::number(*r.benchmarkScore, 'g', 4) : QString());
        table.addRow(cells);
    }
    printOut(table.render());
    printOut(QStringLiteral("%1 model(s)\n").arg(rows.value().size()));
    return ExitOk;
}

int runShow(CatalogDatabase &db, const QStringList &args)
{
    bool asJson = false;
    QString error;
    QStringList names;
    if (!parseJsonFlag(args, asJson, error, &names))
        return usage(error);
    if (names.size() != 1)
        return usage(QStringLiteral("`show` needs exactly one model id or name."));
    const Result<QString> id = CatalogQuery(db.db()).resolveModel(names.front());
    if (!id) {
        printError(id.error());
        return ExitFailure;
    }
    const Result<ModelDetails> details = loadModelDetails(db.db(), id.value());
    if (!details) {
        printError(details.error());
        return ExitFailure;
    }
    const ModelDetails &d = details.value();
    if (asJson) {
        json j = rowJson(d.row);
        j["aliases"] = json::array();
        for (const QString &a : d.aliases)
            j["aliases"].push_back(utf8(a));
        j["facts"] = json::object();
        for (const FactDetail &f : d.facts) {
            json values = json::array();
            for (const SourcedValue &v : f.values)
                values.push_back(sourcedValueJson(v));
            j["facts"][utf8(f.field)] = {{"values", values}, {"conflict", f.conflict.isEmpty() ? json(nullptr) : json(utf8(f.conflict))}};
        }
        j["scores"] = json::array();
        for (const ScoreDetail &s : d.scores)
            j["scores"].push_back({{"benchmark", utf8(s.benchmarkId)}, {"setup", utf8(s.setup)}, {"date", utf8(s.date)},
                                   {"score", sourcedValueJson(s.value)},
                                   {"conflict", s.conflict.isEmpty() ? json(nullptr) : json(utf8(s.conflict))}});
        if (d.license) {
            json clauses = json::array();
            for (const ClauseDetail &c : d.license->clauses)
                clauses.push_back({{"id", utf8(c.id)}, {"kind", utf8(c.kind)}, {"summary", utf8(c.summary)}, {"src", utf8(c.src)}});
            j["license_detail"] = {{"id", utf8(d.license->id)}, {"name", utf8(d.license->name)},
                                   {"tier", d.license->tier ? json(*d.license->tier) : json(nullptr)},
                                   {"commercial_use", utf8(d.license->commercialUse)}, {"clauses", clauses}};
        }
        j["architecture"] = json::object();
        for (const auto &[key, value] : d.architecture)
            j["architecture"][utf8(key)] = utf8(value);
        j["architecture_src"] = utf8(d.architectureSource);
        j["sources"] = json::array();
        for (const QString &s : d.sources)
            j["sources"].push_back(utf8(s));
        printJson(j);
        return ExitOk;
    }

    QString out = QStringLiteral("%1 (%2)\n").arg(d.row.name, d.row.id);
    out += QStringLiteral("Family: %1   Vendor: %2   Variant: %3\n").arg(d.row.familyName, d.row.vendorName, d.row.variant);
    if (!d.aliases.isEmpty())
        out += QStringLiteral("Also known as: %1\n").arg(d.aliases.join(QStringLiteral(", ")));
    out += QStringLiteral("\nFacts\n");
    TextTable facts({QStringLiteral("FIELD"), QStringLiteral("VALUE"), QStringLiteral("SOURCE")});
    for (const FactDetail &f : d.facts)
        for (qsizetype i = 0; i < f.values.size(); ++i) {
            const SourcedValue &v = f.values[i];
            const QString field = i == 0 ? f.field + (f.conflict.isEmpty() ? QString() : QStringLiteral(" [CONFLICT]")) : QString();
            facts.addRow({field, (v.approx ? QStringLiteral("~") : QString()) + v.text, v.sourceLabel});
        }
    out += facts.render();
    if (!d.scores.isEmpty()) {
        out += QStringLiteral("\nBenchmarks\n");
        TextTable scores({QStringLiteral("BENCHMARK"), QStringLiteral("SCORE"), QStringLiteral("SETUP"), QStringLiteral("SOURCE")});
        for (const ScoreDetail &s : d.scores)
            scores.addRow({s.benchmarkName + (s.conflict.isEmpty() ? QString() : QStringLiteral(" [CONFLICT]")),
                           (s.value.approx ? QStringLiteral("~") : QString()) + s.value.text + s.unit,
                           s.setup, s.value.sourceLabel});
        out += scores.render();
    }
    if (d.license) {
        out += QStringLiteral("\nLicense: %1 (tier %2, commercial use: %3)\n")
                   .arg(d.license->name, d.license->tier ? QString::number(*d.license->tier) : QStringLiteral("?"),
                        d.license->commercialUse.isEmpty() ? QStringLiteral("?") : d.license->commercialUse);
        for (const ClauseDetail &c : d.license->clauses)
            out += QStringLiteral("  - [%1] %2 (%3)%4\n").arg(c.kind, c.summary, c.sourceLabel,
                                                            c.conflict.isEmpty() ? QString() : QStringLiteral("\n    CONFLICT: ") + c.conflict);
    }
    if (!d.architecture.isEmpty()) {
        out += QStringLiteral("\nArchitecture (source: %1)\n").arg(d.architectureSource);
        for (const auto &[key, value] : d.architecture)
            out += QStringLiteral("  %1: %2\n").arg(key, value);
    }
    if (!d.hardware.isEmpty()) {
        out += QStringLiteral("\nHardware\n");
        for (const StatementDetail &h : d.hardware)
            out += QStringLiteral("  - %1 (%2)\n").arg(h.text, h.sourceLabel);
    }
    if (!d.prices.isEmpty()) {
        out += QStringLiteral("\nAPI prices\n");
        for (const StatementDetail &p : d.prices)
            out += QStringLiteral("  - %1 (%2)\n").arg(p.text, p.sourceLabel);
    }
    out += QStringLiteral("\nSources: %1\n").arg(d.sources.join(QStringLiteral(", ")));
    printOut(out);
    return ExitOk;
}

int runSources(CatalogDatabase &db, const QStringList &args)
{
    bool asJson = false;
    QString error;
    if (!parseJsonFlag(args, asJson, error))
        return usage(error);
    const auto rows = CatalogQuery(db.db()).sources();
    if (!rows) {
        printError(rows.error());
        return ExitFailure;
    }
    if (asJson) {
        json out = json::array();
        for (const SourceRow &s : rows.value())
            out.push_back({{"id", utf8(s.id)}, {"kind", utf8(s.kind)}, {"location", utf8(s.location)},
                           {"title", utf8(s.title)}, {"date", utf8(s.date)}, {"citations", s.citations}});
        printJson(out);
        return ExitOk;
    }
    TextTable table({QStringLiteral("ID"), QStringLiteral("KIND"), QStringLiteral("CITED"), QStringLiteral("LOCATION"), QStringLiteral("TITLE")});
    for (const SourceRow &s : rows.value())
        table.addRow({s.id, s.kind, QString::number(s.citations), s.location, s.title});
    printOut(table.render());
    printOut(QStringLiteral("%1 source(s)\n").arg(rows.value().size()));
    return ExitOk;
}

int runConflicts(CatalogDatabase &db, const QStringList &args)
{
    bool asJson = false;
    QString error;
    if (!parseJsonFlag(args, asJson, error))
        return usage(error);
    QSqlQuery q(db.db());
    if (!q.exec(QStringLiteral("SELECT entity, entity_id, field, detail FROM conflicts ORDER BY entity, entity_id, field"))) {
        printError(QStringLiteral("Reading conflicts failed."));
        return ExitFailure;
    }
    json out = json::array();
    TextTable table({QStringLiteral("KIND"), QStringLiteral("ID"), QStringLiteral("FIELD"), QStringLiteral("VALUES (SOURCE)")});
    int count = 0;
    while (q.next()) {
        ++count;
        out.push_back({{"entity", utf8(q.value(0).toString())}, {"id", utf8(q.value(1).toString())},
                       {"field", utf8(q.value(2).toString())}, {"detail", utf8(q.value(3).toString())}});
        table.addRow({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    }
    if (asJson)
        printJson(out);
    else
        printOut(table.render() + QStringLiteral("%1 conflict(s)\n").arg(count));
    return ExitOk;
}

int runImport(CatalogDatabase &db, const QStringList &args)
{
    QString dir = builtinCatalogDir();
    OptionReader r(args);
    while (r.next()) {
        if (!r.isOption("data"))
            return usage(QStringLiteral("unknown option \"%1\" for `import`.").arg(r.word()));
        const Result<QString> v = r.value();
        if (!v)
            return usage(v.error());
        dir = v.value();
    }
    const auto report = importCatalog(db, dir);
    if (!report) {
        printError(report.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("Imported catalog %1: %2 models, %3 benchmark scores, %4 licenses, %5 sources, %6 conflicts.\n")
                 .arg(report->catalogVersion).arg(report->models).arg(report->scores).arg(report->licenses)
                 .arg(report->sources).arg(report->conflicts));
    return ExitOk;
}

} // namespace ModelAtlas::Cli
