#include "CompareCharts.h"

#include <QApplication>
#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QLineSeries>
#include <QScatterSeries>
#include <QHorizontalStackedBarSeries>
#include <QToolTip>
#include <QCursor>
#include <QValueAxis>

#include <algorithm>

namespace ModelAtlas::Gui {

namespace {

// Charts draw their own background: follow the application's light or dark palette.
QChart *themedChart()
{
    auto *chart = new QChart;
    const QPalette p = QApplication::palette();
    const bool dark = p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    return chart;
}

} // namespace

QChart *benchmarkChart(const Compare::BenchmarkGroup &group, const QStringList &modelNames)
{
    auto *chart = themedChart();
    chart->setTitle(group.unit.isEmpty() || group.unit == QLatin1String("score")
                        ? group.benchmarkName
                        : QStringLiteral("%1 (%2)").arg(group.benchmarkName, group.unit));
    auto *value = new QBarSet(QCoreApplication::translate("CompareCharts", "Score (lowest source)"));
    auto *range = new QBarSet(QCoreApplication::translate("CompareCharts", "Range between sources"));
    // Horizontal bars: the names read in full on the left axis, where slanted
    // names under upright bars were cut to "Qwen..." and two Qwens looked the
    // same. A category axis counts from the bottom, so the models go in
    // reversed: the first picked is on top.
    QStringList names;
    QStringList tips;   // every claim: its setup, source and quote
    double top = 0;
    for (qsizetype i = group.values.size() - 1; i >= 0; --i) {
        const Compare::BarValue &v = group.values[i];
        value->append(v.known ? v.low : 0);
        range->append(v.known ? v.high - v.low : 0);
        top = std::max(top, v.high);
        // An empty bar could be a zero: say that there is no score.
        names << (v.known ? modelNames.value(i)
                          : QCoreApplication::translate("CompareCharts", "%1 (no score)").arg(modelNames.value(i)));
        tips << (v.known ? v.tooltip : QCoreApplication::translate("CompareCharts", "No score in the catalog"));
    }
    // Colours are set here: a bar set has none until a chart adopts it.
    const QColor accent = QApplication::palette().color(QPalette::Highlight);
    value->setColor(accent);
    value->setBorderColor(accent);
    range->setColor(accent.lighter(170));
    range->setBorderColor(accent);
    auto *series = new QHorizontalStackedBarSeries;
    series->append(value);
    series->append(range);
    chart->addSeries(series);

    auto *models = new QBarCategoryAxis;
    models->append(names);
    auto *scores = new QValueAxis;
    double ceiling = top > 0 ? top * 1.1 : 1;
    if (group.unit == QLatin1String("%"))
        ceiling = std::min(ceiling, 100.0);   // a percentage tops out at 100
    scores->setRange(0, ceiling);
    scores->applyNiceNumbers();   // round ticks (0, 20, ... 100), not 0, 27, 54 ...
    scores->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(models, Qt::AlignLeft);
    chart->addAxis(scores, Qt::AlignBottom);
    series->attachAxis(models);
    series->attachAxis(scores);
    chart->legend()->setVisible(std::any_of(group.values.cbegin(), group.values.cend(),
                                            [](const Compare::BarValue &v) { return v.conflict; }));
    chart->legend()->setAlignment(Qt::AlignBottom);

    QObject::connect(series, &QHorizontalStackedBarSeries::hovered, chart, [tips](bool status, int index, QBarSet *) {
        if (status && index >= 0 && index < tips.size())
            QToolTip::showText(QCursor::pos(), tips[index]);
        else
            QToolTip::hideText();
    });
    return chart;
}

QChart *scatterChart(const Compare::ScatterData &data, const QString &xTitle, const QString &yTitle,
                     std::optional<double> fitLimit)
{
    auto *chart = themedChart();
    double xMax = fitLimit.value_or(0), yMin = 0, yMax = 0;
    bool first = true;
    for (const Compare::ScatterPoint &p : data.points) {
        xMax = std::max(xMax, p.x);
        yMin = first ? p.y : std::min(yMin, p.y);
        yMax = first ? p.y : std::max(yMax, p.y);
        first = false;
    }
    const double yPad = std::max(1.0, (yMax - yMin) * 0.1);
    auto *x = new QValueAxis;
    x->setTitleText(xTitle);
    x->setRange(0, xMax > 0 ? xMax * 1.1 : 1);
    auto *y = new QValueAxis;
    y->setTitleText(yTitle);
    y->setRange(yMin - yPad, yMax + yPad);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    if (fitLimit && *fitLimit > 0) {
        auto *upper = new QLineSeries;
        upper->append(0, y->max());
        upper->append(*fitLimit, y->max());
        auto *lower = new QLineSeries;
        lower->append(0, y->min());
        lower->append(*fitLimit, y->min());
        auto *area = new QAreaSeries(upper, lower);
        area->setName(QCoreApplication::translate("CompareCharts", "Fits the hardware"));
        QColor fill(QStringLiteral("#4caf50"));
        fill.setAlphaF(0.15);
        area->setBrush(fill);
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
    }
    if (data.front.size() > 1) {
        auto *front = new QLineSeries;
        front->setName(QCoreApplication::translate("CompareCharts", "Pareto front"));
        for (const Compare::ScatterPoint &p : data.front)
            front->append(p.x, p.y);
        QPen pen(QColor(QStringLiteral("#e65100")));
        pen.setWidthF(2);
        pen.setStyle(Qt::DashLine);
        front->setPen(pen);
        chart->addSeries(front);
        front->attachAxis(x);
        front->attachAxis(y);
    }
    for (const Compare::ScatterPoint &p : data.points) {
        auto *s = new QScatterSeries;
        s->setName(p.onFront ? QCoreApplication::translate("CompareCharts", "%1 (Pareto)").arg(p.label) : p.label);
        s->setMarkerSize(p.onFront ? 16 : 11);
        s->append(p.x, p.y);
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

} // namespace ModelAtlas::Gui
