#include "Endorsements.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace ModelAtlas::Recommend {

Result<QList<Endorsement>> loadEndorsements(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT use_case, scenario, model, note, src, rank FROM recommendations"
                               " WHERE model IS NOT NULL ORDER BY id")))
        return Result<QList<Endorsement>>::failure(
            QStringLiteral("Cannot read recommendations: %1").arg(q.lastError().text()));
    QList<Endorsement> out;
    while (q.next()) {
        Endorsement e{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                      q.value(4).toString(), 1};
        // A missing or nonsense rank counts as a plain mention (rank 1 of an unranked list).
        const double rank = q.value(5).toDouble();
        e.rank = std::isfinite(rank) && rank >= 1 ? int(rank) : 1;
        out << e;
    }
    return out;
}

} // namespace ModelAtlas::Recommend
