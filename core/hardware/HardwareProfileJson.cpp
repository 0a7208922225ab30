#include "HardwareProfileJson.h"

#include "HardwareValidation.h"

#include <cmath>

namespace ModelAtlas::Hardware {

using json = nlohmann::json;

namespace {

std::string utf8(const QString &s)
{
    return s.toStdString();
}

// Typed readers: each returns an error text naming the key, or empty.
QString readString(const json &j, const char *key, QString &out, bool required = false)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return required ? QStringLiteral("\"%1\" is missing").arg(QLatin1String(key)) : QString();
    if (!it->is_string())
        return QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key));
    out = QString::fromStdString(it->get<std::string>());
    return {};
}

QString readNumber(const json &j, const char *key, double &out)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return {};
    if (!it->is_number())
        return QStringLiteral("\"%1\" must be a number").arg(QLatin1String(key));
    out = it->get<double>();
    return {};
}

QString readOptional(const json &j, const char *key, std::optional<double> &out)
{
    double v = 0;
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return {};
    if (QString e = readNumber(j, key, v); !e.isEmpty())
        return e;
    out = v;
    return {};
}

QString readInt(const json &j, const char *key, int &out)
{
    double v = out;
    if (QString e = readNumber(j, key, v); !e.isEmpty())
        return e;
    if (!std::isfinite(v) || v != std::floor(v) || std::abs(v) > 1e9)
        return QStringLiteral("\"%1\" must be a whole number").arg(QLatin1String(key));
    out = int(v);
    return {};
}

QString readBool(const json &j, const char *key, bool &out)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return {};
    if (!it->is_boolean())
        return QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(key));
    out = it->get<bool>();
    return {};
}

} // namespace

json toJson(const GpuSpec &g)
{
    json j = {{"id", utf8(g.id)}, {"name", utf8(g.name)}, {"vendor", utf8(g.vendor)}, {"memory_gib", g.memoryGiB},
              {"bandwidth_gbs", g.bandwidthGBs}, {"fp16_tflops", g.fp16Tflops}, {"unified_memory", g.unifiedMemory}};
    if (g.pricePerHourUsd)
        j["price_per_hour_usd"] = *g.pricePerHourUsd;
    if (g.purchaseUsd)
        j["purchase_usd"] = *g.purchaseUsd;
    if (g.powerWatts)
        j["power_watts"] = *g.powerWatts;
    return j;
}

json toJson(const HardwareProfile &p)
{
    return {{"name", utf8(p.name)}, {"gpu", toJson(p.gpu)}, {"gpu_count", p.gpuCount}, {"nodes", p.nodes},
            {"interconnect", utf8(p.interconnect)}, {"system_ram_gib", p.systemRamGiB}, {"cpu_cores", p.cpuCores},
            {"cpu_bandwidth_gbs", p.cpuBandwidthGBs}};
}

Result<GpuSpec> gpuFromJson(const json &j)
{
    if (!j.is_object())
        return Result<GpuSpec>::failure(QStringLiteral("a GPU must be a JSON object"));
    GpuSpec g;
    const QString errors[] = {
        readString(j, "id", g.id), readString(j, "name", g.name, true), readString(j, "vendor", g.vendor),
        readNumber(j, "memory_gib", g.memoryGiB), readNumber(j, "bandwidth_gbs", g.bandwidthGBs),
        readNumber(j, "fp16_tflops", g.fp16Tflops), readBool(j, "unified_memory", g.unifiedMemory),
        readOptional(j, "price_per_hour_usd", g.pricePerHourUsd), readOptional(j, "purchase_usd", g.purchaseUsd),
        readOptional(j, "power_watts", g.powerWatts),
    };
    for (const QString &e : errors) {
        if (!e.isEmpty())
            return Result<GpuSpec>::failure(QStringLiteral("GPU: %1.").arg(e));
    }
    if (const Status s = validateGpu(g); !s)
        return Result<GpuSpec>::failure(s.error());
    return g;
}

Result<HardwareProfile> profileFromJson(const json &j)
{
    if (!j.is_object())
        return Result<HardwareProfile>::failure(QStringLiteral("a hardware profile must be a JSON object"));
    HardwareProfile p;
    const QString errors[] = {
        readString(j, "name", p.name, true), readInt(j, "gpu_count", p.gpuCount), readInt(j, "nodes", p.nodes),
        readString(j, "interconnect", p.interconnect), readNumber(j, "system_ram_gib", p.systemRamGiB),
        readInt(j, "cpu_cores", p.cpuCores), readNumber(j, "cpu_bandwidth_gbs", p.cpuBandwidthGBs),
    };
    for (const QString &e : errors) {
        if (!e.isEmpty())
            return Result<HardwareProfile>::failure(QStringLiteral("hardware profile: %1.").arg(e));
    }
    if (p.gpuCount > 0) {
        const auto gpu = j.find("gpu");
        if (gpu == j.end())
            return Result<HardwareProfile>::failure(QStringLiteral("hardware profile \"%1\": \"gpu\" is missing.").arg(p.name));
        Result<GpuSpec> g = gpuFromJson(*gpu);
        if (!g)
            return Result<HardwareProfile>::failure(QStringLiteral("hardware profile \"%1\": %2").arg(p.name, g.error()));
        p.gpu = std::move(g).value();
    }
    if (const Status s = validateProfile(p); !s)
        return Result<HardwareProfile>::failure(s.error());
    return p;
}

} // namespace ModelAtlas::Hardware
