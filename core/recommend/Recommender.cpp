#include "Recommender.h"

#include "RecommendExplain.h"
#include "cost/CostModel.h"
#include "fit/FitMatrix.h"
#include "hardware/HardwareValidation.h"
#include "planner/QuantMix.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace ModelAtlas::Recommend {

namespace {

constexpr double kEndorsementWeight = 0.55;
constexpr double kQualityWeight = 0.45;
// A verdict that needs a lawyer keeps the model on the list, behind equals
// that need none.
constexpr double kLegalReviewPenalty = 0.8;
// Seed 003: edge/on-device picks stop at Gemma 3 27B / Mistral Small 24B.
constexpr double kEdgeMaxParamsB = 30;
// Seed 000 "Regional leaders: Europe | Mistral | GDPR compliance" and seed
// 001 "Apache 2.0, EU-based company ... the default choice for European
// enterprise deployments": for an EU deployer an EU vendor weighs more.
constexpr double kEuVendorBonus = 1.2;
// No score on the use's benchmarks: quality is unknown, not bad.
constexpr double kUnknownQuality = 0.5;
// The lowest quantization the wizard proposes is 4-bit (the seeds size
// every local deployment at Q4); fitMatrixQuants() lists Q4_0 at index 9,
// Q3_K_M and Q2_K after it.
constexpr int kLowestAcceptableQuant = 9;
// Without an architecture row: Q4_K_M's average bits per weight plus 10%
// for KV cache and runtime, a rough check only.
constexpr double kRoughBitsPerWeight = 4.85;
constexpr double kRoughOverhead = 1.10;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

struct Context
{
    const Inputs &in;
    const Request &req;
    QList<EndorsementTable> tables;   // the use case's own and the situation's
    QHash<QString, std::pair<double, double>> benchRange;   // benchmark -> catalog min, max
};

// Endorsements from the situation rather than the task: the seeds also
// recommend per region, per GPU budget and per price sensitivity. The EU
// table counts fully: seeds 000 and 001 make GDPR the deciding question
// ("Europe | Mistral | GDPR compliance", "the default choice for European
// enterprise deployments"); the others refine the pick at half weight.
QList<EndorsementTable> situationTables(const Request &req)
{
    QList<EndorsementTable> out;
    if (req.deployment && req.deployment->euDomiciled)
        out << EndorsementTable{QStringLiteral("eu-compliance"), 1.0};
    if (req.hardware) {
        const auto &hw = *req.hardware;
        if (hw.gpu.unifiedMemory && hw.gpuCount > 0)
            out << EndorsementTable{QStringLiteral("apple-silicon"), 0.5};
        else if (hw.totalGpus() == 1 && hw.gpu.memoryGiB <= 48)
            out << EndorsementTable{QStringLiteral("single-gpu"), 0.5};
    }
    if (req.maxMonthlyUsd)
        out << EndorsementTable{QStringLiteral("cost"), 0.5};
    return out;
}

double endorsementScore(const Context &ctx, const QString &modelId, QList<Endorsement> *used)
{
    // One vote per (source, scenario, use): a table that lists a model twice
    // under one scenario does not count it twice.
    QSet<QString> seen;
    double sum = 0;
    for (const Endorsement &e : *ctx.in.endorsements) {
        if (e.modelId != modelId)
            continue;
        const auto table = std::find_if(ctx.tables.cbegin(), ctx.tables.cend(),
                                        [&e](const EndorsementTable &t) { return t.useCase == e.useCase; });
        if (table == ctx.tables.cend())
            continue;
        const QString key = e.src + QLatin1Char('|') + e.scenario + QLatin1Char('|') + e.useCase;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        sum += table->weight / e.rank;
        used->append(e);
    }
    // Saturates: three rank-1 mentions are strong evidence (0.78), ten are not
    // three times stronger.
    return 1.0 - std::exp(-sum / 2.0);
}

// Quality on one benchmark as a fraction of the catalog's best: the best
// scores 1, half the best or less 0. Min-max over the few models a seed
// scored would call a model 2 points behind the leader worthless.
double normalised(double score, double lo, double hi, bool higherIsBetter)
{
    const double n = higherIsBetter ? (hi > 0 ? 2 * score / hi - 1 : 1) : (score > 0 ? 2 * lo / score - 1 : 1);
    return std::clamp(n, 0.0, 1.0);
}

std::optional<double> qualityScore(const Context &ctx, const Compare::ModelFacts &m, QList<BenchmarkUse> *used)
{
    double weighted = 0, weights = 0;
    for (const BenchmarkWeight &bw : benchmarkWeights(ctx.req.useCase)) {
        const QString id = QString::fromLatin1(bw.benchmarkId);
        const Compare::BenchmarkInfo *info = ctx.in.facts->benchmark(id);
        if (!info || !ctx.benchRange.contains(id))
            continue;
        const auto best = m.bestScore(id, info->higherIsBetter);
        if (!best)
            continue;
        const auto [lo, hi] = ctx.benchRange.value(id);
        const double n = normalised(*best, lo, hi, info->higherIsBetter);
        used->append({id, info->name, *best, n, bw.weight});
        weighted += n * bw.weight;
        weights += bw.weight;
    }
    if (weights <= 0)
        return std::nullopt;
    // Evidence from one weak benchmark must not outrank a model measured on
    // the use's main ones: below a full weight of 1 the mean is pulled
    // towards the unknown-quality prior.
    const double confidence = std::min(1.0, weights);
    return weighted / weights * confidence + kUnknownQuality * (1 - confidence);
}

bool isEuCountry(const QString &iso)
{
    static const QStringList eu = {
        QStringLiteral("AT"), QStringLiteral("BE"), QStringLiteral("BG"), QStringLiteral("CY"), QStringLiteral("CZ"),
        QStringLiteral("DE"), QStringLiteral("DK"), QStringLiteral("EE"), QStringLiteral("ES"), QStringLiteral("FI"),
        QStringLiteral("FR"), QStringLiteral("GR"), QStringLiteral("HR"), QStringLiteral("HU"), QStringLiteral("IE"),
        QStringLiteral("IT"), QStringLiteral("LT"), QStringLiteral("LU"), QStringLiteral("LV"), QStringLiteral("MT"),
        QStringLiteral("NL"), QStringLiteral("PL"), QStringLiteral("PT"), QStringLiteral("RO"), QStringLiteral("SE"),
        QStringLiteral("SI"), QStringLiteral("SK")};
    return eu.contains(iso);
}

// The best quantization (4-bit or better) that fits the hardware.
FitInfo fitOn(const Context &ctx, const Compare::ModelFacts &m)
{
    FitInfo fit;
    fit.checked = true;
    const auto &hw = *ctx.req.hardware;
    const Planner::ModelShape *shape = nullptr;
    for (const Planner::ModelShape &s : *ctx.in.shapes)
        if (s.id == m.row.id)
            shape = &s;
    if (shape) {
        Fit::FitOptions options;
        options.workload.context = std::max<int64_t>(ctx.req.minContext, 4096);
        const std::vector<Fit::FitRow> rows = Fit::fitMatrix({*shape}, hw, options);
        const auto &quants = Planner::fitMatrixQuants();
        for (int i = 0; i <= kLowestAcceptableQuant; ++i) {
            const Fit::FitCell &cell = rows.front().cells[size_t(i)];
            const bool ok = cell.verdict == Planner::Verdict::Fits
                            || (ctx.req.allowOffload && cell.verdict == Planner::Verdict::FitsWithOffload);
            if (!ok)
                continue;
            // Fully on the device beats a better quant with offload.
            if (fit.quant.isEmpty() || (fit.verdict != Planner::Verdict::Fits && cell.verdict == Planner::Verdict::Fits)) {
                fit.verdict = cell.verdict;
                fit.quant = QString::fromLatin1(Planner::quantInfo(quants[size_t(i)]).name);
                fit.weightsGiB = double(cell.weightBytes) / kGiB;
                fit.decodeTokS = cell.decodeTokS;
            }
            if (fit.verdict == Planner::Verdict::Fits)
                break;
        }
        if (fit.quant.isEmpty()) {
            // Report what 4-bit would need, for the exclusion message.
            fit.weightsGiB = double(rows.front().cells[size_t(kLowestAcceptableQuant)].weightBytes) / kGiB;
        }
        return fit;
    }
    fit.rough = true;
    const double params = m.row.paramsTotalB.value_or(0);
    fit.weightsGiB = params * 1e9 * kRoughBitsPerWeight / 8 / kGiB;
    const double capacity = hw.totalGpus() > 0 ? hw.gpu.memoryGiB * hw.totalGpus() : hw.systemRamGiB;
    if (params > 0 && fit.weightsGiB * kRoughOverhead <= capacity) {
        fit.verdict = Planner::Verdict::Fits;
        fit.quant = QStringLiteral("Q4_K_M");
    }
    return fit;
}

void costOf(const Context &ctx, Candidate &c)
{
    const Request &req = ctx.req;
    if (req.hardware) {
        const auto &hw = *req.hardware;
        if (hw.totalGpus() == 0 || (!hw.gpu.pricePerHourUsd && !hw.gpu.purchaseUsd))
            return;
        Cost::GpuCostInput gpu;
        gpu.gpuCount = hw.totalGpus();
        gpu.pricePerGpuHourUsd = hw.gpu.pricePerHourUsd;
        // A rented card's purchase price is not a cost too.
        if (!hw.gpu.pricePerHourUsd)
            gpu.purchasePerGpuUsd = hw.gpu.purchaseUsd;
        if (req.traffic.requestsPerDay > 0 && c.fit.decodeTokS > 0) {
            const auto est = Cost::estimateSelfHost({gpu, c.fit.decodeTokS}, req.traffic);
            if (est) {
                c.monthlyUsd = est->monthlyUsd;
                c.usdPerMTokens = est->usdPerMillionOutputTokens;
            }
        } else if (const auto monthly = Cost::monthlyGpuCost(gpu)) {
            c.monthlyUsd = monthly->totalUsd();
            if (c.fit.decodeTokS > 0)
                if (const auto perM = Cost::usdPerMillionTokens(monthly->totalUsd(), c.fit.decodeTokS, 1.0))
                    c.usdPerMTokens = perM.value();
        }
        c.costBasis = QStringLiteral("self-hosted");
        return;
    }
    if (!ctx.in.apiPrices)
        return;
    // No hardware: what the cheapest catalog API for this model would bill.
    for (const Cost::ApiPrice &p : *ctx.in.apiPrices) {
        if (p.modelId != c.modelId)
            continue;
        const double perM = p.outputMinPerM.value_or(p.inputMinPerM);
        if (!c.usdPerMTokens || perM < *c.usdPerMTokens) {
            c.usdPerMTokens = perM;
            c.costBasis = QStringLiteral("API: %1").arg(p.label());
            if (req.traffic.requestsPerDay > 0)
                c.monthlyUsd = Cost::apiMonthlyUsd(p, req.traffic).min;
        }
    }
}

// The first constraint the model fails, or an empty string.
QString constraintFailure(const Context &ctx, Candidate &c, const Compare::ModelFacts &m)
{
    const Request &req = ctx.req;
    if (req.useCase == UseCase::Edge && m.row.paramsTotalB.value_or(0) > kEdgeMaxParamsB)
        return Explain::tooLargeForEdge(m.row.paramsTotalB.value_or(0), kEdgeMaxParamsB);
    if (req.maxLicenseTier > 0 && (!m.row.licenseTier || *m.row.licenseTier > req.maxLicenseTier))
        return Explain::tierTooHigh(m.row.licenseTier, m.row.licenseName, req.maxLicenseTier);
    if (req.minContext > 0 && m.row.contextTokens.value_or(0) < double(req.minContext))
        return Explain::contextTooShort(m.row.contextTokens, req.minContext);
    if (req.deployment && ctx.in.licenses) {
        const License::ModelVerdict v = ctx.in.licenses->evaluate(*req.deployment, m.row.id);
        c.licenseVerdict = v.verdict;
        c.decidingClause = v.decidingClause();
        if (v.verdict == License::Verdict::NotAllowed)
            return Explain::licenseDenied(v);
        if (v.verdict == License::Verdict::NeedsLegalReview)
            c.licensePenalty = kLegalReviewPenalty;
    }
    if (req.hardware) {
        c.fit = fitOn(ctx, m);
        if (c.fit.quant.isEmpty())
            return Explain::doesNotFit(c.fit, *req.hardware, m.row.paramsTotalB.has_value());
        if (req.minDecodeTokS > 0 && c.fit.decodeTokS > 0 && c.fit.decodeTokS < req.minDecodeTokS)
            return Explain::tooSlow(c.fit.decodeTokS, req.minDecodeTokS);
    }
    costOf(ctx, c);
    if (req.maxMonthlyUsd && c.monthlyUsd && *c.monthlyUsd > *req.maxMonthlyUsd)
        return Explain::overBudget(*c.monthlyUsd, *req.maxMonthlyUsd);
    return {};
}

} // namespace

