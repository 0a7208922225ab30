#include "ReportRender.h"

#include "cost/CostModel.h"

#include <QBuffer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <cmath>

namespace ModelAtlas::Reports {

using json = nlohmann::json;
using License::Verdict;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::string u8(const QString &s) { return s.toStdString(); }
QString gib(double bytes) { return QStringLiteral("%1 GiB").arg(bytes / kGiB, 0, 'f', 2); }
QString grouped(double v) { return QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(v))); }
QString billions(double elements) { return QStringLiteral("%1 B").arg(elements / 1e9, 0, 'f', elements >= 1e10 ? 0 : 1); }
QString tokS(double v) { return v > 0 && std::isfinite(v) ? QString::number(v, 'f', v < 10 ? 1 : 0) : QStringLiteral("-"); }
QString dateText(const DeploymentReport &r) { return r.generatedAt.toString(Qt::ISODate); }
QString sourceOf(const Catalog::SourcedValue &v) { return v.sourceLabel.isEmpty() ? v.src : v.sourceLabel; }
QString modelName(const DeploymentReport &r) { return r.model.row.name.isEmpty() ? r.model.row.id : r.model.row.name; }
QString clauseRef(const QString &license, const QString &clause)
{
    return clause.isEmpty() ? license : license + QLatin1Char('/') + clause;
}
QString licensesText(const DeploymentReport &r)
{
    return r.verdict.licenseIds.isEmpty() ? QStringLiteral("none on record") : r.verdict.licenseIds.join(QStringLiteral(" + "));
}
QString verdictLine(const DeploymentReport &r)
{
    QString s = QStringLiteral("License verdict: %1").arg(License::verdictLabel(r.verdict.verdict));
    if (const QString d = r.verdict.decidingClause(); !d.isEmpty())
        s += QStringLiteral(" (deciding clause %1)").arg(d);
    return s;
}
QString profileText(const License::DeploymentProfile &p)
{
    return QStringLiteral("%1%2, %3, %4 monthly active users, annual revenue USD %5, %6; uses: %7; domains: %8")
        .arg(p.name.isEmpty() ? QString() : QStringLiteral("\"%1\": ").arg(p.name), p.organisation,
             p.commercial ? QStringLiteral("commercial") : QStringLiteral("non-commercial"), grouped(p.monthlyActiveUsers),
             grouped(p.annualRevenueUsd), p.euDomiciled ? QStringLiteral("EU-domiciled") : QStringLiteral("not EU-domiciled"),
             p.uses.join(QStringLiteral(", ")), p.domains.isEmpty() ? QStringLiteral("none") : p.domains.join(QStringLiteral(", ")));
}
QString planVerdictText(const PlanSection &p)
{
    if (!p.plan)
        return QStringLiteral("not planned");
    switch (p.plan->verdict) {
    case Planner::Verdict::Fits: return QStringLiteral("Fits");
    case Planner::Verdict::FitsWithOffload: return QStringLiteral("Fits with CPU offload");
    case Planner::Verdict::DoesNotFit: return QStringLiteral("Does not fit");
    }
    return {};
}

// Label/value rows of the plan section, shared by Markdown and HTML.
QList<QPair<QString, QString>> planRows(const DeploymentReport &r)
{
    const PlanSection &p = r.plan;
    QList<QPair<QString, QString>> rows;
    rows << qMakePair(QStringLiteral("Hardware"), p.hardware) << qMakePair(QStringLiteral("Quantization"), p.quant)
         << qMakePair(QStringLiteral("Workload"), QStringLiteral("%1 tokens of context x %2 concurrent user(s), %3-token prompts")
                                                     .arg(p.workload.context).arg(p.workload.users).arg(p.workload.promptTokens));
    if (!p.plan)
        return rows;
    const Planner::Plan &pl = *p.plan;
    rows << qMakePair(QStringLiteral("Verdict"), QStringLiteral("%1 — %2").arg(planVerdictText(p), pl.reason))
         << qMakePair(QStringLiteral("Backend"), QString::fromLatin1(Planner::backendId(pl.backend)))
         << qMakePair(QStringLiteral("Parameters"), QStringLiteral("%1 total, %2 active per token").arg(billions(p.params), billions(p.activeParams)))
         << qMakePair(QStringLiteral("Weights"), QStringLiteral("%1 (%2)").arg(gib(double(p.weightBytes)), p.weightsSource))
         << qMakePair(QStringLiteral("KV cache"), QStringLiteral("%1 (%2 bytes per token)").arg(gib(double(pl.kvBytes))).arg(pl.kvBytesPerToken))
         << qMakePair(QStringLiteral("Headroom"), gib(double(pl.headroomBytes)))
         << qMakePair(QStringLiteral("Max context that fits"), QStringLiteral("%1 tokens").arg(pl.maxContext));
    if (pl.speed.known)
        rows << qMakePair(QStringLiteral("Decode speed"), QStringLiteral("%1 tok/s per user, %2 tok/s aggregate (%3)")
                                                             .arg(tokS(pl.speed.decodeTokS), tokS(pl.speed.aggregateTokS),
                                                                  decodeBoundText(pl.speed)))
             << qMakePair(QStringLiteral("Prefill / TTFT"), QStringLiteral("%1 tok/s; %2 s to first token")
                                                               .arg(tokS(pl.speed.prefillTokS), QString::number(pl.speed.ttftSeconds, 'f', 3)));
    else
        rows << qMakePair(QStringLiteral("Speed"), QStringLiteral("unknown (no bandwidth/TFLOPS for this hardware)"));
    if (p.monthlyUsd)
        rows << qMakePair(QStringLiteral("Monthly GPU cost"), QStringLiteral("%1 (%2)").arg(Cost::formatUsd(*p.monthlyUsd), p.costBasis));
    if (p.usdPerMillionOutputTokens)
        rows << qMakePair(QStringLiteral("Cost per million output tokens"),
                          QStringLiteral("%1 at full load").arg(Cost::formatUsd(*p.usdPerMillionOutputTokens)));
    if (!p.costNote.isEmpty())
        rows << qMakePair(QStringLiteral("Cost note"), p.costNote);
    return rows;
}

