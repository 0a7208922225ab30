#include "GpuCatalog.h"

#include "HardwareProfileStore.h"
#include "HardwareValidation.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

#include <map>

namespace ModelAtlas::Hardware {

namespace {

// Lowercase, vendor words dropped, only letters and digits kept:
// "NVIDIA GeForce RTX 4090" -> "rtx4090", "h100-sxm-80gb" -> "h100sxm80gb".
QString normalise(QString s)
{
    s = s.toLower();
    static const QRegularExpression parenthesised(QStringLiteral("\\([^)]*\\)"));
    s.remove(parenthesised);
    for (const char *word : {"nvidia", "geforce", "amd", "instinct", "apple"})
        s.remove(QLatin1String(word));
    QString out;
    for (const QChar c : s) {
        if (c.isLetterOrNumber())
            out.append(c);
    }
    return out;
}

// Short names people type, normalised, -> catalog id. The bare "h100" means
// the SXM part (what clouds rent and the seeds' "H100 80GB" refers to), the
// bare "a100" the 80 GB SXM part.
const std::map<QString, QString> &aliases()
{
    static const std::map<QString, QString> map = {
        {QStringLiteral("3090"), QStringLiteral("rtx-3090")},       {QStringLiteral("4090"), QStringLiteral("rtx-4090")},
        {QStringLiteral("5090"), QStringLiteral("rtx-5090")},       {QStringLiteral("h100"), QStringLiteral("h100-sxm-80gb")},
        {QStringLiteral("h100sxm"), QStringLiteral("h100-sxm-80gb")}, {QStringLiteral("h100sxm5"), QStringLiteral("h100-sxm-80gb")},
        {QStringLiteral("h10080gb"), QStringLiteral("h100-sxm-80gb")}, {QStringLiteral("h100pcie"), QStringLiteral("h100-pcie-80gb")},
        {QStringLiteral("h200sxm"), QStringLiteral("h200")},        {QStringLiteral("h200141gb"), QStringLiteral("h200")},
        {QStringLiteral("a100"), QStringLiteral("a100-80gb")},      {QStringLiteral("a100sxm"), QStringLiteral("a100-80gb")},
        {QStringLiteral("a100sxm80gb"), QStringLiteral("a100-80gb")}, {QStringLiteral("a10040"), QStringLiteral("a100-40gb")},
        {QStringLiteral("a10080"), QStringLiteral("a100-80gb")},    {QStringLiteral("b200sxm"), QStringLiteral("b200")},
        {QStringLiteral("mi300"), QStringLiteral("mi300x")},
    };
    return map;
}

std::optional<double> column(const QSqlQuery &q, int i)
{
    const QVariant v = q.value(i);
    if (v.isNull())
        return std::nullopt;
    return v.toDouble();
}

} // namespace

Result<QList<GpuSpec>> catalogGpus(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT id, name, vendor, memory_gb, bandwidth_gbs, fp16_tflops, price_hour_usd,"
                               " purchase_usd, json FROM gpus ORDER BY id")))
        return Result<QList<GpuSpec>>::failure(QStringLiteral("could not read the catalog's GPUs: %1").arg(q.lastError().text()));
    QList<GpuSpec> out;
    while (q.next()) {
        GpuSpec g;
        g.id = q.value(0).toString();
        g.name = q.value(1).toString();
        g.vendor = q.value(2).toString();
        g.memoryGiB = column(q, 3).value_or(0);
        g.bandwidthGBs = column(q, 4).value_or(0);
        g.fp16Tflops = column(q, 5).value_or(0);
        g.pricePerHourUsd = column(q, 6);
        g.purchaseUsd = column(q, 7);
        const nlohmann::json j = nlohmann::json::parse(q.value(8).toString().toStdString(), nullptr, false);
        g.unifiedMemory = (j.is_object() && j.value("kind", std::string()) == "apple-silicon") || g.vendor == QLatin1String("Apple");
        out.append(g);
    }
    return out;
}