Status validate(const Request &r)
{
    if (r.shortlistSize < 1 || r.shortlistSize > 50)
        return Status::failure(QStringLiteral("Shortlist size must be 1 to 50 (got %1).").arg(r.shortlistSize));
    if (r.maxLicenseTier < 0 || r.maxLicenseTier > 5)
        return Status::failure(QStringLiteral("License tier must be 1 to 5, or 0 for any (got %1).").arg(r.maxLicenseTier));
    if (r.minContext < 0 || r.minContext > 100'000'000)
        return Status::failure(QStringLiteral("Context must be 0 to 100M tokens (got %1).").arg(r.minContext));
    if (!std::isfinite(r.minDecodeTokS) || r.minDecodeTokS < 0)
        return Status::failure(QStringLiteral("Minimum speed must be a non-negative number of tokens/s."));
    if (r.minDecodeTokS > 0 && !r.hardware)
        return Status::failure(QStringLiteral("A speed target needs hardware to predict the speed on; pick a hardware profile."));
    if (r.maxMonthlyUsd && (!std::isfinite(*r.maxMonthlyUsd) || *r.maxMonthlyUsd <= 0))
        return Status::failure(QStringLiteral("The monthly budget must be a positive amount of USD."));
    // Traffic is optional: no requests means "do not cost a workload".
    if (r.traffic.requestsPerDay > 0)
        if (const Status s = Cost::validateWorkload(r.traffic); !s)
            return s;
    if (r.hardware)
        if (const Status s = Hardware::validateProfile(*r.hardware); !s)
            return s;
    if (r.deployment)
        if (const Status s = License::validate(*r.deployment); !s)
            return s;
    return {};
}