// "12.3 (predicted 11.0, +11.8%)": a measured figure next to the planner's.
QString versus(const QString &measured, double m, double predicted, const QString &predictedText)
{
    if (predicted <= 0 || m <= 0)
        return measured;
    return QStringLiteral("%1 (predicted %2, %3%4%)").arg(measured, predictedText, m >= predicted ? QStringLiteral("+") : QString())
        .arg((m - predicted) / predicted * 100.0, 0, 'f', 1);
}

const QStringList &measuredHeader()
{
    static const QStringList header{QStringLiteral("Measured"), QStringLiteral("Device"), QStringLiteral("Backend"),
                                    QStringLiteral("Context"), QStringLiteral("Decode tok/s"), QStringLiteral("Prefill tok/s"),
                                    QStringLiteral("TTFT"), QStringLiteral("Peak memory")};
    return header;
}

// The runs stored for this model and quantization, as plain-text cells.
QList<QStringList> measuredRows(const DeploymentReport &r)
{
    QList<QStringList> rows;
    for (const Planner::Measurement &m : r.measured)
        rows << QStringList{m.createdAt.isValid() ? m.createdAt.toString(Qt::ISODate) : QStringLiteral("?"), m.deviceId,
                            QString::fromLatin1(Planner::backendId(m.backend)), QString::number(m.context),
                            versus(tokS(m.decodeTokS), m.decodeTokS, m.predictedDecodeTokS, tokS(m.predictedDecodeTokS)),
                            tokS(m.prefillTokS), m.ttftMs > 0 ? QStringLiteral("%1 ms").arg(m.ttftMs, 0, 'f', 0) : QStringLiteral("-"),
                            m.peakBytes ? versus(gib(double(m.peakBytes)), double(m.peakBytes), double(m.predictedBytes),
                                                 gib(double(m.predictedBytes)))
                                        : QStringLiteral("-")};
    return rows;
}

QString md(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('|'), QStringLiteral("\\|"));
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s;
}
QString mdRow(const QStringList &cells)
{
    QStringList escaped;
    for (const QString &c : cells)
        escaped << (c.isEmpty() ? QStringLiteral("—") : md(c));
    return QStringLiteral("| %1 |\n").arg(escaped.join(QStringLiteral(" | ")));
}
QString mdHeader(const QStringList &cells)
{
    QString s = mdRow(cells) + QLatin1Char('|');
    for (qsizetype i = 0; i < cells.size(); ++i)
        s += QStringLiteral(" --- |");
    return s + QLatin1Char('\n');
}

