#pragma once

#include "ModelFacts.h"
#include "Pareto.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelAtlas::Compare {

// Compare shows 2 to 8 models: fewer is not a comparison, more bars per
// group stop being readable.
constexpr int kMinModels = 2;
constexpr int kMaxModels = 8;

// The benchmarks the grouped bar charts show, in display order.
const QStringList &chartBenchmarks();

// Checks a selection: known ids, no duplicates, 2-8 of them.
Status validateSelection(const FactsTable &facts, const QStringList &modelIds);

// One bar: a model's preferred score on one benchmark. When sources
// disagree, low/high span every claim and `conflict` is set so the chart
// draws the range, not one silently chosen value.
struct BarValue
{
    bool known = false;
    double value = 0, low = 0, high = 0;
    bool conflict = false;
    QString tooltip;   // every claim: value, setup, source, quote
};

struct BenchmarkGroup
{
    QString benchmarkId, benchmarkName, unit;
    QList<BarValue> values;    // one per selected model, selection order
};

// Groups for every chart benchmark at least one selected model has a score
// on; benchmarks no selected model has are left out.
Result<QList<BenchmarkGroup>> benchmarkGroups(const FactsTable &facts, const QStringList &modelIds);

// The scatter x axes.
enum class ScatterAxis { MemoryGiB, ActiveParamsB, UsdPerMTokens };
QString scatterAxisId(ScatterAxis axis);   // "memory", "active-params", "usd-per-m"

// Points for `benchmarkId` (y, preferred claim) against `axis`. Active
// parameters come from the catalog; memory and $/M tokens come from the
// planner and are passed in `planned` (model id -> value). Models with no
// value on either axis are listed in `missing` rather than drawn at zero.
struct ScatterData
{
    QList<ScatterPoint> points;
    QList<ScatterPoint> front;   // the Pareto front, by x
    QStringList missing;         // "Model name: no MMLU score"
};
Result<ScatterData> scatterData(const FactsTable &facts, const QStringList &modelIds, const QString &benchmarkId,
                                ScatterAxis axis, const QHash<QString, double> &planned = {});

// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
QString csvField(const QString &text);
QString toCsv(const QList<QStringList> &rows);

} // namespace ModelAtlas::Compare
