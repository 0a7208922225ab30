#include "CostModel.h"

#include <QLocale>

#include <cmath>

namespace ModelAtlas::Cost {

namespace {

bool finitePositive(double v)
{
    return std::isfinite(v) && v > 0;
}

QString num(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 10) : QStringLiteral("not a number");
}

Status range(const QString &what, double v, double lo, double hi, bool loInclusive = false)
{
    if (!std::isfinite(v))
        return Status::failure(QStringLiteral("%1 is not a number.").arg(what));
    if ((loInclusive ? v < lo : v <= lo) || v > hi)
        return Status::failure(QStringLiteral("%1 of %2 is outside the sensible range (%3 to %4).").arg(what, num(v), num(lo), num(hi)));
    return {};
}

} // namespace

Status validateGpuCostInput(const GpuCostInput &in)
{
    if (in.gpuCount < 1 || in.gpuCount > 4096)
        return Status::failure(QStringLiteral("GPU count %1 is outside the sensible range (1 to 4096).").arg(in.gpuCount));
    if (!in.pricePerGpuHourUsd && !in.purchasePerGpuUsd)
        return Status::failure(QStringLiteral("no GPU price: give a rental price per GPU-hour or a purchase price."));
    const Status checks[] = {
        in.pricePerGpuHourUsd ? range(QStringLiteral("price per GPU-hour"), *in.pricePerGpuHourUsd, 0, 1000) : Status(),
        in.purchasePerGpuUsd ? range(QStringLiteral("purchase price per GPU"), *in.purchasePerGpuUsd, 0, 1e7) : Status(),
        range(QStringLiteral("amortisation period (months)"), in.amortisationMonths, 0, 240),
        range(QStringLiteral("power per GPU (W)"), in.powerWattsPerGpu, 0, 5000, true),
        range(QStringLiteral("electricity price ($/kWh)"), in.usdPerKwh, 0, 10, true),
        range(QStringLiteral("utilisation"), in.utilisation, 0, 1),
        range(QStringLiteral("hours per month"), in.hoursPerMonth, 0, 745),
    };
    for (const Status &s : checks) {
        if (!s)
            return s;
    }
    return {};
}

Result<MonthlyGpuCost> monthlyGpuCost(const GpuCostInput &in)
{
    if (const Status s = validateGpuCostInput(in); !s)
        return Result<MonthlyGpuCost>::failure(s.error());
    MonthlyGpuCost c;
    QStringList basis;
    if (in.pricePerGpuHourUsd) {
        // Cloud GPUs bill for every hour they are held, busy or not.
        c.rentalUsd = in.gpuCount * *in.pricePerGpuHourUsd * in.hoursPerMonth;
        basis << QStringLiteral("rented at %1/GPU-h").arg(formatUsd(*in.pricePerGpuHourUsd));
    }
    if (in.purchasePerGpuUsd) {
        c.amortisationUsd = in.gpuCount * *in.purchasePerGpuUsd / in.amortisationMonths;
        // Energy: W x busy hours -> kWh.
        c.powerUsd = in.gpuCount * in.powerWattsPerGpu / 1000.0 * in.hoursPerMonth * in.utilisation * in.usdPerKwh;
        basis << QStringLiteral("purchase %1/GPU over %2 months").arg(formatUsd(*in.purchasePerGpuUsd)).arg(num(in.amortisationMonths));
        if (c.powerUsd > 0)
            basis << QStringLiteral("%1 W at %2/kWh, %3% busy").arg(num(in.powerWattsPerGpu), formatUsd(in.usdPerKwh)).arg(num(in.utilisation * 100));
    }
    c.basis = QStringLiteral("%1 x GPU, ").arg(in.gpuCount) + basis.join(QStringLiteral(" + "));
    return c;
}

Result<double> usdPerMillionTokens(double monthlyUsd, double tokensPerSecond, double utilisation, double hoursPerMonth)
{
    if (const Status s = range(QStringLiteral("monthly cost"), monthlyUsd, 0, 1e12, true); !s)
        return Result<double>::failure(s.error());
    if (const Status s = range(QStringLiteral("throughput (tokens/s)"), tokensPerSecond, 0, 1e8); !s)
        return Result<double>::failure(s.error());
    if (const Status s = range(QStringLiteral("utilisation"), utilisation, 0, 1); !s)
        return Result<double>::failure(s.error());
    if (const Status s = range(QStringLiteral("hours per month"), hoursPerMonth, 0, 745); !s)
        return Result<double>::failure(s.error());
    const double tokensPerMonth = tokensPerSecond * 3600.0 * hoursPerMonth * utilisation;
    return monthlyUsd / (tokensPerMonth / 1e6);
}

