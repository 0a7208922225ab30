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

} // namespace ModelAtlas::Planner
