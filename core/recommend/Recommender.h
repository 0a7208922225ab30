#pragma once

#include "Endorsements.h"
#include "UseCase.h"
#include "compare/ModelFacts.h"
#include "cost/ApiPricing.h"
#include "hardware/HardwareProfile.h"
#include "license/DeploymentProfile.h"
#include "license/LicenseEvaluator.h"
#include "planner/ModelShape.h"
#include "planner/Planner.h"
#include "util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ModelAtlas::Recommend {

// The wizard's answers. Every constraint left unset does not filter.
struct Request
{
    UseCase useCase = UseCase::General;
    QStringList languages;                                 // for Multilingual: "Chinese", "Japanese", ...
    std::optional<Hardware::HardwareProfile> hardware;     // the model must fit on it (4-bit or better)
    bool allowOffload = false;                             // accept plans that spill layers to CPU RAM
    std::optional<License::DeploymentProfile> deployment;  // licenses are judged against it
    int maxLicenseTier = 0;                                // 1: Apache/MIT-style only; 0: any tier
    int64_t minContext = 0;                                // tokens the model must accept
    double minDecodeTokS = 0;                              // latency: per-user decode speed on `hardware`
    std::optional<double> maxMonthlyUsd;                   // budget for serving `traffic`
    Cost::Workload traffic;                                // requests/day and tokens per request
    int shortlistSize = 5;
};

// Rejects nonsense (negative numbers, a latency target with no hardware to
// measure it on, a shortlist of 0) with a message naming the field.
Status validate(const Request &request);

// Everything the ranking reads; owned by the caller, read-only here.
struct Inputs
{
    const Compare::FactsTable *facts = nullptr;
    const QList<Endorsement> *endorsements = nullptr;
    const std::vector<Planner::ModelShape> *shapes = nullptr;   // plannable catalog models
    const License::LicenseEvaluator *licenses = nullptr;        // nullptr: no license check
    const QList<Cost::ApiPrice> *apiPrices = nullptr;
};

// One benchmark that went into a model's quality.
struct BenchmarkUse
{
    QString benchmarkId, benchmarkName;
    double score = 0;        // the model's best claim
    double normalised = 0;   // 0..1 across the catalog's scores on that benchmark
    double weight = 0;
};

// Where the model stands on the user's hardware.
struct FitInfo
{
    bool checked = false;          // hardware was given
    bool rough = false;            // no architecture in the catalog: parameters x 4.85 bits
    Planner::Verdict verdict = Planner::Verdict::DoesNotFit;
    QString quant;                 // best quantization that fits ("Q4_K_M")
    double weightsGiB = 0;
    double decodeTokS = 0;         // 0: unknown
};

struct Candidate
{
    QString modelId, modelName;
    double score = 0;              // 0..1, what the shortlist is sorted by
    double quality = 0;            // 0..1, weighted benchmark evidence for the use case
    bool qualityKnown = false;     // false: no score on the use's benchmarks; quality counts as average
    double endorsement = 0;        // 0..1, how strongly the seeds recommend it for this use
    double licensePenalty = 1;     // 1, or < 1 when a lawyer must look first
    double situationBonus = 1;     // > 1 for an EU vendor when the deployer is in the EU
    QList<BenchmarkUse> benchmarks;
    QList<Endorsement> endorsedBy;
    FitInfo fit;
    std::optional<License::Verdict> licenseVerdict;
    QString decidingClause;        // "license/clause" for a non-Allowed verdict
    std::optional<double> monthlyUsd;       // serving `traffic` (self-hosted on the hardware, else the cheapest API)
    std::optional<double> usdPerMTokens;    // output tokens
    QString costBasis;                      // "self-hosted", "API: DeepSeek (DeepSeek-V3)"
};

struct Exclusion
{
    QString modelId, modelName, reason;
};

struct Recommendation
{
    QList<Candidate> shortlist;    // best first
    QList<Exclusion> excluded;     // models that failed a constraint, with the one that failed
};

// Ranks every catalog model for the request: hard constraints (license,
// tier, context, fit, speed, budget) exclude; the rest are scored as
//   score = (0.55 x endorsement + 0.45 x quality) x license penalty x situation bonus
// where endorsement saturates with the seeds' recommendations for the use
// (a rank-1 mention counts 1, rank r 1/r), quality is the weighted mean of
// the use case's benchmarks as a fraction of the catalog's best score (a
// model without any counts as average, 0.5), and an EU deployer prefers EU
// vendors as seeds 000/001 do. Models with neither an endorsement nor a
// score are not listed: nothing speaks for them.
Result<Recommendation> recommend(const Inputs &inputs, const Request &request);

} // namespace ModelAtlas::Recommend
