#include "ApiPricing.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace ModelAtlas::Cost {

QString ApiPrice::label() const
{
    const QString model = modelName.isEmpty() ? modelId : modelName;
    return providerName.isEmpty() ? model : QStringLiteral("%1 (%2)").arg(model, providerName);
}

Result<QList<ApiPrice>> apiPrices(QSqlDatabase db, const QString &modelId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT p.model, COALESCE(m.name, p.model_name, p.model), p.provider, COALESCE(v.name, p.provider),"
        " p.input_per_m_min, p.input_per_m_max, p.output_per_m_min, p.output_per_m_max, p.src, p.note, p.date"
        " FROM api_prices p LEFT JOIN models m ON m.id = p.model LEFT JOIN providers v ON v.id = p.provider"
        " WHERE p.input_per_m_min IS NOT NULL AND COALESCE(p.provider, '') <> 'self-hosted'"
        " AND (? = '' OR p.model = ?) ORDER BY p.id"));
    // A null QString binds as SQL NULL, and "NULL = ''" is not true: bind a real empty string.
    const QString filter = modelId.isEmpty() ? QStringLiteral("") : modelId;
    q.addBindValue(filter);
    q.addBindValue(filter);
    if (!q.exec())
        return Result<QList<ApiPrice>>::failure(QStringLiteral("could not read API prices: %1").arg(q.lastError().text()));
    QList<ApiPrice> out;
    while (q.next()) {
        ApiPrice p;
        p.modelId = q.value(0).toString();
        p.modelName = q.value(1).toString();
        p.providerId = q.value(2).toString();
        p.providerName = q.value(3).toString();
        p.inputMinPerM = q.value(4).toDouble();
        p.inputMaxPerM = q.value(5).isNull() ? p.inputMinPerM : q.value(5).toDouble();
        if (!q.value(6).isNull()) {
            p.outputMinPerM = q.value(6).toDouble();
            p.outputMaxPerM = q.value(7).isNull() ? *p.outputMinPerM : q.value(7).toDouble();
        }
        p.src = q.value(8).toString();
        p.note = q.value(9).toString();
        p.date = q.value(10).toString();
        out.append(p);
    }
    return out;
}

ApiPrice manualApiPrice(const QString &name, double inputPerM, std::optional<double> outputPerM)
{
    ApiPrice p;
    p.modelName = name;
    p.inputMinPerM = p.inputMaxPerM = inputPerM;
    if (outputPerM)
        p.outputMinPerM = p.outputMaxPerM = *outputPerM;
    return p;
}

UsdRange apiUsdPerRequest(const ApiPrice &p, const Workload &w)
{
    const double outMin = p.outputMinPerM.value_or(p.inputMinPerM);
    const double outMax = p.outputMaxPerM.value_or(p.inputMaxPerM);
    return {(w.inputTokensPerRequest * p.inputMinPerM + w.outputTokensPerRequest * outMin) / 1e6,
            (w.inputTokensPerRequest * p.inputMaxPerM + w.outputTokensPerRequest * outMax) / 1e6};
}

UsdRange apiMonthlyUsd(const ApiPrice &p, const Workload &w)
{
    const UsdRange r = apiUsdPerRequest(p, w);
    return {r.min * w.requestsPerMonth(), r.max * w.requestsPerMonth()};
}

ApiComparison compareWithApi(const ApiPrice &price, const Workload &w, const SelfHostEstimate &selfHost)
{
    ApiComparison c;
    c.price = price;
    c.apiPerRequest = apiUsdPerRequest(price, w);
    c.apiMonthly = apiMonthlyUsd(price, w);
    c.selfHostCheaperNow = selfHost.monthlyUsd < c.apiMonthly.min;
    // Above one replica's capacity more replicas are needed; the cheapest a
    // self-hosted request gets is a fully loaded replica's cost per request.
    if (selfHost.usdPerRequestAtCapacity >= c.apiPerRequest.max) {
        c.neverBreaksEven = true;
        return c;
    }
    const double fixed = selfHost.perReplica.totalUsd();
    const auto lo = breakEvenRequestsPerMonth(fixed, c.apiPerRequest.max);
    const auto hi = breakEvenRequestsPerMonth(fixed, c.apiPerRequest.min);
    if (lo && hi)
        c.breakEvenRequestsPerMonth = ValueRange{*lo, *hi};
    else if (lo)
        c.breakEvenRequestsPerMonth = ValueRange{*lo, *lo};
    return c;
}

} // namespace ModelAtlas::Cost
