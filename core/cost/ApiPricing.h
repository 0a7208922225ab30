#pragma once

#include "CostModel.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ModelAtlas::Cost {

// One hosted-API price from the catalog's api_prices table, USD per million
// tokens. Sources give ranges ("$0.35-0.60") and sometimes one price for all
// tokens without an input/output split; both are kept as given.
struct ApiPrice
{
    QString modelId;       // catalog model, or empty for closed models
    QString modelName;     // display name ("GPT-4o", "DeepSeek-V3")
    QString providerId;
    QString providerName;
    double inputMinPerM = 0, inputMaxPerM = 0;
    std::optional<double> outputMinPerM, outputMaxPerM; // unset: the source quotes one price for every token
    QString src, note, date;

    QString label() const;          // "GPT-4o (OpenAI)"
    bool singlePrice() const { return !outputMinPerM; }
};

struct ValueRange
{
    double min = 0, max = 0;
};
using UsdRange = ValueRange;

// Every API price in the catalog (optionally for one model), hosted APIs
// only: the seeds' "self-hosted" per-token figures are not an API.
Result<QList<ApiPrice>> apiPrices(QSqlDatabase db, const QString &modelId = {});

// An API price entered by hand (or a test's): input/output per M tokens.
ApiPrice manualApiPrice(const QString &name, double inputPerM, std::optional<double> outputPerM);

// Cost of one request: input tokens at the input price plus output tokens at
// the output price; a single-price entry charges that price for all tokens.
UsdRange apiUsdPerRequest(const ApiPrice &price, const Workload &w);
UsdRange apiMonthlyUsd(const ApiPrice &price, const Workload &w);

// Self-hosting against one API: the API's monthly bill for the workload, and
// the monthly request volume above which self-hosting is cheaper. The fixed
// self-host bill is that of the replicas the workload needs; when even a
// fully loaded replica costs more per request than the API, self-hosting
// never breaks even (`neverBreaksEven`).
struct ApiComparison
{
    ApiPrice price;
    UsdRange apiMonthly;
    UsdRange apiPerRequest;
    std::optional<ValueRange> breakEvenRequestsPerMonth; // min from the API's max price, max from its min price
    bool neverBreaksEven = false;
    bool selfHostCheaperNow = false;                   // at this workload, vs the API's cheapest price
};
ApiComparison compareWithApi(const ApiPrice &price, const Workload &w, const SelfHostEstimate &selfHost);

} // namespace ModelAtlas::Cost