Status validateWorkload(const Workload &w)
{
    const Status checks[] = {
        range(QStringLiteral("requests per day"), w.requestsPerDay, 0, 1e10),
        range(QStringLiteral("input tokens per request"), w.inputTokensPerRequest, 0, 1e8, true),
        range(QStringLiteral("output tokens per request"), w.outputTokensPerRequest, 0, 1e8, true),
        range(QStringLiteral("days per month"), w.daysPerMonth, 0, 31),
    };
    for (const Status &s : checks) {
        if (!s)
            return s;
    }
    if (w.inputTokensPerRequest + w.outputTokensPerRequest <= 0)
        return Status::failure(QStringLiteral("a request needs some input or output tokens."));
    return {};
}

Result<SelfHostEstimate> estimateSelfHost(const SelfHostInput &in, const Workload &w)
{
    if (const Status s = validateWorkload(w); !s)
        return Result<SelfHostEstimate>::failure(s.error());
    if (w.outputTokensPerRequest <= 0)
        return Result<SelfHostEstimate>::failure(QStringLiteral("self-hosting capacity is counted in output tokens; give output tokens per request."));
    Result<MonthlyGpuCost> gpu = monthlyGpuCost(in.gpu);
    if (!gpu)
        return Result<SelfHostEstimate>::failure(gpu.error());
    Result<double> perM = usdPerMillionTokens(gpu->totalUsd(), in.outputTokensPerSecond, in.gpu.utilisation, in.gpu.hoursPerMonth);
    if (!perM)
        return Result<SelfHostEstimate>::failure(perM.error());
    SelfHostEstimate e;
    e.perReplica = gpu.value();
    e.capacityOutputTokensPerMonth = in.outputTokensPerSecond * 3600.0 * in.gpu.hoursPerMonth * in.gpu.utilisation;
    e.capacityRequestsPerMonth = e.capacityOutputTokensPerMonth / w.outputTokensPerRequest;
    const double needed = w.outputTokensPerMonth() / e.capacityOutputTokensPerMonth;
    if (needed > 4096)
        return Result<SelfHostEstimate>::failure(QStringLiteral("this workload needs %1 replicas at %2 tokens/s each; check the throughput or the volume.")
                                                     .arg(std::ceil(needed)).arg(num(in.outputTokensPerSecond)));
    e.replicas = std::max(1, int(std::ceil(needed - 1e-9)));
    e.monthlyUsd = e.replicas * gpu->totalUsd();
    e.load = needed / e.replicas;
    e.usdPerMillionOutputTokens = perM.value();
    e.usdPerRequest = e.monthlyUsd / w.requestsPerMonth();
    e.usdPerRequestAtCapacity = gpu->totalUsd() / e.capacityRequestsPerMonth;
    return e;
}

Result<double> selfHostUsdPerRequest(double monthlyGpuUsd, double requestsPerDay, double daysPerMonth)
{
    if (const Status s = range(QStringLiteral("monthly GPU cost"), monthlyGpuUsd, 0, 1e12, true); !s)
        return Result<double>::failure(s.error());
    if (const Status s = range(QStringLiteral("requests per day"), requestsPerDay, 0, 1e10); !s)
        return Result<double>::failure(s.error());
    if (const Status s = range(QStringLiteral("days per month"), daysPerMonth, 0, 31); !s)
        return Result<double>::failure(s.error());
    return monthlyGpuUsd / (requestsPerDay * daysPerMonth);
}

std::optional<double> breakEvenRequestsPerMonth(double monthlySelfHostUsd, double apiUsdPerRequest)
{
    if (!std::isfinite(monthlySelfHostUsd) || !finitePositive(apiUsdPerRequest) || monthlySelfHostUsd < 0)
        return std::nullopt;
    return monthlySelfHostUsd / apiUsdPerRequest;
}

QString formatUsd(double usd)
{
    if (!std::isfinite(usd))
        return QStringLiteral("n/a");
    const QLocale c(QLocale::English, QLocale::UnitedStates); // "1,234" grouping, "." decimals
    const double a = std::abs(usd);
    QString text;
    if (a >= 100)
        text = c.toString(usd, 'f', 0);
    else if (a >= 1)
        text = c.toString(usd, 'f', 2);
    else if (a == 0)
        text = QStringLiteral("0");
    else
        text = QString::number(usd, 'g', 3);
    if (text.startsWith(QLatin1Char('-')))
        return QStringLiteral("-$") + text.mid(1);
    return QLatin1Char('$') + text;
}

} // namespace ModelAtlas::Cost
