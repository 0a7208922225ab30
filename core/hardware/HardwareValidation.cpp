#include "HardwareValidation.h"

#include <QStringList>

#include <cmath>

namespace ModelAtlas::Hardware {

namespace {

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 10) : QStringLiteral("not a number");
}

// Required: finite and in (0, max].
QString checkRequired(const QString &what, double v, double max, const QString &unit)
{
    if (!std::isfinite(v))
        return QStringLiteral("%1 is not a number").arg(what);
    if (v <= 0)
        return QStringLiteral("%1 must be greater than zero (got %2 %3)").arg(what, number(v), unit);
    if (v > max)
        return QStringLiteral("%1 of %2 %3 is not plausible (at most %4 %3)").arg(what, number(v), unit, number(max));
    return {};
}

// Optional: 0 means unknown; otherwise as required.
QString checkOptional(const QString &what, double v, double max, const QString &unit)
{
    if (std::isfinite(v) && v == 0)
        return {};
    return checkRequired(what, v, max, unit);
}

QString checkOptional(const QString &what, const std::optional<double> &v, double max, const QString &unit)
{
    return v ? checkRequired(what, *v, max, unit) : QString();
}

} // namespace

Status validateGpu(const GpuSpec &gpu)
{
    const QString label = gpu.name.isEmpty() ? QStringLiteral("the GPU") : gpu.name;
    const QString errors[] = {
        checkRequired(QStringLiteral("memory"), gpu.memoryGiB, Limits::maxMemoryGiB, QStringLiteral("GiB")),
        checkRequired(QStringLiteral("memory bandwidth"), gpu.bandwidthGBs, Limits::maxBandwidthGBs, QStringLiteral("GB/s")),
        checkOptional(QStringLiteral("FP16 TFLOPS"), gpu.fp16Tflops, Limits::maxFp16Tflops, QStringLiteral("TFLOPS")),
        checkOptional(QStringLiteral("price per hour"), gpu.pricePerHourUsd, Limits::maxPricePerHourUsd, QStringLiteral("USD")),
        checkOptional(QStringLiteral("purchase price"), gpu.purchaseUsd, Limits::maxPurchaseUsd, QStringLiteral("USD")),
        checkOptional(QStringLiteral("power"), gpu.powerWatts, Limits::maxPowerWatts, QStringLiteral("W")),
    };
    for (const QString &e : errors) {
        if (!e.isEmpty())
            return Status::failure(QStringLiteral("%1: %2.").arg(label, e));
    }
    return {};
}

Status validateProfile(const HardwareProfile &p)
{
    const QString label = p.name.isEmpty() ? QStringLiteral("hardware profile") : QStringLiteral("profile \"%1\"").arg(p.name);
    if (p.gpuCount < 0 || p.gpuCount > Limits::maxGpusPerNode)
        return Status::failure(QStringLiteral("%1: %2 GPUs per node is not plausible (0 to %3).").arg(label).arg(p.gpuCount).arg(Limits::maxGpusPerNode));
    if (p.nodes < 1 || p.nodes > Limits::maxNodes)
        return Status::failure(QStringLiteral("%1: %2 nodes is not plausible (1 to %3).").arg(label).arg(p.nodes).arg(Limits::maxNodes));
    if (qint64(p.gpuCount) * p.nodes > Limits::maxTotalGpus)
        return Status::failure(QStringLiteral("%1: %2 GPUs in total is not plausible (at most %3).")
                                   .arg(label).arg(qint64(p.gpuCount) * p.nodes).arg(Limits::maxTotalGpus));
    if (p.gpuCount > 0) {
        if (const Status s = validateGpu(p.gpu); !s)
            return s;
    }
    static const QStringList interconnects = {QStringLiteral("pcie"), QStringLiteral("nvlink"), QStringLiteral("infiniband"),
                                              QStringLiteral("ethernet"), QStringLiteral("unified")};
    if (!interconnects.contains(p.interconnect))
        return Status::failure(QStringLiteral("%1: unknown interconnect \"%2\" (expected one of %3).")
                                   .arg(label, p.interconnect, interconnects.join(QStringLiteral(", "))));
    const QString errors[] = {
        checkOptional(QStringLiteral("system RAM"), p.systemRamGiB, Limits::maxSystemRamGiB, QStringLiteral("GiB")),
        checkOptional(QStringLiteral("CPU memory bandwidth"), p.cpuBandwidthGBs, Limits::maxCpuBandwidthGBs, QStringLiteral("GB/s")),
    };
    for (const QString &e : errors) {
        if (!e.isEmpty())
            return Status::failure(QStringLiteral("%1: %2.").arg(label, e));
    }
    if (p.cpuCores < 0 || p.cpuCores > Limits::maxCpuCores)
        return Status::failure(QStringLiteral("%1: %2 CPU cores is not plausible (0 to %3).").arg(label).arg(p.cpuCores).arg(Limits::maxCpuCores));
    if (p.gpuCount == 0 && p.systemRamGiB <= 0)
        return Status::failure(QStringLiteral("%1: a CPU-only profile needs its system RAM size.").arg(label));
    return {};
}

} // namespace ModelAtlas::Hardware