Result<Recommendation> recommend(const Inputs &inputs, const Request &request)
{
    using R = Result<Recommendation>;
    if (!inputs.facts || !inputs.endorsements || !inputs.shapes)
        return R::failure(QStringLiteral("The catalog is not loaded yet."));
    if (const Status s = validate(request); !s)
        return R::failure(s.error());

    Context ctx{inputs, request, endorsementTables(request.useCase, request.languages) + situationTables(request), {}};
    for (const Compare::ModelFacts &m : inputs.facts->models) {
        for (const Compare::ScoreClaim &s : m.scores) {
            auto it = ctx.benchRange.find(s.benchmarkId);
            if (it == ctx.benchRange.end())
                ctx.benchRange.insert(s.benchmarkId, {s.value, s.value});
            else
                *it = {std::min(it->first, s.value), std::max(it->second, s.value)};
        }
    }

    Recommendation out;
    QList<Candidate> all;
    for (const Compare::ModelFacts &m : inputs.facts->models) {
        Candidate c;
        c.modelId = m.row.id;
        c.modelName = m.row.name;
        if (const QString failure = constraintFailure(ctx, c, m); !failure.isEmpty()) {
            out.excluded << Exclusion{m.row.id, m.row.name, failure};
            continue;
        }
        c.endorsement = endorsementScore(ctx, m.row.id, &c.endorsedBy);
        const std::optional<double> quality = qualityScore(ctx, m, &c.benchmarks);
        if (c.endorsedBy.isEmpty() && !quality)
            continue;   // nothing speaks for it: no recommendation, no score
        c.qualityKnown = quality.has_value();
        c.quality = quality.value_or(kUnknownQuality);
        if (request.deployment && request.deployment->euDomiciled && isEuCountry(m.vendorCountry))
            c.situationBonus = kEuVendorBonus;
        c.score = (kEndorsementWeight * c.endorsement + kQualityWeight * c.quality) * c.licensePenalty * c.situationBonus;
        all << c;
    }
    // Equal scores keep the catalog's name order, so the list is stable between runs.
    std::stable_sort(all.begin(), all.end(), [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    out.shortlist = all.mid(0, request.shortlistSize);
    return out;
}

} // namespace ModelAtlas::Recommend