QString h(const QString &s) { return s.toHtmlEscaped(); }
QString link(const QString &src, const QString &label)
{
    if (src.startsWith(QLatin1String("http://")) || src.startsWith(QLatin1String("https://")))
        return QStringLiteral("<a href=\"%1\">%2</a>").arg(h(src), h(label.isEmpty() ? src : label));
    return h(label.isEmpty() ? src : label);
}
QString htmlTable(const QStringList &header, const QList<QStringList> &rows) // cells already HTML
{
    QString s = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">\n<tr>");
    for (const QString &c : header)
        s += QStringLiteral("<th align=\"left\" bgcolor=\"#e8e8e8\">%1</th>").arg(h(c));
    s += QStringLiteral("</tr>\n");
    for (const QStringList &row : rows) {
        s += QStringLiteral("<tr>");
        for (const QString &c : row)
            s += QStringLiteral("<td>%1</td>").arg(c.isEmpty() ? QStringLiteral("—") : c);
        s += QStringLiteral("</tr>\n");
    }
    return s + QStringLiteral("</table>\n");
}
const char *verdictColour(Verdict v)
{
    switch (v) {
    case Verdict::Allowed: return "#1a7f37";
    case Verdict::AllowedWithObligations: return "#9a6700";
    case Verdict::NeedsLegalReview: return "#bc4c00";
    case Verdict::NotAllowed: return "#cf222e";
    }
    return "#000000";
}

// A bar per device: weights / KV cache / compute+overhead / free, widths in
// percent of the device's capacity (QTextDocument renders table cell widths
// and colours, so the chart survives into the PDF).
QString memoryChart(const Planner::Plan &plan)
{
    QString s = QStringLiteral("<p><b>Memory per device</b> (<font color=\"#0969da\">■</font> weights "
                               "<font color=\"#8250df\">■</font> KV cache <font color=\"#bf8700\">■</font> compute and overhead "
                               "<font color=\"#d0d7de\">■</font> free)</p>\n<table cellspacing=\"0\" cellpadding=\"2\" width=\"100%\">\n");
    for (const Planner::DeviceUse &d : plan.devices) {
        if (d.capacity == 0)
            continue; // CPU RAM of unknown size: no bar to fill
        const double cap = double(std::max<uint64_t>(d.capacity, d.total()));
        const auto pct = [&](double part) { return std::max(0, int(std::lround(100.0 * part / cap))); };
        const int w = pct(double(d.weights)), k = pct(double(d.kvCache)), c = pct(double(d.compute + d.overhead));
        const int free = std::max(0, 100 - w - k - c);
        s += QStringLiteral("<tr><td width=\"30%\">%1<br/><small>%2 of %3</small></td><td width=\"70%\">"
                            "<table cellspacing=\"0\" cellpadding=\"0\" width=\"100%\"><tr>").arg(h(d.name), gib(double(d.total())), d.capacity ? gib(double(d.capacity)) : QStringLiteral("?"));
        const auto bar = [&](int width, const char *colour) {
            if (width > 0)
                s += QStringLiteral("<td width=\"%1%\" bgcolor=\"%2\">&nbsp;</td>").arg(width).arg(QLatin1String(colour));
        };
        bar(w, "#0969da");
        bar(k, "#8250df");
        bar(c, "#bf8700");
        bar(free, "#d0d7de");
        s += QStringLiteral("</tr></table></td></tr>\n");
    }
    return s + QStringLiteral("</table>\n");
}

json itemsJson(const std::vector<ReportItem> &items)
{
    json arr = json::array();
    for (const ReportItem &i : items)
        arr.push_back({{"kind", u8(i.kind)}, {"text", u8(i.text)}, {"source", i.src.isEmpty() ? json(nullptr) : json(u8(i.src))}});
    return arr;
}
json sourcedJson(const Catalog::SourcedValue &v)
{
    return {{"value", u8(v.text)}, {"source", u8(v.src)}, {"source_label", u8(v.sourceLabel)},
            {"quote", u8(v.quote)}, {"note", u8(v.note)}, {"approx", v.approx}};
}
json optNumber(const std::optional<double> &v) { return v ? json(*v) : json(nullptr); }
json positiveOrNull(double v) { return v > 0 ? json(v) : json(nullptr); }

} // namespace

std::optional<ReportFormat> formatByName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("md") || n == QLatin1String("markdown")) return ReportFormat::Markdown;
    if (n == QLatin1String("html") || n == QLatin1String("htm")) return ReportFormat::Html;
    if (n == QLatin1String("pdf")) return ReportFormat::Pdf;
    if (n == QLatin1String("json")) return ReportFormat::Json;
    return std::nullopt;
}

std::optional<ReportFormat> formatForPath(const QString &path)
{
    return formatByName(QFileInfo(path).suffix());
}

QString formatExtension(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Markdown: return QStringLiteral("md");
    case ReportFormat::Html: return QStringLiteral("html");
    case ReportFormat::Pdf: return QStringLiteral("pdf");
    case ReportFormat::Json: return QStringLiteral("json");
    }
    return {};
}

