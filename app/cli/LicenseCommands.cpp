#include "LicenseCommands.h"

#include "ProfileFlags.h"

#include "Console.h"
#include "TextTable.h"

#include "catalog/CatalogDatabase.h"
#include "license/DeploymentProfile.h"
#include "license/LicenseCatalog.h"
#include "license/LicenseEvaluator.h"
#include "license/ProfileStore.h"

#include <QLocale>

#include <cmath>
#include <map>

namespace ModelAtlas::Cli {

using json = nlohmann::json;
using namespace ModelAtlas::License;

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1; // unreadable/malformed input files, unknown models, database errors
constexpr int ExitUsage = 2;   // wrong options or option values

int usage(const QString &message)
{
    printError(QStringLiteral("license: %1 See `modelatlas-cli help`.").arg(message));
    return ExitUsage;
}


QString grouped(double v)
{
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(v));
}

json verdictJson(const ModelVerdict &v)
{
    json reasons = json::array(), obligations = json::array(), notes = json::array(), licenses = json::array();
    for (const Reason &r : v.reasons)
        reasons.push_back({{"effect", verdictId(r.effect).toStdString()}, {"license", r.licenseId.toStdString()},
                           {"clause", r.clauseId.toStdString()}, {"kind", r.kind.toStdString()},
                           {"summary", r.summary.toStdString()}, {"quote", r.quote.toStdString()},
                           {"source", r.src.toStdString()}, {"why", r.why.toStdString()},
                           {"remedy", r.remedy.toStdString()}});
    for (const Obligation &o : v.obligations)
        obligations.push_back({{"kind", o.kind.toStdString()}, {"text", o.text.toStdString()},
                               {"license", o.licenseId.toStdString()}, {"clause", o.clauseId.toStdString()}});
    for (const QString &n : v.notes)
        notes.push_back(n.toStdString());
    for (const QString &l : v.licenseIds)
        licenses.push_back(l.toStdString());
    return {{"model", v.modelId.toStdString()}, {"name", v.modelName.toStdString()}, {"licenses", licenses},
            {"verdict", verdictId(v.verdict).toStdString()}, {"deciding_clause", v.decidingClause().toStdString()},
            {"reasons", reasons}, {"obligations", obligations}, {"notes", notes}};
}

QString describeProfile(const DeploymentProfile &p)
{
    return QStringLiteral("Profile%1: %2, %3, %4 MAU, revenue USD %5/yr, %6; uses: %7; domains: %8")
        .arg(p.name.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(p.name), p.organisation,
             p.commercial ? QStringLiteral("commercial") : QStringLiteral("non-commercial"), grouped(p.monthlyActiveUsers),
             grouped(p.annualRevenueUsd), p.euDomiciled ? QStringLiteral("EU-domiciled") : QStringLiteral("not EU-domiciled"),
             p.uses.join(QStringLiteral(", ")), p.domains.isEmpty() ? QStringLiteral("none") : p.domains.join(QStringLiteral(", ")));
}

QString details(const ModelVerdict &v)
{
    QString out = QStringLiteral("%1 (%2) — license: %3\n  Verdict: %4\n")
                      .arg(v.modelName.isEmpty() ? v.modelId : v.modelName, v.modelId,
                           v.licenseIds.isEmpty() ? QStringLiteral("none on record") : v.licenseIds.join(QStringLiteral(" + ")),
                           verdictLabel(v.verdict).toUpper());
    if (!v.reasons.empty()) {
        out += QStringLiteral("  Reasons:\n");
        for (const Reason &r : v.reasons) {
            out += QStringLiteral("    [%1] %2%3: %4\n")
                       .arg(verdictLabel(r.effect), r.licenseId, r.clauseId.isEmpty() ? QString() : QLatin1Char('/') + r.clauseId,
                            r.summary);
            out += QStringLiteral("        why: %1\n").arg(r.why);
            if (!r.quote.isEmpty())
                out += QStringLiteral("        text: \"%1\" (%2)\n").arg(r.quote, r.src);
            if (!r.remedy.isEmpty())
                out += QStringLiteral("        remedy: %1\n").arg(r.remedy);
        }
    }
    if (!v.obligations.empty()) {
        out += QStringLiteral("  Obligations:\n");
        for (const Obligation &o : v.obligations)
            out += QStringLiteral("    [ ] (%1) %2\n").arg(o.kind, o.text);
    }
    for (const QString &n : v.notes)
        out += QStringLiteral("  Note: %1\n").arg(n);
    return out;
}

} // namespace