Result<GpuRequest> parseGpuRequest(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return Result<GpuRequest>::failure(QStringLiteral("no GPU given (e.g. h100, rtx-4090x2, 2x a100)."));
    // NAME x K (suffix) or K x NAME (prefix); "×" and "*" work too.
    static const QRegularExpression suffix(QStringLiteral("^(.*\\S)\\s*[x×*]\\s*(\\d+)$"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression prefix(QStringLiteral("^(\\d+)\\s*[x×*]\\s*(\\S.*)$"), QRegularExpression::CaseInsensitiveOption);
    GpuRequest r{t, 1};
    QString countText;
    static const QRegularExpression letter(QStringLiteral("[A-Za-z]"));
    // "4090x2" is 2 x RTX 4090, not 4090 x a GPU called "2": a prefix count needs a name with letters.
    if (const auto m = prefix.match(t); m.hasMatch() && m.captured(2).contains(letter)) {
        countText = m.captured(1);
        r.name = m.captured(2).trimmed();
    } else if (const auto m2 = suffix.match(t); m2.hasMatch()) {
        countText = m2.captured(2);
        r.name = m2.captured(1).trimmed();
    }
    if (!countText.isEmpty()) {
        bool ok = false;
        const qlonglong n = countText.toLongLong(&ok);
        if (!ok || n < 1 || n > Limits::maxTotalGpus)
            return Result<GpuRequest>::failure(QStringLiteral("\"%1\": %2 GPUs is not plausible (1 to %3).").arg(t, countText).arg(Limits::maxTotalGpus));
        r.count = int(n);
    }
    return r;
}

Result<GpuSpec> findGpu(const QList<GpuSpec> &gpus, const QString &name)
{
    const QString key = normalise(name);
    if (key.isEmpty())
        return Result<GpuSpec>::failure(QStringLiteral("no GPU given."));
    QString id;
    if (const auto it = aliases().find(key); it != aliases().end())
        id = it->second;
    for (const GpuSpec &g : gpus) {
        if (g.id == id || normalise(g.id) == key || normalise(g.name) == key)
            return g;
    }
    // Without the product-line prefix: "4090" finds "rtx-4090". Only an
    // unambiguous match counts ("200" could be B200 or H200).
    QList<GpuSpec> partial;
    for (const GpuSpec &g : gpus) {
        const QString n = normalise(g.id);
        if (n.endsWith(key) && (n.size() - key.size()) <= 3)
            partial.append(g);
    }
    if (partial.size() == 1)
        return partial.front();
    return Result<GpuSpec>::failure(QStringLiteral("unknown GPU \"%1\". Known: %2; or add your own with `modelatlas-cli hardware add`.")
                                        .arg(name, knownGpuNames(gpus).join(QStringLiteral(", "))));
}

QStringList knownGpuNames(const QList<GpuSpec> &gpus)
{
    QStringList names;
    for (const GpuSpec &g : gpus)
        names.append(g.id);
    return names;
}

namespace {
bool isBoardModule(const GpuSpec &gpu)
{
    const QString id = gpu.id.toLower();
    return id.contains(QLatin1String("sxm")) || id.startsWith(QLatin1String("h200")) || id.startsWith(QLatin1String("b200"))
           || id.startsWith(QLatin1String("mi300x")) || id.startsWith(QLatin1String("h800"));
}
} // namespace

HardwareProfile profileFor(const GpuSpec &gpu, int count)
{
    HardwareProfile p;
    p.gpu = gpu;
    p.gpuCount = count;
    p.nodes = 1;
    if (count > 8 && count % 8 == 0) {
        p.gpuCount = 8;
        p.nodes = count / 8;
        p.interconnect = QStringLiteral("infiniband");
    } else if (gpu.unifiedMemory) {
        p.interconnect = QStringLiteral("unified");
    } else if (count > 1 && isBoardModule(gpu)) {
        // SXM/OAM modules come on baseboards wired with NVLink / Infinity Fabric;
        // PCIe cards talk over PCIe. Tensor-parallel speed depends on it.
        p.interconnect = QStringLiteral("nvlink");
    }
    p.name = count == 1 ? gpu.name : QStringLiteral("%1x %2").arg(count).arg(gpu.name);
    return p;
}

Result<HardwareProfile> resolveHardware(QSqlDatabase db, const QString &text)
{
    const HardwareProfileStore store(db);
    if (store.contains(text.trimmed()))
        return store.load(text.trimmed());
    const Result<QList<GpuSpec>> gpus = catalogGpus(db);
    if (!gpus)
        return Result<HardwareProfile>::failure(gpus.error());
    // The whole text first: "rtx4090" must not read as "rt" x 4090.
    Result<GpuSpec> gpu = findGpu(gpus.value(), text);
    int count = 1;
    if (!gpu) {
        const Result<GpuRequest> request = parseGpuRequest(text);
        if (!request)
            return Result<HardwareProfile>::failure(request.error());
        gpu = findGpu(gpus.value(), request->name);
        if (!gpu)
            return Result<HardwareProfile>::failure(gpu.error());
        count = request->count;
    }
    if (gpu->memoryGiB <= 0 || gpu->bandwidthGBs <= 0)
        return Result<HardwareProfile>::failure(
            QStringLiteral("the catalog has no sourced %1 for %2; add it as a custom GPU with `modelatlas-cli hardware add`.")
                .arg(gpu->memoryGiB <= 0 ? QStringLiteral("memory size") : QStringLiteral("memory bandwidth"), gpu->name));
    HardwareProfile p = profileFor(gpu.value(), count);
    if (const Status s = validateProfile(p); !s)
        return Result<HardwareProfile>::failure(s.error());
    return p;
}

} // namespace ModelAtlas::Hardware
