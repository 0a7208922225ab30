#pragma once

#include <QList>
#include <QString>

namespace ModelAtlas::Compare {

// One model in a scatter view: x is a cost (memory, active parameters,
// $/M tokens: lower is better), y a quality (benchmark score: higher is better).
struct ScatterPoint
{
    QString modelId, label;
    double x = 0, y = 0;
    bool onFront = false;   // set by markParetoFront()
};

// Marks the points no other point dominates (another point is at least as
// good on both axes and strictly better on one). Points with equal x and y
// are all on the front: neither dominates the other. Returns the front
// sorted by x (the order a line through it is drawn in).
QList<ScatterPoint> markParetoFront(QList<ScatterPoint> &points);

} // namespace ModelAtlas::Compare
