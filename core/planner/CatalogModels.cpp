#include "CatalogModels.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

namespace ModelAtlas::Planner {

const ModelShape *CatalogShapes::find(const QString &id) const
{
    for (const ModelShape &s : shapes)
        if (s.id == id)
            return &s;
    return nullptr;
}

Result<CatalogShapes> loadCatalogShapes(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT a.model, m.name, a.n_layers, a.hidden_size, a.n_heads, a.n_kv_heads, a.head_dim, a.vocab_size,"
            " a.ffn_size, a.max_position, a.tie_embeddings, a.moe, a.mla, a.sliding_window,"
            " m.params_total_b, m.params_active_b, m.context_tokens"
            " FROM architectures a JOIN models m ON m.id = a.model ORDER BY a.model")))
        return Result<CatalogShapes>::failure(QStringLiteral("Cannot read architectures: %1").arg(q.lastError().text()));
    CatalogShapes out;
    const auto num = [&q](int i) { return q.value(i).isNull() ? 0.0 : q.value(i).toDouble(); };
    while (q.next()) {
        ArchitectureRow r;
        r.model = q.value(0).toString();
        r.name = q.value(1).toString();
        r.nLayers = num(2); r.hidden = num(3); r.nHeads = num(4); r.nKvHeads = num(5); r.headDim = num(6);
        r.vocab = num(7); r.ffn = num(8); r.maxPosition = num(9);
        r.tieEmbeddings = q.value(10).toInt() != 0;
        r.moeJson = q.value(11).toString();
        r.mlaJson = q.value(12).toString();
        r.slidingWindowJson = q.value(13).toString();
        r.paramsTotalB = num(14); r.paramsActiveB = num(15); r.contextTokens = num(16);
        auto shape = shapeFromArchitecture(r);
        if (shape)
            out.shapes.push_back(std::move(shape).value());
        else
            out.skipped << shape.error();
    }
    return out;
}

Result<QList<Hardware::GpuSpec>> loadCatalogGpus(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, vendor, memory_gb, bandwidth_gbs, fp16_tflops, price_hour_usd,"
                               " purchase_usd, json FROM gpus ORDER BY id")))
        return Result<QList<Hardware::GpuSpec>>::failure(QStringLiteral("Cannot read GPUs: %1").arg(q.lastError().text()));
    QList<Hardware::GpuSpec> gpus;
    while (q.next()) {
        Hardware::GpuSpec g;
        g.id = q.value(0).toString();
        g.name = q.value(1).toString();
        g.vendor = q.value(2).toString();
        g.memoryGiB = q.value(3).toDouble();   // vendors' "80 GB" is what the runtime reports as ~80 GiB
        g.bandwidthGBs = q.value(4).toDouble();
        g.fp16Tflops = q.value(5).toDouble();
        if (!q.value(6).isNull()) g.pricePerHourUsd = q.value(6).toDouble();
        if (!q.value(7).isNull()) g.purchaseUsd = q.value(7).toDouble();
        const auto j = nlohmann::json::parse(q.value(8).toString().toStdString(), nullptr, false);
        if (j.is_object() && j.value("kind", std::string()) == "apple-silicon")
            g.unifiedMemory = true;
        gpus.push_back(g);
    }
    return gpus;
}

Result<GpuChoice> resolveGpu(const QList<Hardware::GpuSpec> &gpus, const QString &text)
{
    using R = Result<GpuChoice>;
    QString name = text.trimmed();
    GpuChoice choice;
    static const QRegularExpression countRe(QStringLiteral("^(.*?)\\s*[xX×\\*]\\s*(\\d+)$"));
    if (const auto m = countRe.match(name); m.hasMatch()) {
        bool ok = false;
        const qlonglong n = m.captured(2).toLongLong(&ok);
        if (!ok || n < 1 || n > 64)
            return R::failure(QStringLiteral("GPU count in \"%1\" must be 1-64.").arg(text));
        choice.count = int(n);
        name = m.captured(1).trimmed();
    }
    if (name.isEmpty())
        return R::failure(QStringLiteral("Give a GPU name, e.g. --gpu h100-sxm-80gb or --gpu rtx-4090x2."));
    const QString lower = name.toLower();
    QList<Hardware::GpuSpec> partial;
    for (const auto &g : gpus) {
        if (g.id.toLower() == lower || g.name.toLower() == lower) {
            choice.gpu = g;
            return choice;
        }
        if (g.id.toLower().contains(lower) || g.name.toLower().contains(lower))
            partial.push_back(g);
    }
    if (partial.size() == 1) {
        choice.gpu = partial.front();
        return choice;
    }
    QStringList ids;
    for (const auto &g : (partial.isEmpty() ? gpus : partial))
        ids << g.id;
    return R::failure(partial.isEmpty()
                          ? QStringLiteral("Unknown GPU \"%1\". Known: %2.").arg(name, ids.join(QStringLiteral(", ")))
                          : QStringLiteral("GPU \"%1\" is ambiguous: %2.").arg(name, ids.join(QStringLiteral(", "))));
}

} // namespace ModelAtlas::Planner
