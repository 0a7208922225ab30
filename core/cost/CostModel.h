#pragma once

#include "util/Result.h"

#include <QString>

#include <optional>

namespace ModelAtlas::Cost {

// Calendar conventions. 730 h is 8,760 h / 12; 30 days per month is the
// seeds' own convention (seed-001: "$12.50/day = $375/month").
constexpr double kHoursPerMonth = 730.0;
constexpr double kDaysPerMonth = 30.0;

// What running `gpuCount` GPUs for a month costs. Either rented (cloud
// $/GPU-hour, billed for every hour of the month) or owned (purchase price
// spread over `amortisationMonths`, plus electricity: power x hours x
// utilisation x $/kWh). Both may be given (e.g. colocation); they add up.
struct GpuCostInput
{
    int gpuCount = 1;
    std::optional<double> pricePerGpuHourUsd;
    std::optional<double> purchasePerGpuUsd;
    double amortisationMonths = 36;
    double powerWattsPerGpu = 0;   // board power under load; owned hardware only
    double usdPerKwh = 0;
    double utilisation = 1.0;      // fraction of the month the GPUs are busy, (0, 1]
    double hoursPerMonth = kHoursPerMonth;
};

struct MonthlyGpuCost
{
    double rentalUsd = 0;
    double amortisationUsd = 0;
    double powerUsd = 0;
    double totalUsd() const { return rentalUsd + amortisationUsd + powerUsd; }
    QString basis; // "rented at $2.65/GPU-h", "purchase $30,000 over 36 months + power"
};

Status validateGpuCostInput(const GpuCostInput &in);
Result<MonthlyGpuCost> monthlyGpuCost(const GpuCostInput &in);

// $/million tokens for a fixed monthly bill and a throughput (tokens/s of
// the whole deployment, an input here; the planner predicts it) kept up for
// `utilisation` of `hoursPerMonth`.
Result<double> usdPerMillionTokens(double monthlyUsd, double tokensPerSecond, double utilisation,
                                   double hoursPerMonth = kHoursPerMonth);

// A request workload. Tokens per request are counted separately because APIs
// price input and output differently.
struct Workload
{
    double requestsPerDay = 0;
    double inputTokensPerRequest = 0;
    double outputTokensPerRequest = 0;
    double daysPerMonth = kDaysPerMonth;

    double requestsPerMonth() const { return requestsPerDay * daysPerMonth; }
    double inputTokensPerMonth() const { return requestsPerMonth() * inputTokensPerRequest; }
    double outputTokensPerMonth() const { return requestsPerMonth() * outputTokensPerRequest; }
    double tokensPerMonth() const { return inputTokensPerMonth() + outputTokensPerMonth(); }
};
Status validateWorkload(const Workload &w);

// Self-hosting one model: one replica = the GPUs in `gpu`, producing
// `outputTokensPerSecond` (aggregate decode throughput at the planned
// concurrency). Prompt (prefill) work is assumed to fit in the same time
// budget: prefill is compute-bound and typically an order of magnitude
// faster per token than decode, so output tokens set the capacity.
struct SelfHostInput
{
    GpuCostInput gpu;
    double outputTokensPerSecond = 0;
};

struct SelfHostEstimate
{
    MonthlyGpuCost perReplica;
    int replicas = 1;                        // enough to carry the workload at the utilisation
    double monthlyUsd = 0;                   // replicas x per replica
    double capacityOutputTokensPerMonth = 0; // per replica, at the utilisation
    double capacityRequestsPerMonth = 0;     // per replica
    double load = 0;                         // workload / capacity of all replicas, (0, 1]
    double usdPerMillionOutputTokens = 0;    // at full capacity (the best case)
    double usdPerRequest = 0;                // at this workload: monthly / requests
    double usdPerRequestAtCapacity = 0;      // the floor as volume grows
};
Result<SelfHostEstimate> estimateSelfHost(const SelfHostInput &in, const Workload &w);

// Seed-002's rule: "monthly_gpu_cost / (daily_requests * 30) vs token_cost_per_request".
Result<double> selfHostUsdPerRequest(double monthlyGpuUsd, double requestsPerDay, double daysPerMonth = kDaysPerMonth);

// Requests per month above which a fixed monthly self-host bill is cheaper
// than paying `apiUsdPerRequest`; unset when the API costs nothing.
std::optional<double> breakEvenRequestsPerMonth(double monthlySelfHostUsd, double apiUsdPerRequest);

// Formats money without NaN/inf ever reaching a user: "$1,234.56", "$0.0021".
QString formatUsd(double usd);

} // namespace ModelAtlas::Cost
