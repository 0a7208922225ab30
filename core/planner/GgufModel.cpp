#include "GgufModel.h"

#include "modelatlas/engine/gguf/gguf_file.h"

#include <QFileInfo>

#include <map>

namespace ModelAtlas::Planner {

namespace {

using ::modelatlas::engine::GgufFile;

// llama_ftype values (llama.h) of the file types users meet.
QString fileTypeName(uint32_t ftype)
{
    static const std::map<uint32_t, const char *> names = {
        {0, "F32"}, {1, "F16"}, {2, "Q4_0"}, {3, "Q4_1"}, {7, "Q8_0"}, {8, "Q5_0"}, {9, "Q5_1"}, {10, "Q2_K"},
        {11, "Q3_K_S"}, {12, "Q3_K_M"}, {13, "Q3_K_L"}, {14, "Q4_K_S"}, {15, "Q4_K_M"}, {16, "Q5_K_S"},
        {17, "Q5_K_M"}, {18, "Q6_K"}, {32, "BF16"}};
    const auto it = names.find(ftype);
    return it == names.end() ? QStringLiteral("ftype %1").arg(ftype) : QString::fromLatin1(it->second);
}

// Classifies a tensor by its llama.cpp name ("blk.12.ffn_down_exps.weight").
TensorClass classify(const std::string &name)
{
    const auto has = [&name](const char *s) { return name.find(s) != std::string::npos; };
    if (name == "token_embd.weight") return TensorClass::TokenEmbedding;
    if (name == "output.weight") return TensorClass::Output;
    if (has("ffn_gate_inp")) return TensorClass::Router;
    if (has("_exps")) return has("ffn_down") ? TensorClass::ExpertDown : has("ffn_up") ? TensorClass::ExpertUp : TensorClass::ExpertGate;
    if (has("_shexp")) return TensorClass::SharedExpert;
    if (has("norm")) return TensorClass::Norm;
    if (has("attn_q.")) return TensorClass::AttnQ;
    if (has("attn_k.")) return TensorClass::AttnK;
    if (has("attn_v.")) return TensorClass::AttnV;
    if (has("attn_output.")) return TensorClass::AttnOutput;
    if (has("attn_kv_b.")) return TensorClass::AttnKvB;
    if (has("attn_")) return TensorClass::AttnOther;
    if (has("ffn_gate.")) return TensorClass::FfnGate;
    if (has("ffn_up.")) return TensorClass::FfnUp;
    if (has("ffn_down.")) return TensorClass::FfnDown;
    return TensorClass::Other;
}

} // namespace

Result<GgufModel> readGgufModel(const QString &path)
{
    using R = Result<GgufModel>;
    const QString display = QFileInfo(path).fileName();
    if (!QFileInfo(path).isFile())
        return R::failure(QStringLiteral("%1: no such file.").arg(path));
    auto opened = GgufFile::open(path.toStdString());
    if (!opened)
        return R::failure(QStringLiteral("%1 is not a readable GGUF file: %2").arg(display, QString::fromStdString(opened.message())));
    const GgufFile &f = *opened.value();
    if (f.tensors().empty())
        return R::failure(QStringLiteral("%1 has no tensors: it is a vocabulary-only GGUF, which has no weights to plan.").arg(display));

    const auto arch = f.getString("general.architecture");
    if (!arch)
        return R::failure(QStringLiteral("%1: %2").arg(display, QString::fromStdString(arch.message())));
    const std::string a = arch.value();
    const auto u = [&f, &a](const char *key, uint64_t lo, uint64_t hi) -> std::optional<uint64_t> {
        const std::string k = a + "." + key;
        if (!f.has(k))
            return std::nullopt;
        const ::modelatlas::engine::GgufValue *v = f.find(k);
        if (v->isArray()) {   // per-layer arrays (head_count_kv in some models): take the largest
            uint64_t m = 0;
            for (uint64_t i = 0; i < v->size(); ++i)
                if (const auto e = v->elementInt64(i); e && *e > 0)
                    m = std::max<uint64_t>(m, uint64_t(*e));
            return m >= lo && m <= hi ? std::optional<uint64_t>(m) : std::nullopt;
        }
        const auto r = f.getUIntInRange(k, lo, hi);
        return r ? std::optional<uint64_t>(r.value()) : std::nullopt;
    };
    const auto required = [&](const char *key, uint64_t lo, uint64_t hi) -> Result<int> {
        const auto v = u(key, lo, hi);
        if (!v)
            return Result<int>::failure(QStringLiteral("%1: metadata key %2.%3 is missing or out of range [%4, %5].")
                                            .arg(display, QString::fromStdString(a), QLatin1String(key)).arg(lo).arg(hi));
        return int(*v);
    };

    GgufModel m;
    m.fileSize = f.fileSize();
    m.tensorCount = int(f.tensors().size());
    ModelShape &s = m.shape;
    s.id = display;
    s.name = f.getString("general.name") ? QString::fromStdString(f.getString("general.name").value()) : display;
    s.arch = QString::fromStdString(a);
    const auto layers = required("block_count", 1, 1024);
    const auto hidden = required("embedding_length", 1, 1u << 20);
    const auto heads = required("attention.head_count", 1, 1u << 16);
    if (!layers) return R::failure(layers.error());
    if (!hidden) return R::failure(hidden.error());
    if (!heads) return R::failure(heads.error());
    s.nLayers = layers.value();
    s.hidden = hidden.value();
    s.nHeads = heads.value();
    s.nKvHeads = int(u("attention.head_count_kv", 1, uint64_t(s.nHeads)).value_or(uint64_t(s.nHeads)));
    s.headDim = int(u("attention.key_length", 1, 1u << 16).value_or(uint64_t(s.hidden / s.nHeads)));
    s.ffn = int(u("feed_forward_length", 0, 1u << 20).value_or(0));
    s.maxContext = int(u("context_length", 1, 1u << 30).value_or(0));
    if (const auto *emb = f.findTensor("token_embd.weight"))
        s.vocab = int(std::min<uint64_t>(emb->ne[1], 1u << 24));
    else if (const auto tokens = f.getStringArray("tokenizer.ggml.tokens"))
        s.vocab = int(tokens.value().size());
    s.tiedEmbeddings = f.findTensor("output.weight") == nullptr;
    if (const auto experts = u("expert_count", 1, 4096); experts && *experts > 1) {
        MoeShape moe;
        moe.nExperts = int(*experts);
        moe.expertsPerToken = int(u("expert_used_count", 1, *experts).value_or(1));
        moe.sharedExperts = int(u("expert_shared_count", 0, 64).value_or(0));
        moe.expertFfn = int(u("expert_feed_forward_length", 1, 1u << 20).value_or(uint64_t(std::max(s.ffn, 1))));
        moe.firstDenseLayers = int(u("leading_dense_block_count", 0, uint64_t(s.nLayers)).value_or(0));
        s.moe = moe;
    }
    if (const auto kvLora = u("attention.kv_lora_rank", 1, 1u << 16)) {
        MlaShape mla;
        mla.kvLoraRank = int(*kvLora);
        mla.qLoraRank = int(u("attention.q_lora_rank", 0, 1u << 16).value_or(0));
        mla.qkRopeHeadDim = int(u("rope.dimension_count", 0, 1u << 16).value_or(64));
        mla.vHeadDim = int(u("attention.value_length", 1, 1u << 16).value_or(128));
        mla.qkNopeHeadDim = std::max(0, s.headDim - mla.qkRopeHeadDim);
        s.mla = mla;
    }
    if (const auto window = u("attention.sliding_window", 1, 1u << 30)) {
        SlidingWindowShape w;
        w.window = int(*window);
        // Gemma 2/3 and gpt-oss alternate local and global layers; llama.cpp
        // derives the pattern from the architecture. Gemma 3: 5 local : 1 global
        // unless attention.sliding_window_pattern says otherwise.
        if (a == "gemma3") {
            const int period = int(u("attention.sliding_window_pattern", 1, 1024).value_or(6));
            w.localLayers = s.nLayers - s.nLayers / period;
        } else if (a == "gemma2" || a == "gpt-oss" || a == "gptoss") {
            w.localLayers = s.nLayers / 2;
        } else {
            w.localLayers = s.nLayers;
        }
        s.swa = w;
    }
    if (const Status st = s.validate(); !st)
        return R::failure(QStringLiteral("%1: %2").arg(display, st.error()));

    // Exact bytes from the tensor infos.
    WeightLayout &w = m.layout;
    w.layerBytes.assign(size_t(s.nLayers), 0);
    w.layerExpertBytes.assign(size_t(s.nLayers), 0);
    w.layerNormBytes.assign(size_t(s.nLayers), 0);
    w.expertActiveFraction = s.isMoe() ? double(s.moe->expertsPerToken) / s.moe->nExperts : 1.0;
    std::map<std::string, uint64_t> bytesByType;
    uint64_t blockBytes = 0;
    double expertElements = 0;
    QString embeddingType;
    for (const auto &t : f.tensors()) {
        const TensorClass cls = classify(t.name);
        int layer = -1;
        if (t.name.rfind("blk.", 0) == 0) {
            const size_t dot = t.name.find('.', 4);
            bool ok = false;
            layer = QString::fromStdString(t.name.substr(4, dot == std::string::npos ? 0 : dot - 4)).toInt(&ok);
            if (!ok || layer < 0 || layer >= s.nLayers)
                return R::failure(QStringLiteral("%1: tensor %2 names a layer outside 0..%3.")
                                      .arg(display, QString::fromStdString(t.name)).arg(s.nLayers - 1));
        }
        const uint64_t b = t.nBytes;
        w.byGroup[size_t(groupOf(cls))] += b;
        w.totalBytes += b;
        w.params += double(t.nElements);
        const auto &traits = ::modelatlas::engine::ggmlTypeTraits(t.type);
        const QString typeName = QString::fromLatin1(traits.name.data(), qsizetype(traits.name.size()));
        bytesByType[std::string(traits.name)] += b;
        if (traits.quantized)
            blockBytes += b;
        if (layer >= 0) {
            w.layerBytes[size_t(layer)] += b;
            const bool expert = cls == TensorClass::ExpertGate || cls == TensorClass::ExpertUp || cls == TensorClass::ExpertDown;
            if (expert) {
                w.layerExpertBytes[size_t(layer)] += b;
                expertElements += double(t.nElements);
            }
            if (t.nDims <= 1)
                w.layerNormBytes[size_t(layer)] += b;
            else
                w.matmulParamsByType[typeName] += double(t.nElements) * (expert ? w.expertActiveFraction : 1.0);
            w.readBytesByType[typeName] += double(b) * (expert ? w.expertActiveFraction : 1.0);
        } else if (cls == TensorClass::TokenEmbedding) {
            w.embeddingBytes += b;
            w.embeddingParams += double(t.nElements);
            embeddingType = typeName;
        } else {
            w.readBytesByType[typeName] += double(b);
            w.outputBytes += b;
            if (cls == TensorClass::Output)
                w.outputHeadParams += double(t.nElements);
        }
    }
    w.activeParams = w.params - expertElements * (1.0 - w.expertActiveFraction);
    w.blockQuantized = blockBytes * 2 > w.totalBytes;
    if (w.outputHeadParams == 0 && !embeddingType.isEmpty())   // tied: the embedding is the logits head, read whole
        w.readBytesByType[embeddingType] += double(w.embeddingBytes);
    w.source = QStringLiteral("GGUF header: %1").arg(display);
    if (const auto ft = f.getU32("general.file_type")) {
        m.fileType = fileTypeName(ft.value());
    } else {
        uint64_t most = 0;
        for (const auto &[name, bytes] : bytesByType)
            if (bytes > most) { most = bytes; m.fileType = QString::fromStdString(name); }
    }
    w.weightType = m.fileType;
    return m;
}

} // namespace ModelAtlas::Planner