QString renderMarkdown(const DeploymentReport &r)
{
    const License::ModelVerdict &v = r.verdict;
    QString s;
    s += QStringLiteral("# Deployment report: %1\n\n").arg(modelName(r));
    s += QStringLiteral("Generated %1 · Catalog version %2 · ModelAtlas %3\n\n")
             .arg(dateText(r), r.catalogVersion.isEmpty() ? QStringLiteral("unknown") : r.catalogVersion, r.appVersion);
    s += QStringLiteral("> **Not legal advice.** %1\n\n").arg(notLegalAdvice());

    s += QStringLiteral("## Summary\n\n");
    s += QStringLiteral("- Model: %1 (`%2`), %3\n").arg(modelName(r), r.model.row.id, r.model.row.vendorName.isEmpty() ? r.model.row.vendor : r.model.row.vendorName);
    if (r.planRequested)
        s += QStringLiteral("- Plan: %1 at %2 on %3 — %4\n").arg(modelName(r), r.plan.quant, r.plan.hardware, planVerdictText(r.plan));
    s += QStringLiteral("- **%1**\n").arg(verdictLine(r));
    s += QStringLiteral("- Deployment profile: %1\n\n").arg(profileText(r.profile));

    s += QStringLiteral("## Model facts\n\n");
    s += mdHeader({QStringLiteral("Field"), QStringLiteral("Value"), QStringLiteral("Source"), QStringLiteral("Conflict")});
    for (const Catalog::FactDetail &f : r.model.facts) {
        for (qsizetype i = 0; i < f.values.size(); ++i) {
            const Catalog::SourcedValue &val = f.values[i];
            s += mdRow({i == 0 ? Catalog::factLabel(f.field) : QString(), val.approx ? QStringLiteral("~") + val.text : val.text, sourceOf(val),
                        i == 0 ? f.conflict : QString()});
        }
    }
    s += QLatin1Char('\n');

    s += QStringLiteral("## Benchmarks\n\n");
    if (r.model.scores.isEmpty())
        s += QStringLiteral("No benchmark results in the catalog.\n\n");
    else {
        s += mdHeader({QStringLiteral("Benchmark"), QStringLiteral("Score"), QStringLiteral("Setup"), QStringLiteral("Date"), QStringLiteral("Source")});
        for (const Catalog::ScoreDetail &sc : r.model.scores)
            s += mdRow({sc.benchmarkName, sc.value.text + (sc.unit.isEmpty() ? QString() : QLatin1Char(' ') + sc.unit), sc.setup, sc.date, sourceOf(sc.value)});
        s += QLatin1Char('\n');
    }

    s += QStringLiteral("## Memory, speed and cost\n\n");
    if (!r.planRequested)
        s += QStringLiteral("No hardware plan was requested.\n\n");
    else {
        s += mdHeader({QStringLiteral("Item"), QStringLiteral("Prediction")});
        for (const auto &row : planRows(r))
            s += mdRow({row.first, row.second});
        s += QLatin1Char('\n');
        if (!r.plan.error.isEmpty())
            s += QStringLiteral("Not planned: %1\n\n").arg(r.plan.error);
        if (r.plan.plan) {
            s += QStringLiteral("### Memory per device\n\n");
            s += mdHeader({QStringLiteral("Device"), QStringLiteral("Layers"), QStringLiteral("Weights"), QStringLiteral("KV cache"),
                           QStringLiteral("Compute"), QStringLiteral("Overhead"), QStringLiteral("Total"), QStringLiteral("Capacity")});
            for (const Planner::DeviceUse &d : r.plan.plan->devices)
                s += mdRow({d.name, QString::number(d.layerCount), gib(double(d.weights)), gib(double(d.kvCache)), gib(double(d.compute)),
                            gib(double(d.overhead)), gib(double(d.total())), d.capacity ? gib(double(d.capacity)) : QStringLiteral("?")});
            s += QStringLiteral("\nPredictions of the ModelAtlas planner from the catalog's architecture; measure on the target hardware.\n\n");
        }
    }
    if (!r.measured.isEmpty()) {
        s += QStringLiteral("### Measured on this machine\n\n");
        s += mdHeader(measuredHeader());
        for (const QStringList &row : measuredRows(r))
            s += mdRow(row);
        s += QLatin1Char('\n');
    }

    s += QStringLiteral("## License verdict\n\n");
    s += QStringLiteral("**%1**\n\nLicense(s): %2\n\n").arg(verdictLine(r), licensesText(r));
    s += QStringLiteral("### Clauses that apply\n\n");
    if (v.reasons.empty())
        s += QStringLiteral("No clause restricts this deployment profile.\n\n");
    for (const License::Reason &reason : v.reasons) {
        s += QStringLiteral("- **[%1] %2** — %3\n").arg(License::verdictLabel(reason.effect), clauseRef(reason.licenseId, reason.clauseId), reason.summary);
        if (!reason.why.isEmpty())
            s += QStringLiteral("  - Why it applies: %1\n").arg(reason.why);
        if (!reason.quote.isEmpty())
            s += QStringLiteral("  - Text: \"%1\"\n").arg(reason.quote);
        if (!reason.src.isEmpty())
            s += QStringLiteral("  - Source: %1\n").arg(reason.src);
        if (!reason.remedy.isEmpty())
            s += QStringLiteral("  - Remedy: %1\n").arg(reason.remedy);
    }
    s += QStringLiteral("\n### Obligations\n\n");
    if (v.obligations.empty())
        s += QStringLiteral("None recorded.\n");
    for (const License::Obligation &o : v.obligations)
        s += QStringLiteral("- [ ] (%1) %2 — %3\n").arg(o.kind, o.text, clauseRef(o.licenseId, o.clauseId));
    s += QLatin1Char('\n');

    s += QStringLiteral("## Risks\n\n");
    if (r.risks.empty())
        s += QStringLiteral("None found.\n");
    for (const ReportItem &i : r.risks)
        s += QStringLiteral("- (%1) %2%3\n").arg(i.kind, i.text, i.src.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(i.src));
    s += QStringLiteral("\n## Open questions\n\n");
    if (r.openQuestions.empty())
        s += QStringLiteral("None.\n");
    for (const ReportItem &i : r.openQuestions)
        s += QStringLiteral("- (%1) %2%3\n").arg(i.kind, i.text, i.src.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(i.src));
    s += QStringLiteral("\n## Sources\n\n");
    for (const QString &src : r.model.sources)
        s += QStringLiteral("- %1\n").arg(src);
    s += QStringLiteral("\n---\n\n%1\n").arg(notLegalAdvice());
    return s;
}

