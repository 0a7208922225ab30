#include "ModelShape.h"

#include <QStringList>

#include <nlohmann/json.hpp>

#include <cmath>

namespace ModelAtlas::Planner {

WeightGroup groupOf(TensorClass c)
{
    switch (c) {
    case TensorClass::TokenEmbedding: return WeightGroup::Embeddings;
    case TensorClass::Output: return WeightGroup::Output;
    case TensorClass::AttnQ: case TensorClass::AttnK: case TensorClass::AttnV: case TensorClass::AttnOutput:
    case TensorClass::AttnKvB: case TensorClass::AttnOther: return WeightGroup::Attention;
    case TensorClass::FfnGate: case TensorClass::FfnUp: case TensorClass::FfnDown: case TensorClass::SharedExpert:
        return WeightGroup::Ffn;
    case TensorClass::ExpertGate: case TensorClass::ExpertUp: case TensorClass::ExpertDown: case TensorClass::Router:
        return WeightGroup::Experts;
    case TensorClass::Norm: return WeightGroup::Norms;
    case TensorClass::Other: return WeightGroup::Other;
    }
    return WeightGroup::Other;
}

const char *groupName(WeightGroup g)
{
    switch (g) {
    case WeightGroup::Embeddings: return "embeddings";
    case WeightGroup::Attention: return "attention";
    case WeightGroup::Ffn: return "ffn";
    case WeightGroup::Experts: return "experts";
    case WeightGroup::Norms: return "norms";
    case WeightGroup::Output: return "output";
    case WeightGroup::Other: case WeightGroup::Count: break;
    }
    return "other";
}

namespace {

// Bounds that no 2026 model comes near; anything outside is a data error.
constexpr int kMaxLayers = 1024, kMaxDim = 1 << 20, kMaxVocab = 1 << 24, kMaxExperts = 4096;

bool inRange(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

uint64_t sumElements(const std::vector<TensorDesc> &ts)
{
    uint64_t n = 0;
    for (const TensorDesc &t : ts)
        n += t.elements();
    return n;
}

} // namespace

Status ModelShape::validate() const
{
    const auto bad = [this](const char *field, double v) {
        return Status::failure(QStringLiteral("%1: %2 = %3 is not a usable value.").arg(id, QLatin1String(field)).arg(v));
    };
    if (nLayers < 1 || nLayers > kMaxLayers) return bad("n_layers", nLayers);
    if (hidden < 1 || hidden > kMaxDim) return bad("hidden_size", hidden);
    if (nHeads < 1 || nHeads > kMaxDim) return bad("n_heads", nHeads);
    if (nKvHeads < 1 || nKvHeads > nHeads) return bad("n_kv_heads", nKvHeads);
    if (headDim < 1 || headDim > kMaxDim) return bad("head_dim", headDim);
    if (vocab < 1 || vocab > kMaxVocab) return bad("vocab_size", vocab);
    if (ffn < 0 || ffn > kMaxDim) return bad("ffn_size", ffn);
    if (moe) {
        if (moe->nExperts < 1 || moe->nExperts > kMaxExperts) return bad("moe.n_experts", moe->nExperts);
        if (moe->expertsPerToken < 1 || moe->expertsPerToken > moe->nExperts)
            return bad("moe.n_experts_per_token", moe->expertsPerToken);
        if (moe->expertFfn < 1 || moe->expertFfn > kMaxDim) return bad("moe.expert_ffn_size", moe->expertFfn);
        if (moe->sharedExperts < 0 || moe->sharedExperts > 64) return bad("moe.n_shared_experts", moe->sharedExperts);
        if (moe->firstDenseLayers < 0 || moe->firstDenseLayers > nLayers) return bad("moe.first_dense_layers", moe->firstDenseLayers);
        if (moe->layerStep < 1 || moe->layerStep > 8) return bad("moe.layer_step", moe->layerStep);
    }
    if (mla && (mla->kvLoraRank < 1 || mla->kvLoraRank > kMaxDim || mla->qkRopeHeadDim < 0 || mla->vHeadDim < 1
                || mla->qkNopeHeadDim < 0 || mla->qLoraRank < 0))
        return bad("mla.kv_lora_rank", mla->kvLoraRank);
    if (swa && (swa->window < 1 || swa->localLayers < 0 || swa->localLayers > nLayers))
        return bad("sliding_window.window", swa->window);
    return {};
}

uint64_t ModelShape::kvElementsPerTokenPerLayer() const
{
    // MLA caches one compressed latent (kv_lora_rank) plus the shared RoPE key
    // per layer, not per-head K and V (DeepSeek-V2 paper, section 2.1.2).
    if (mla)
        return uint64_t(mla->kvLoraRank) + uint64_t(mla->qkRopeHeadDim);
    return 2ull * uint64_t(nKvHeads) * uint64_t(headDim);
}

std::vector<TensorDesc> ModelShape::tensors() const
{
    std::vector<TensorDesc> ts;
    ts.reserve(size_t(nLayers) * 14 + 4);
    const uint64_t h = uint64_t(hidden);
    const auto add = [&ts](TensorClass c, int layer, uint64_t ne0, uint64_t ne1, uint64_t ne2 = 1) {
        ts.push_back({c, layer, ne0, ne1, ne2});
    };
    add(TensorClass::TokenEmbedding, -1, h, uint64_t(vocab));
    for (int l = 0; l < nLayers; ++l) {
        add(TensorClass::Norm, l, h, 1);   // attn_norm
        if (mla) {
            const uint64_t qHead = uint64_t(mla->qkNopeHeadDim + mla->qkRopeHeadDim);
            if (mla->qLoraRank > 0) {
                add(TensorClass::AttnOther, l, h, uint64_t(mla->qLoraRank));                 // attn_q_a
                add(TensorClass::Norm, l, uint64_t(mla->qLoraRank), 1);                       // attn_q_a_norm
                add(TensorClass::AttnOther, l, uint64_t(mla->qLoraRank), qHead * nHeads);     // attn_q_b
            } else {
                add(TensorClass::AttnQ, l, h, qHead * nHeads);
            }
            add(TensorClass::AttnOther, l, h, uint64_t(mla->kvLoraRank + mla->qkRopeHeadDim)); // attn_kv_a_mqa
            add(TensorClass::Norm, l, uint64_t(mla->kvLoraRank), 1);                             // attn_kv_a_norm
            add(TensorClass::AttnKvB, l, uint64_t(mla->kvLoraRank),
                uint64_t(nHeads) * uint64_t(mla->qkNopeHeadDim + mla->vHeadDim));                // attn_kv_b
            add(TensorClass::AttnOutput, l, uint64_t(nHeads) * uint64_t(mla->vHeadDim), h);
        } else {
            add(TensorClass::AttnQ, l, h, uint64_t(nHeads) * uint64_t(headDim));
            add(TensorClass::AttnK, l, h, uint64_t(nKvHeads) * uint64_t(headDim));
            add(TensorClass::AttnV, l, h, uint64_t(nKvHeads) * uint64_t(headDim));
            add(TensorClass::AttnOutput, l, uint64_t(nHeads) * uint64_t(headDim), h);
        }
        add(TensorClass::Norm, l, h, 1);   // ffn_norm
        if (moe && moe->isMoeLayer(l)) {
            const uint64_t e = uint64_t(moe->expertFfn), n = uint64_t(moe->nExperts);
            add(TensorClass::Router, l, h, n);
            add(TensorClass::ExpertGate, l, h, e, n);
            add(TensorClass::ExpertUp, l, h, e, n);
            add(TensorClass::ExpertDown, l, e, h, n);
            if (moe->sharedExperts > 0) {
                const uint64_t s = e * uint64_t(moe->sharedExperts);
                add(TensorClass::SharedExpert, l, h, s);   // ffn_gate_shexp
                add(TensorClass::SharedExpert, l, h, s);   // ffn_up_shexp
                add(TensorClass::SharedExpert, l, s, h);   // ffn_down_shexp
            }
        } else if (ffn > 0) {
            add(TensorClass::FfnGate, l, h, uint64_t(ffn));
            add(TensorClass::FfnUp, l, h, uint64_t(ffn));
            add(TensorClass::FfnDown, l, uint64_t(ffn), h);
        }
    }
    add(TensorClass::Norm, -1, h, 1);      // output_norm
    if (!tiedEmbeddings)
        add(TensorClass::Output, -1, h, uint64_t(vocab));
    return ts;
}

Result<ModelShape> shapeFromArchitecture(const ArchitectureRow &row)
{
    const auto fail = [&row](const QString &what) {
        return Result<ModelShape>::failure(QStringLiteral("%1: %2").arg(row.model, what));
    };
    ModelShape s;
    s.id = row.model;
    s.name = row.name.isEmpty() ? row.model : row.name;
    const auto intOf = [](double v) { return std::isfinite(v) && v >= 0 && v < 2e9 ? int(v) : -1; };
    s.nLayers = intOf(row.nLayers);
    s.hidden = intOf(row.hidden);
    s.nHeads = intOf(row.nHeads);
    s.nKvHeads = row.nKvHeads > 0 ? intOf(row.nKvHeads) : s.nHeads;
    s.headDim = row.headDim > 0 ? intOf(row.headDim) : (s.nHeads > 0 ? s.hidden / s.nHeads : 0);
    s.vocab = intOf(row.vocab);
    s.ffn = intOf(row.ffn);
    s.maxContext = inRange(row.maxPosition, 1, 1e9) ? int(row.maxPosition)
                 : inRange(row.contextTokens, 1, 1e9) ? int(row.contextTokens) : 0;
    s.tiedEmbeddings = row.tieEmbeddings;
    s.catalogParamsB = inRange(row.paramsTotalB, 0, 1e5) ? row.paramsTotalB : 0;
    s.catalogActiveB = inRange(row.paramsActiveB, 0, 1e5) ? row.paramsActiveB : 0;

    const auto parseObject = [](const QString &text) -> std::optional<nlohmann::json> {
        if (text.isEmpty() || text == QLatin1String("null"))
            return std::nullopt;
        auto j = nlohmann::json::parse(text.toStdString(), nullptr, false);
        if (!j.is_object())
            return std::nullopt;
        return j;
    };
    const auto num = [](const nlohmann::json &j, const char *key, int fallback = 0) {
        const auto it = j.find(key);
        return it != j.end() && it->is_number() && it->get<double>() >= 0 && it->get<double>() < 2e9
                   ? int(it->get<double>()) : fallback;
    };
    if (const auto moe = parseObject(row.moeJson)) {
        MoeShape m;
        m.nExperts = num(*moe, "n_experts");
        m.expertsPerToken = num(*moe, "n_experts_per_token");
        m.sharedExperts = num(*moe, "n_shared_experts");
        m.expertFfn = num(*moe, "expert_ffn_size");
        m.firstDenseLayers = num(*moe, "first_dense_layers");
        m.layerStep = num(*moe, "layer_step", 1);
        s.moe = m;
    } else if (!row.moeJson.isEmpty() && row.moeJson != QLatin1String("null")) {
        return fail(QStringLiteral("the moe block is not a JSON object."));
    }
    if (const auto mla = parseObject(row.mlaJson)) {
        MlaShape m;
        m.qLoraRank = num(*mla, "q_lora_rank");
        m.kvLoraRank = num(*mla, "kv_lora_rank");
        m.qkRopeHeadDim = num(*mla, "qk_rope_head_dim");
        m.qkNopeHeadDim = num(*mla, "qk_nope_head_dim");
        m.vHeadDim = num(*mla, "v_head_dim");
        s.mla = m;
    }
    if (const auto sw = parseObject(row.slidingWindowJson)) {
        SlidingWindowShape w;
        w.window = num(*sw, "window");
        w.localLayers = num(*sw, "local_layers", -1);
        if (w.localLayers < 0) {
            // "pattern": "5:1" = local:global; the first layers of each group are local.
            const QStringList parts = QString::fromStdString(sw->value("pattern", std::string())).split(QLatin1Char(':'));
            bool okL = false, okG = false;
            const int l = parts.size() == 2 ? parts[0].toInt(&okL) : 0;
            const int g = parts.size() == 2 ? parts[1].toInt(&okG) : 0;
            w.localLayers = okL && okG && l + g > 0 ? s.nLayers / (l + g) * l + std::min(l, s.nLayers % (l + g)) : s.nLayers;
        }
        s.swa = w;
    }
    if (const Status st = s.validate(); !st)
        return Result<ModelShape>::failure(st.error());

    // The catalog's moe block has no field for interleaved MoE layers (Llama 4
    // Maverick: interleave_moe_layer_step 2). When the catalog states the total
    // and "every layer MoE" overshoots it by more than 40% while "every second
    // layer" lands closer, take the interleaved layout.
    if (s.moe && s.moe->layerStep == 1 && s.catalogParamsB > 0 && s.ffn > 0) {
        const double target = s.catalogParamsB * 1e9;
        const double every = double(sumElements(s.tensors()));
        ModelShape alt = s;
        alt.moe->layerStep = 2;
        const double half = double(sumElements(alt.tensors()));
        if (every > 1.4 * target && std::abs(half - target) < std::abs(every - target))
            s = alt;
    }
    return s;
}

} // namespace ModelAtlas::Planner
