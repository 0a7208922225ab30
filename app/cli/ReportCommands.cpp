#include "ReportCommands.h"

#include "ProfileFlags.h"

#include "CliArguments.h"
#include "Console.h"

#include "catalog/CatalogDatabase.h"
#include "license/DeploymentProfile.h"
#include "license/ProfileStore.h"
#include "reports/DeploymentReport.h"
#include "reports/ReportRender.h"

#include <cmath>

namespace ModelAtlas::Cli {

using namespace ModelAtlas::License;

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1; // unreadable/malformed profile, unknown model, write errors
constexpr int ExitUsage = 2;   // wrong options or option values

int usage(const QString &message)
{
    printError(QStringLiteral("report: %1 See `modelatlas-cli help`.").arg(message));
    return ExitUsage;
}

// "800M", "1.5B", "100k", "$5M" -> number (as `license` reads them).

} // namespace

const char *reportCommandsHelp()
{
    return R"(  report --model M --quant Q --gpu NAME[xK] [--ctx N] [--users U] [--prompt N]
         [PROFILE] --format md|html|pdf|json -o FILE
                              deployment report: model facts with sources, benchmarks, memory/speed/cost,
                              license verdict with clauses and obligations, risks and open questions
      PROFILE is as for `license`: --profile FILE, --saved NAME, or --commercial --org TYPE
      --mau N --revenue USD --eu --use LIST --domain LIST (default: individual, non-commercial, internal)
      --format                defaults to the extension of -o; the file is replaced only when complete
      Exit status: 0 written, 1 malformed profile, unknown model or write error, 2 wrong options.
)";
}

int runReport(Catalog::CatalogDatabase &db, const QStringList &args)
{
    Reports::ReportRequest request;
    request.context = 0; // the model's maximum, capped at 4096, unless --ctx
    QString profileFile, savedName, org, mau, revenue, format, output;
    QStringList uses, domainList;
    bool commercial = false, nonCommercial = false, eu = false, anyFlag = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--commercial")) { commercial = anyFlag = true; continue; }
        if (a == QLatin1String("--non-commercial")) { nonCommercial = anyFlag = true; continue; }
        if (a == QLatin1String("--eu")) { eu = anyFlag = true; continue; }
        static const QStringList valued = {
            QStringLiteral("--model"), QStringLiteral("--quant"), QStringLiteral("--gpu"), QStringLiteral("--ctx"), QStringLiteral("--users"),
            QStringLiteral("--prompt"), QStringLiteral("--profile"), QStringLiteral("--saved"), QStringLiteral("--org"), QStringLiteral("--mau"),
            QStringLiteral("--revenue"), QStringLiteral("--use"), QStringLiteral("--domain"), QStringLiteral("--format"), QStringLiteral("-o"),
            QStringLiteral("--output")};
        if (!valued.contains(a))
            return usage(QStringLiteral("unknown option %1.").arg(a));
        if (i + 1 >= args.size())
            return usage(QStringLiteral("%1 needs a value.").arg(a));
        const QString v = args[++i];
        if (a == QLatin1String("--model")) request.model = v;
        else if (a == QLatin1String("--quant")) request.quant = v;
        else if (a == QLatin1String("--gpu")) request.gpu = v;
        else if (a == QLatin1String("--ctx") || a == QLatin1String("--prompt")) {
            const auto n = parseTokenCount(a, v);
            if (!n)
                return usage(n.error());
            if (!(n.value() >= 1 && n.value() <= double(1 << 24)))
                return usage(QStringLiteral("%1 must be between 1 and 16M tokens.").arg(a));
            (a == QLatin1String("--ctx") ? request.context : request.promptTokens) = int64_t(n.value());
        } else if (a == QLatin1String("--users")) {
            const auto n = parseNumber(a, v, 1, 100000);
            if (!n)
                return usage(n.error());
            if (n.value() != std::floor(n.value()))
                return usage(QStringLiteral("--users must be a whole number."));
            request.users = int(n.value());
        }
        else if (a == QLatin1String("--profile")) profileFile = v;
        else if (a == QLatin1String("--saved")) savedName = v;
        else if (a == QLatin1String("--org")) org = v, anyFlag = true;
        else if (a == QLatin1String("--mau")) mau = v, anyFlag = true;
        else if (a == QLatin1String("--revenue")) revenue = v, anyFlag = true;
        else if (a == QLatin1String("--use")) uses << v.split(QLatin1Char(','), Qt::SkipEmptyParts), anyFlag = true;
        else if (a == QLatin1String("--domain")) domainList << v.split(QLatin1Char(','), Qt::SkipEmptyParts), anyFlag = true;
        else if (a == QLatin1String("--format")) format = v;
        else output = v;
    }
    if (request.model.isEmpty())
        return usage(QStringLiteral("--model is required."));
    if (output.isEmpty())
        return usage(QStringLiteral("-o FILE is required."));
    const auto fmt = format.isEmpty() ? Reports::formatForPath(output) : Reports::formatByName(format);
    if (!fmt)
        return usage(format.isEmpty() ? QStringLiteral("give --format md|html|pdf|json (the extension of %1 names none).").arg(output)
                                       : QStringLiteral("--format must be md, html, pdf or json (got \"%1\").").arg(format));
    if (!profileFile.isEmpty() + !savedName.isEmpty() + anyFlag > 1)
        return usage(QStringLiteral("give one profile: --profile FILE, --saved NAME, or profile flags."));
    if (commercial && nonCommercial)
        return usage(QStringLiteral("--commercial and --non-commercial contradict each other."));

    DeploymentProfile &profile = request.profile;
    if (!profileFile.isEmpty()) {
        auto loaded = loadProfileFile(profileFile);
        if (!loaded) {
            printError(QStringLiteral("report: %1").arg(loaded.error()));
            return ExitFailure;
        }
        profile = std::move(loaded).value();
    } else if (!savedName.isEmpty()) {
        auto loaded = ProfileStore(db.db()).load(savedName);
        if (!loaded) {
            printError(QStringLiteral("report: %1").arg(loaded.error()));
            return ExitFailure;
        }
        profile = std::move(loaded).value();
    } else {
        ProfileFlags flags{commercial, eu, org, mau, revenue, uses, domainList};
        if (flags.uses.isEmpty())
            flags.uses << QStringLiteral("internal"); // a report is about some use; default to the mildest
        if (const QString problem = profileFromFlags(flags, profile); !problem.isEmpty())
            return usage(problem);
    }

    const auto report = Reports::buildReport(db, request);
    if (!report) {
        printError(QStringLiteral("report: %1").arg(report.error()));
        return ExitFailure;
    }
    if (const Status s = Reports::writeReport(report.value(), *fmt, output); !s) {
        printError(QStringLiteral("report: %1").arg(s.error()));
        return ExitFailure;
    }
    printOut(QStringLiteral("Wrote %1 (%2): %3; %4.\n")
                 .arg(output, Reports::formatExtension(*fmt), report->model.row.id, License::verdictLabel(report->verdict.verdict)));
    return ExitOk;
}

} // namespace ModelAtlas::Cli