QString renderHtml(const DeploymentReport &r)
{
    const License::ModelVerdict &v = r.verdict;
    QString s;
    s += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Deployment report: %1</title></head>\n<body>\n")
             .arg(h(modelName(r)));
    s += QStringLiteral("<h1>Deployment report: %1</h1>\n").arg(h(modelName(r)));
    s += QStringLiteral("<p>Generated %1 · Catalog version %2 · ModelAtlas %3</p>\n")
             .arg(h(dateText(r)), h(r.catalogVersion.isEmpty() ? QStringLiteral("unknown") : r.catalogVersion), h(r.appVersion));
    s += QStringLiteral("<p class=\"disclaimer\"><b>Not legal advice.</b> %1</p>\n").arg(h(notLegalAdvice()));

    s += QStringLiteral("<h2>Summary</h2>\n<ul>\n");
    s += QStringLiteral("<li>Model: %1 (<code>%2</code>), %3</li>\n")
             .arg(h(modelName(r)), h(r.model.row.id), h(r.model.row.vendorName.isEmpty() ? r.model.row.vendor : r.model.row.vendorName));
    if (r.planRequested)
        s += QStringLiteral("<li>Plan: %1 on %2 — %3</li>\n").arg(h(r.plan.quant), h(r.plan.hardware), h(planVerdictText(r.plan)));
    s += QStringLiteral("<li class=\"verdict\"><b><font color=\"%1\">%2</font></b></li>\n")
             .arg(QLatin1String(verdictColour(v.verdict)), h(verdictLine(r)));
    s += QStringLiteral("<li>Deployment profile: %1</li>\n</ul>\n").arg(h(profileText(r.profile)));

    s += QStringLiteral("<h2>Model facts</h2>\n");
    QList<QStringList> rows;
    for (const Catalog::FactDetail &f : r.model.facts)
        for (qsizetype i = 0; i < f.values.size(); ++i) {
            const Catalog::SourcedValue &val = f.values[i];
            rows << QStringList{i == 0 ? h(Catalog::factLabel(f.field)) : QString(), h(val.approx ? QStringLiteral("~") + val.text : val.text),
                                link(val.src, val.sourceLabel), i == 0 && !f.conflict.isEmpty() ? QStringLiteral("⚠ ") + h(f.conflict) : QString()};
        }
    s += htmlTable({QStringLiteral("Field"), QStringLiteral("Value"), QStringLiteral("Source"), QStringLiteral("Conflict")}, rows);

    s += QStringLiteral("<h2>Benchmarks</h2>\n");
    if (r.model.scores.isEmpty())
        s += QStringLiteral("<p>No benchmark results in the catalog.</p>\n");
    else {
        rows.clear();
        for (const Catalog::ScoreDetail &sc : r.model.scores)
            rows << QStringList{h(sc.benchmarkName), h(sc.value.text + (sc.unit.isEmpty() ? QString() : QLatin1Char(' ') + sc.unit)),
                                h(sc.setup), h(sc.date), link(sc.value.src, sc.value.sourceLabel)};
        s += htmlTable({QStringLiteral("Benchmark"), QStringLiteral("Score"), QStringLiteral("Setup"), QStringLiteral("Date"), QStringLiteral("Source")}, rows);
    }

    s += QStringLiteral("<h2>Memory, speed and cost</h2>\n");
    if (!r.planRequested)
        s += QStringLiteral("<p>No hardware plan was requested.</p>\n");
    else {
        rows.clear();
        for (const auto &row : planRows(r))
            rows << QStringList{h(row.first), h(row.second)};
        s += htmlTable({QStringLiteral("Item"), QStringLiteral("Prediction")}, rows);
        if (!r.plan.error.isEmpty())
            s += QStringLiteral("<p>Not planned: %1</p>\n").arg(h(r.plan.error));
        if (r.plan.plan) {
            s += memoryChart(*r.plan.plan);
            rows.clear();
            for (const Planner::DeviceUse &d : r.plan.plan->devices)
                rows << QStringList{h(d.name), QString::number(d.layerCount), gib(double(d.weights)), gib(double(d.kvCache)), gib(double(d.compute)),
                                    gib(double(d.overhead)), gib(double(d.total())), d.capacity ? gib(double(d.capacity)) : QStringLiteral("?")};
            s += htmlTable({QStringLiteral("Device"), QStringLiteral("Layers"), QStringLiteral("Weights"), QStringLiteral("KV cache"),
                            QStringLiteral("Compute"), QStringLiteral("Overhead"), QStringLiteral("Total"), QStringLiteral("Capacity")}, rows);
            s += QStringLiteral("<p><small>Predictions of the ModelAtlas planner from the catalog's architecture; measure on the target hardware.</small></p>\n");
        }
    }
    if (!r.measured.isEmpty()) {
        s += QStringLiteral("<h3>Measured on this machine</h3>\n");
        rows.clear();
        for (const QStringList &row : measuredRows(r)) {
            QStringList cells;
            for (const QString &c : row)
                cells << h(c);
            rows << cells;
        }
        s += htmlTable(measuredHeader(), rows);
    }

    s += QStringLiteral("<h2>License verdict</h2>\n");
    s += QStringLiteral("<p class=\"verdict\"><b><font color=\"%1\">%2</font></b></p>\n<p>License(s): %3</p>\n")
             .arg(QLatin1String(verdictColour(v.verdict)), h(verdictLine(r)), h(licensesText(r)));
    s += QStringLiteral("<h3>Clauses that apply</h3>\n");
    if (v.reasons.empty())
        s += QStringLiteral("<p>No clause restricts this deployment profile.</p>\n");
    else {
        rows.clear();
        for (const License::Reason &reason : v.reasons) {
            QString detail = h(reason.summary);
            if (!reason.why.isEmpty())
                detail += QStringLiteral("<br/><i>Why it applies:</i> ") + h(reason.why);
            if (!reason.quote.isEmpty())
                detail += QStringLiteral("<br/><i>Text:</i> “%1”").arg(h(reason.quote));
            if (!reason.remedy.isEmpty())
                detail += QStringLiteral("<br/><i>Remedy:</i> ") + h(reason.remedy);
            rows << QStringList{QStringLiteral("<font color=\"%1\">%2</font>").arg(QLatin1String(verdictColour(reason.effect)), h(License::verdictLabel(reason.effect))),
                                h(clauseRef(reason.licenseId, reason.clauseId)), detail, link(reason.src, {})};
        }
        s += htmlTable({QStringLiteral("Effect"), QStringLiteral("Clause"), QStringLiteral("What and why"), QStringLiteral("Source")}, rows);
    }
    s += QStringLiteral("<h3>Obligations</h3>\n");
    if (v.obligations.empty())
        s += QStringLiteral("<p>None recorded.</p>\n");
    else {
        rows.clear();
        for (const License::Obligation &o : v.obligations)
            rows << QStringList{QStringLiteral("☐"), h(o.kind), h(o.text), h(clauseRef(o.licenseId, o.clauseId))};
        s += htmlTable({QString(), QStringLiteral("Kind"), QStringLiteral("Obligation"), QStringLiteral("Clause")}, rows);
    }

    const auto items = [&](const char *title, const std::vector<ReportItem> &list, const char *none) {
        s += QStringLiteral("<h2>%1</h2>\n").arg(QLatin1String(title));
        if (list.empty()) {
            s += QStringLiteral("<p>%1</p>\n").arg(QLatin1String(none));
            return;
        }
        s += QStringLiteral("<ul>\n");
        for (const ReportItem &i : list)
            s += QStringLiteral("<li>(%1) %2%3</li>\n").arg(h(i.kind), h(i.text), i.src.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(link(i.src, {})));
        s += QStringLiteral("</ul>\n");
    };
    items("Risks", r.risks, "None found.");
    items("Open questions", r.openQuestions, "None.");
    s += QStringLiteral("<h2>Sources</h2>\n<ul>\n");
    for (const QString &src : r.model.sources)
        s += QStringLiteral("<li>%1</li>\n").arg(link(src, {}));
    s += QStringLiteral("</ul>\n<hr/>\n<p class=\"disclaimer\">%1</p>\n</body></html>\n").arg(h(notLegalAdvice()));
    return s;
}

