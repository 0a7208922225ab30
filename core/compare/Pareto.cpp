#include "Pareto.h"

#include <algorithm>

namespace ModelAtlas::Compare {

QList<ScatterPoint> markParetoFront(QList<ScatterPoint> &points)
{
    // O(n^2): Compare shows at most a catalog's worth of points (~200), and
    // the quadratic form states the definition directly.
    QList<ScatterPoint> front;
    for (ScatterPoint &p : points) {
        p.onFront = std::none_of(points.cbegin(), points.cend(), [&p](const ScatterPoint &o) {
            return o.x <= p.x && o.y >= p.y && (o.x < p.x || o.y > p.y);
        });
        if (p.onFront)
            front << p;
    }
    std::sort(front.begin(), front.end(), [](const ScatterPoint &a, const ScatterPoint &b) {
        return a.x != b.x ? a.x < b.x : a.y < b.y;
    });
    return front;
}

} // namespace ModelAtlas::Compare