const char *licenseCommandsHelp()
{
    return R"(  license [PROFILE] [--model M ...] [--json]
                              license verdicts, reasons and obligation checklists
      PROFILE is --profile FILE (JSON), --saved NAME, or flags:
      --commercial            commercial use (default: non-commercial)
      --org TYPE              individual, startup, company, non_profit, academic, government
                              (default: company if --commercial, else individual)
      --mau N                 monthly active users (800M, 1.5B, 150000000)
      --revenue USD           annual revenue (5M, 2B)
      --eu                    domiciled / principal place of business in the EU
      --use LIST              internal, saas, on_device, redistribute_weights,
                              distribute_derivative, train_on_outputs (required)
      --domain LIST           military, weapons, medical, biometric_identification,
                              legal_decisions, critical_infrastructure, law_enforcement,
                              surveillance, employment, credit, general
      --save-profile NAME     store the profile in the database for --saved
      --model M               repeat or comma-separate; 2+ models add a side-by-side of obligations
      --permitted             only the ids of models the profile may use (a catalog filter)
      Exit status: 0 done, 1 unreadable/malformed profile or unknown model, 2 wrong options.
      Verdicts are a reading of the license texts in the catalog, not legal advice.
)";
}

int runLicense(Catalog::CatalogDatabase &db, const QStringList &args)
{
    QString profileFile, savedName, saveAs, org, mau, revenue;
    QStringList uses, domainsList, models;
    bool commercial = false, nonCommercial = false, eu = false, asJson = false, permitted = false, anyFlag = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const auto value = [&](QString &out) -> bool {
            if (i + 1 >= args.size() || args[i + 1].startsWith(QStringLiteral("--")))
                return false;
            out = args[++i];
            return true;
        };
        QString v;
        if (a == QLatin1String("--json"))
            asJson = true;
        else if (a == QLatin1String("--permitted"))
            permitted = true;
        else if (a == QLatin1String("--commercial"))
            commercial = anyFlag = true;
        else if (a == QLatin1String("--non-commercial"))
            nonCommercial = anyFlag = true;
        else if (a == QLatin1String("--eu"))
            eu = anyFlag = true;
        else if (a == QLatin1String("--profile") || a == QLatin1String("--saved") || a == QLatin1String("--save-profile")
                 || a == QLatin1String("--org") || a == QLatin1String("--mau") || a == QLatin1String("--revenue")
                 || a == QLatin1String("--use") || a == QLatin1String("--domain") || a == QLatin1String("--model")) {
            if (!value(v))
                return usage(QStringLiteral("%1 needs a value.").arg(a));
            if (a == QLatin1String("--profile"))
                profileFile = v;
            else if (a == QLatin1String("--saved"))
                savedName = v;
            else if (a == QLatin1String("--save-profile"))
                saveAs = v;
            else if (a == QLatin1String("--org"))
                org = v, anyFlag = true;
            else if (a == QLatin1String("--mau"))
                mau = v, anyFlag = true;
            else if (a == QLatin1String("--revenue"))
                revenue = v, anyFlag = true;
            else if (a == QLatin1String("--use"))
                uses << v.split(QLatin1Char(','), Qt::SkipEmptyParts), anyFlag = true;
            else if (a == QLatin1String("--domain"))
                domainsList << v.split(QLatin1Char(','), Qt::SkipEmptyParts), anyFlag = true;
            else
                models << v.split(QLatin1Char(','), Qt::SkipEmptyParts);
        } else
            return usage(QStringLiteral("unknown option %1.").arg(a));
    }
    if (!profileFile.isEmpty() + !savedName.isEmpty() + anyFlag > 1)
        return usage(QStringLiteral("give one profile: --profile FILE, --saved NAME, or profile flags."));
    if (commercial && nonCommercial)
        return usage(QStringLiteral("--commercial and --non-commercial contradict each other."));

    DeploymentProfile profile;
    if (!profileFile.isEmpty()) {
        auto loaded = loadProfileFile(profileFile);
        if (!loaded) {
            printError(loaded.error());
            return ExitFailure;
        }
        profile = std::move(loaded).value();
    } else if (!savedName.isEmpty()) {
        auto loaded = ProfileStore(db.db()).load(savedName);
        if (!loaded) {
            printError(loaded.error());
            return ExitFailure;
        }
        profile = std::move(loaded).value();
    } else {
        if (!anyFlag)
            return usage(QStringLiteral("describe the deployment: --profile FILE, --saved NAME, or flags such as"
                                        " --commercial --mau 1M --use saas."));
        const ProfileFlags flags{commercial, eu, org, mau, revenue, uses, domainsList};
        if (const QString problem = profileFromFlags(flags, profile); !problem.isEmpty())
            return usage(problem);
    }
    if (!saveAs.isEmpty()) {
        profile.name = saveAs;
        if (const Status s = ProfileStore(db.db()).save(profile); !s) {
            printError(s.error());
            return ExitFailure;
        }
    }

    auto catalog = LicenseCatalog::fromDatabase(db.db());
    if (!catalog) {
        printError(catalog.error());
        return ExitFailure;
    }
    const LicenseEvaluator evaluator(catalog.value());
    for (const QString &m : models)
        if (!catalog->model(m)) {
            printError(QStringLiteral("license: unknown model \"%1\". See `modelatlas-cli models`.").arg(m));
            return ExitFailure;
        }

    if (permitted) {
        const QStringList ids = evaluator.permittedModelIds(profile);
        if (asJson) {
            json arr = json::array();
            for (const QString &id : ids)
                arr.push_back(id.toStdString());
            printJson({{"profile", toJson(profile)}, {"permitted", arr}});
        } else
            printOut(ids.join(QLatin1Char('\n')) + QLatin1Char('\n'));
        return ExitOk;
    }

    std::vector<ModelVerdict> verdicts;
    if (models.isEmpty())
        verdicts = evaluator.evaluateAll(profile);
    else
        for (const QString &m : models)
            verdicts.push_back(evaluator.evaluate(profile, m));
    const ObligationComparison cmp = models.size() >= 2 ? evaluator.compareObligations(profile, models) : ObligationComparison{};

    if (asJson) {
        json arr = json::array();
        for (const ModelVerdict &v : verdicts)
            arr.push_back(verdictJson(v));
        json out = {{"profile", toJson(profile)}, {"verdicts", arr},
                    {"disclaimer", "A reading of the license texts in the catalog, not legal advice."}};
        if (!cmp.modelIds.isEmpty()) {
            json rows = json::array();
            for (qsizetype r = 0; r < cmp.kinds.size(); ++r) {
                json cells = json::object();
                for (qsizetype m = 0; m < cmp.modelIds.size(); ++m) {
                    json texts = json::array();
                    for (const QString &t : cmp.cells[size_t(r)][size_t(m)])
                        texts.push_back(t.toStdString());
                    cells[cmp.modelIds[m].toStdString()] = texts;
                }
                rows.push_back({{"kind", cmp.kinds[r].toStdString()}, {"models", cells}});
            }
            out["comparison"] = rows;
        }
        printJson(out);
        return ExitOk;
    }

    QString text = describeProfile(profile) + QStringLiteral("\n\n");
    if (models.isEmpty()) {
        TextTable table({QStringLiteral("MODEL"), QStringLiteral("LICENSE"), QStringLiteral("VERDICT"),
                         QStringLiteral("DECIDING CLAUSE"), QStringLiteral("OBLIGATIONS")});
        std::map<Verdict, int> counts;
        for (const ModelVerdict &v : verdicts) {
            QStringList kinds;
            for (const Obligation &o : v.obligations)
                if (!kinds.contains(o.kind))
                    kinds << o.kind;
            table.addRow({v.modelId, v.licenseIds.join(QLatin1Char('+')), verdictLabel(v.verdict), v.decidingClause(),
                          kinds.join(QStringLiteral(", "))});
            ++counts[v.verdict];
        }
        text += table.render();
        text += QStringLiteral("\n%1 allowed, %2 allowed with obligations, %3 need legal review, %4 not allowed.\n")
                    .arg(counts[Verdict::Allowed]).arg(counts[Verdict::AllowedWithObligations])
                    .arg(counts[Verdict::NeedsLegalReview]).arg(counts[Verdict::NotAllowed]);
        text += QStringLiteral("Details: modelatlas-cli license ... --model ID\n");
    } else {
        for (const ModelVerdict &v : verdicts)
            text += details(v) + QLatin1Char('\n');
        if (!cmp.modelIds.isEmpty()) {
            text += QStringLiteral("Obligations side by side:\n");
            QStringList header = {QStringLiteral("OBLIGATION")};
            header << cmp.modelIds;
            TextTable table(header);
            for (qsizetype r = 0; r < cmp.kinds.size(); ++r) {
                QStringList row = {cmp.kinds[r]};
                for (qsizetype m = 0; m < cmp.modelIds.size(); ++m)
                    row << (cmp.cells[size_t(r)][size_t(m)].isEmpty() ? QStringLiteral("-")
                                                                      : QStringLiteral("yes (%1)").arg(cmp.cells[size_t(r)][size_t(m)].size()));
                table.addRow(row);
            }
            text += table.render();
        }
    }
    text += QStringLiteral("\nNot legal advice: verdicts read the license clauses recorded in the catalog.\n");
    printOut(text);
    return ExitOk;
}

} // namespace ModelAtlas::Cli