json renderJson(const DeploymentReport &r)
{
    const Catalog::ModelRow &m = r.model.row;
    json facts = json::array();
    for (const Catalog::FactDetail &f : r.model.facts) {
        json values = json::array();
        for (const Catalog::SourcedValue &v : f.values)
            values.push_back(sourcedJson(v));
        facts.push_back({{"field", u8(f.field)}, {"values", values}, {"conflict", f.conflict.isEmpty() ? json(nullptr) : json(u8(f.conflict))}});
    }
    json benchmarks = json::array();
    for (const Catalog::ScoreDetail &s : r.model.scores)
        benchmarks.push_back({{"id", u8(s.benchmarkId)}, {"name", u8(s.benchmarkName)}, {"unit", u8(s.unit)}, {"setup", u8(s.setup)},
                              {"date", u8(s.date)}, {"score", sourcedJson(s.value)},
                              {"conflict", s.conflict.isEmpty() ? json(nullptr) : json(u8(s.conflict))}});
    json sources = json::array();
    for (const QString &s : r.model.sources)
        sources.push_back(u8(s));

    json plan = nullptr;
    if (r.planRequested) {
        const PlanSection &p = r.plan;
        plan = {{"hardware", u8(p.hardware)}, {"gpu", p.gpuId.isEmpty() ? json(nullptr) : json(u8(p.gpuId))}, {"gpu_count", p.gpuCount},
                {"quant", u8(p.quant)},
                {"workload", {{"context", p.workload.context}, {"users", p.workload.users}, {"prompt_tokens", p.workload.promptTokens},
                              {"kv_type", Planner::kvTypeName(p.workload.kvType)}}},
                {"error", p.error.isEmpty() ? json(nullptr) : json(u8(p.error))}};
        if (p.plan) {
            const Planner::Plan &pl = *p.plan;
            json devices = json::array();
            for (const Planner::DeviceUse &d : pl.devices)
                devices.push_back({{"name", u8(d.name)}, {"gpu", d.gpu}, {"weights_bytes", d.weights}, {"kv_cache_bytes", d.kvCache},
                                   {"compute_bytes", d.compute}, {"overhead_bytes", d.overhead}, {"total_bytes", d.total()},
                                   {"capacity_bytes", d.capacity}, {"layers", d.layerCount}});
            plan["memory"] = {{"verdict", Planner::verdictName(pl.verdict)}, {"reason", u8(pl.reason)}, {"backend", Planner::backendId(pl.backend)},
                              {"weights_bytes", p.weightBytes}, {"weights_source", u8(p.weightsSource)}, {"params", p.params},
                              {"active_params", p.activeParams}, {"kv_cache_bytes", pl.kvBytes}, {"kv_bytes_per_token", pl.kvBytesPerToken},
                              {"headroom_bytes", pl.headroomBytes}, {"max_context", pl.maxContext}, {"devices", devices}};
            plan["speed"] = pl.speed.known ? json{{"decode_tok_s", pl.speed.decodeTokS}, {"aggregate_tok_s", pl.speed.aggregateTokS},
                                                  {"prefill_tok_s", pl.speed.prefillTokS}, {"ttft_s", pl.speed.ttftSeconds},
                                                  {"compute_bound", pl.speed.computeBound},
                                                  {"cpu_attention_share", pl.speed.cpuAttentionShare}}
                                           : json(nullptr);
        } else {
            plan["memory"] = nullptr;
            plan["speed"] = nullptr;
        }
        plan["cost"] = {{"monthly_usd", optNumber(p.monthlyUsd)}, {"usd_per_million_output_tokens", optNumber(p.usdPerMillionOutputTokens)},
                        {"basis", u8(p.costBasis)}, {"note", p.costNote.isEmpty() ? json(nullptr) : json(u8(p.costNote))}};
    }

    json measured = json::array();
    for (const Planner::Measurement &run : r.measured)
        measured.push_back({{"measured_at", run.createdAt.isValid() ? json(u8(run.createdAt.toString(Qt::ISODate))) : json(nullptr)},
                            {"device", u8(run.deviceId)}, {"backend", Planner::backendId(run.backend)}, {"context", run.context},
                            {"prompt_tokens", run.promptTokens}, {"output_tokens", run.outputTokens},
                            {"decode_tok_s", positiveOrNull(run.decodeTokS)},
                            {"prefill_tok_s", positiveOrNull(run.prefillTokS)},
                            {"ttft_ms", positiveOrNull(run.ttftMs)},
                            {"peak_bytes", run.peakBytes ? json(run.peakBytes) : json(nullptr)},
                            {"predicted_bytes", run.predictedBytes ? json(run.predictedBytes) : json(nullptr)},
                            {"predicted_decode_tok_s", positiveOrNull(run.predictedDecodeTokS)}});

    const License::ModelVerdict &v = r.verdict;
    json reasons = json::array(), obligations = json::array(), notes = json::array(), licenses = json::array();
    for (const License::Reason &x : v.reasons)
        reasons.push_back({{"effect", u8(License::verdictId(x.effect))}, {"license", u8(x.licenseId)}, {"clause", u8(x.clauseId)},
                           {"kind", u8(x.kind)}, {"summary", u8(x.summary)}, {"quote", u8(x.quote)}, {"source", u8(x.src)},
                           {"why", u8(x.why)}, {"remedy", u8(x.remedy)}});
    for (const License::Obligation &o : v.obligations)
        obligations.push_back({{"kind", u8(o.kind)}, {"text", u8(o.text)}, {"license", u8(o.licenseId)}, {"clause", u8(o.clauseId)}});
    for (const QString &n : v.notes)
        notes.push_back(u8(n));
    for (const QString &l : v.licenseIds)
        licenses.push_back(u8(l));

    return {{"schema_version", kReportSchemaVersion},
            {"kind", "modelatlas.deployment_report"},
            {"generated_at", u8(dateText(r))},
            {"catalog_version", u8(r.catalogVersion)},
            {"app_version", u8(r.appVersion)},
            {"disclaimer", u8(notLegalAdvice())},
            {"model", {{"id", u8(m.id)}, {"name", u8(m.name)}, {"family", u8(m.family)}, {"vendor", u8(m.vendor)},
                       {"facts", facts}, {"sources", sources}}},
            {"benchmarks", benchmarks},
            {"plan", plan},
            {"measured_runs", measured},
            {"profile", License::toJson(r.profile)},
            {"license", {{"verdict", u8(License::verdictId(v.verdict))}, {"verdict_label", u8(License::verdictLabel(v.verdict))},
                         {"licenses", licenses}, {"deciding_clause", v.decidingClause().isEmpty() ? json(nullptr) : json(u8(v.decidingClause()))},
                         {"reasons", reasons}, {"obligations", obligations}, {"notes", notes}}},
            {"risks", itemsJson(r.risks)},
            {"open_questions", itemsJson(r.openQuestions)}};
}

