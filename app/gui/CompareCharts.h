#pragma once

#include "compare/CompareSeries.h"

#include <QList>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// One chart per benchmark: a horizontal bar per model (the first model on
// top, its name in full on the left) at the lowest claim, with the span up to
// the highest claim stacked after it in a lighter shade, so a conflict
// between sources reads as a range, never as one chosen value. The hover
// tooltips (setup, source, quote) are the group's BarValue tooltips.
QChart *benchmarkChart(const Compare::BenchmarkGroup &group, const QStringList &modelNames);

// Quality (y) against a cost (x): one scatter series per model (the legend
// names them), the Pareto front as a line with larger markers, and, when
// `fitLimit` is set (memory axis), the region that fits the hardware shaded.
QChart *scatterChart(const Compare::ScatterData &data, const QString &xTitle, const QString &yTitle,
                     std::optional<double> fitLimit);

} // namespace ModelAtlas::Gui
