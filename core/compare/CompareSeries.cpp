#include "CompareSeries.h"

#include <QSet>

#include <algorithm>

namespace ModelAtlas::Compare {

const QStringList &chartBenchmarks()
{
    static const QStringList ids = {
        QStringLiteral("mmlu"), QStringLiteral("mmlu-pro"), QStringLiteral("gpqa-diamond"), QStringLiteral("math-500"),
        QStringLiteral("aime"), QStringLiteral("aime-2024"), QStringLiteral("aime-2025"), QStringLiteral("humaneval"),
        QStringLiteral("livecodebench"), QStringLiteral("swe-bench"), QStringLiteral("swe-bench-verified"),
        QStringLiteral("ifeval"), QStringLiteral("lmarena-elo"),
    };
    return ids;
}

Status validateSelection(const FactsTable &facts, const QStringList &modelIds)
{
    if (modelIds.size() < kMinModels || modelIds.size() > kMaxModels)
        return Status::failure(QStringLiteral("Pick %1 to %2 models to compare (%3 picked).")
                                   .arg(kMinModels).arg(kMaxModels).arg(modelIds.size()));
    QSet<QString> seen;
    for (const QString &id : modelIds) {
        if (!facts.find(id))
            return Status::failure(QStringLiteral("Unknown model \"%1\".").arg(id));
        if (seen.contains(id))
            return Status::failure(QStringLiteral("\"%1\" is picked twice.").arg(id));
        seen.insert(id);
    }
    return {};
}

namespace {

QString claimLine(const ScoreClaim &c, const QString &unit)
{
    QString value = c.min != c.max ? QStringLiteral("%1-%2").arg(c.min).arg(c.max) : QString::number(c.value);
    if (c.approx)
        value.prepend(QLatin1Char('~'));
    if (!unit.isEmpty() && unit != QLatin1String("score"))
        value += unit == QLatin1String("%") ? unit : QLatin1Char(' ') + unit;
    QString line = value;
    if (!c.setup.isEmpty())
        line += QStringLiteral(" (%1)").arg(c.setup);
    line += QStringLiteral(" — %1").arg(c.src);
    if (!c.date.isEmpty())
        line += QStringLiteral(", %1").arg(c.date);
    if (!c.quote.isEmpty())
        line += QStringLiteral(": \"%1\"").arg(c.quote);
    return line;
}

BarValue barValue(const ModelFacts &model, const BenchmarkInfo &bench)
{
    BarValue bar;
    const QList<ScoreClaim> claims = model.scoresFor(bench.id);
    if (claims.isEmpty())
        return bar;
    bar.known = true;
    // The first claim is the preferred one (docs/CATALOG_FORMAT.md: sources in preference order).
    bar.value = claims.first().value;
    bar.low = claims.first().min;
    bar.high = claims.first().max;
    QStringList lines;
    for (const ScoreClaim &c : claims) {
        bar.low = std::min(bar.low, c.min);
        bar.high = std::max(bar.high, c.max);
        lines << claimLine(c, bench.unit);
    }
    bar.conflict = bar.low != bar.high;
    bar.tooltip = QStringLiteral("%1 — %2\n%3").arg(model.row.name, bench.name, lines.join(QLatin1Char('\n')));
    return bar;
}

} // namespace

Result<QList<BenchmarkGroup>> benchmarkGroups(const FactsTable &facts, const QStringList &modelIds)
{
    if (const Status s = validateSelection(facts, modelIds); !s)
        return Result<QList<BenchmarkGroup>>::failure(s.error());
    QList<BenchmarkGroup> groups;
    for (const QString &benchId : chartBenchmarks()) {
        const BenchmarkInfo *bench = facts.benchmark(benchId);
        if (!bench)
            continue;
        BenchmarkGroup g{bench->id, bench->name, bench->unit, {}};
        bool any = false;
        for (const QString &id : modelIds) {
            g.values << barValue(*facts.find(id), *bench);
            any = any || g.values.last().known;
        }
        if (any)
            groups << g;
    }
    return groups;
}

QString scatterAxisId(ScatterAxis axis)
{
    switch (axis) {
    case ScatterAxis::MemoryGiB: return QStringLiteral("memory");
    case ScatterAxis::ActiveParamsB: return QStringLiteral("active-params");
    case ScatterAxis::UsdPerMTokens: return QStringLiteral("usd-per-m");
    }
    return {};
}

Result<ScatterData> scatterData(const FactsTable &facts, const QStringList &modelIds, const QString &benchmarkId,
                                ScatterAxis axis, const QHash<QString, double> &planned)
{
    using R = Result<ScatterData>;
    const BenchmarkInfo *bench = facts.benchmark(benchmarkId);
    if (!bench)
        return R::failure(QStringLiteral("Unknown benchmark \"%1\".").arg(benchmarkId));
    ScatterData out;
    for (const QString &id : modelIds) {
        const ModelFacts *m = facts.find(id);
        if (!m)
            return R::failure(QStringLiteral("Unknown model \"%1\".").arg(id));
        const QList<ScoreClaim> claims = m->scoresFor(benchmarkId);
        std::optional<double> x;
        if (axis == ScatterAxis::ActiveParamsB)
            x = m->row.paramsActiveB ? m->row.paramsActiveB : m->row.paramsTotalB;  // dense: active = total
        else if (planned.contains(id))
            x = planned.value(id);
        if (claims.isEmpty()) {
            out.missing << QStringLiteral("%1: no %2 score").arg(m->row.name, bench->name);
            continue;
        }
        if (!x || !(*x >= 0)) {
            out.missing << QStringLiteral("%1: no %2").arg(m->row.name,
                                                             axis == ScatterAxis::ActiveParamsB ? QStringLiteral("parameter count")
                                                             : axis == ScatterAxis::MemoryGiB ? QStringLiteral("memory estimate")
                                                                                              : QStringLiteral("cost estimate"));
            continue;
        }
        // Lower-is-better benchmarks are negated so the front's "higher y is better" holds.
        const double y = bench->higherIsBetter ? claims.first().value : -claims.first().value;
        out.points << ScatterPoint{id, m->row.name, *x, y, false};
    }
    out.front = markParetoFront(out.points);
    if (!bench->higherIsBetter) {
        for (ScatterPoint &p : out.points)
            p.y = -p.y;
        for (ScatterPoint &p : out.front)
            p.y = -p.y;
    }
    return out;
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString toCsv(const QList<QStringList> &rows)
{
    QString out;
    for (const QStringList &row : rows) {
        QStringList fields;
        fields.reserve(row.size());
        for (const QString &f : row)
            fields << csvField(f);
        out += fields.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
    return out;
}

} // namespace ModelAtlas::Compare