Result<QByteArray> renderPdf(const DeploymentReport &report)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Result<QByteArray>::failure(QStringLiteral("PDF output needs a QGuiApplication (fonts and page layout)."));
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(QStringLiteral("Deployment report: %1").arg(modelName(report)));
        writer.setCreator(QStringLiteral("ModelAtlas %1").arg(report.appVersion));
        QTextDocument doc;
        doc.setHtml(renderHtml(report));
        doc.print(&writer);
    }
    if (!bytes.startsWith("%PDF"))
        return Result<QByteArray>::failure(QStringLiteral("The PDF writer produced no document."));
    return bytes;
}

Status writeReport(const DeploymentReport &report, ReportFormat format, const QString &path)
{
    QByteArray bytes;
    switch (format) {
    case ReportFormat::Markdown: bytes = renderMarkdown(report).toUtf8(); break;
    case ReportFormat::Html: bytes = renderHtml(report).toUtf8(); break;
    case ReportFormat::Json: bytes = QByteArray::fromStdString(renderJson(report).dump(2)) + '\n'; break;
    case ReportFormat::Pdf: {
        auto pdf = renderPdf(report);
        if (!pdf)
            return Status::failure(pdf.error());
        bytes = std::move(pdf).value();
        break;
    }
    }
    // QSaveFile writes <path>.XXXXXX beside the target and renames it over
    // the target on commit(); cancelled or failed writes remove it.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(QStringLiteral("Cannot write the report to %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Status::failure(QStringLiteral("Cannot write the report to %1: %2").arg(path, why));
    }
    if (!file.commit())
        return Status::failure(QStringLiteral("Cannot write the report to %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace ModelAtlas::Reports
