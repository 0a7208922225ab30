#include "QuantMix.h"

#include "modelatlas/engine/tensor/ggml_type.h"


namespace ModelAtlas::Planner {

namespace {

// Sources of the figures below:
// - Mix rules: llama.cpp src/llama-quant.cpp, llama_tensor_get_type_impl()
//   (ggml-org/llama.cpp @ 007dbbf3fd17eefe9b47fee45f48f7ba5e62b714):
//   output.weight (and token_embd when tied) -> Q6_K unless the file type is
//   Q8_0 (stays Q8_0) or ne0 is not a multiple of the block (-> Q8_0);
//   attn_v / attn_kv_b and ffn_down get Q6_K in "use_more_bits" layers for
//   Q4_K_M/Q5_K_M; Q4_K_S gives the first 4 attn_v and first n/8 ffn_down Q5_K;
//   Q3_K_M: attn_v Q5_K for the first 2 layers else Q4_K, ffn_down Q5_K for
//   the first n/16 layers else Q4_K, attn_output Q4_K; Q2_K: attn_v Q4_K when
//   n_head/n_head_kv >= 4 else Q3_K, ffn_down Q3_K, attn_output Q3_K; 8-expert
//   models (Mixtral) get attn_v/attn_k Q8_0 and attn_output Q5_K; 70B models
//   (80 layers) bump Q3_K/Q4_K attn_v to Q5_K; 1-D tensors, *_norm and
//   ffn_gate_inp are never quantized; F16/BF16/F32 files apply no mix.
// - Block sizes: ggml's type traits via engine/tensor/ggml_type.h (Q4_K 144 B
//   per 256, Q6_K 210 B per 256, Q8_0 34 B per 32 ...).
// - Whole-file checks (tests/core/tst_planner.cpp): llama.cpp
//   tools/quantize/README.md table for Llama-3.1-8B: Q4_K_M 4.58 GiB
//   (4.8944 bpw), Q8_0 7.95 GiB, F16 14.96 GiB (data/quantizations.json).
// - GPTQ/AWQ 4-bit g128 (AutoGPTQ / AutoAWQ checkpoint layout): qweight int4
//   packed in int32, scales F16 per group of 128 inputs per output, qzeros
//   int4 packed per group: 4 + 16/128 + 4/128 = 4.15625 bits per weight;
//   embeddings, lm_head and norms stay 16 bit. GPTQ's g_idx (int32 per input
//   channel) is under 0.01 bpw and left out.
// - FP8 (llm-compressor / Neural Magic "FP8" checkpoints served by vLLM):
//   Linear weights float8_e4m3 with an F32 scale per output channel;
//   embeddings, lm_head and norms stay BF16.

constexpr QuantInfo kQuants[] = {
    {Quant::F32, "f32", "F32", true},
    {Quant::F16, "f16", "F16", true},
    {Quant::BF16, "bf16", "BF16", true},
    {Quant::FP8, "fp8", "FP8", false},
    {Quant::Q8_0, "q8_0", "Q8_0", true},
    {Quant::Q6_K, "q6_k", "Q6_K", true},
    {Quant::Q5_K_M, "q5_k_m", "Q5_K_M", true},
    {Quant::Q5_K_S, "q5_k_s", "Q5_K_S", true},
    {Quant::Q4_K_M, "q4_k_m", "Q4_K_M", true},
    {Quant::Q4_K_S, "q4_k_s", "Q4_K_S", true},
    {Quant::Q4_0, "q4_0", "Q4_0", true},
    {Quant::Q3_K_M, "q3_k_m", "Q3_K_M", true},
    {Quant::Q2_K, "q2_k", "Q2_K", true},
    {Quant::GPTQ_4bit_g128, "gptq-4bit-g128", "GPTQ-4bit-g128", false},
    {Quant::AWQ_4bit_g128, "awq-4bit-g128", "AWQ-4bit-g128", false},
};
static_assert(std::size(kQuants) == size_t(Quant::Count));

::modelatlas::engine::GgmlType ggmlOf(Storage s)
{
    using ::modelatlas::engine::GgmlType;
    switch (s) {
    case Storage::F32: return GgmlType::F32;
    case Storage::F16: return GgmlType::F16;
    case Storage::BF16: return GgmlType::BF16;
    case Storage::Q8_0: return GgmlType::Q8_0;
    case Storage::Q6_K: return GgmlType::Q6_K;
    case Storage::Q5_K: return GgmlType::Q5_K;
    case Storage::Q4_K: return GgmlType::Q4_K;
    case Storage::Q3_K: return GgmlType::Q3_K;
    case Storage::Q2_K: return GgmlType::Q2_K;
    case Storage::Q4_0: return GgmlType::Q4_0;
    case Storage::Q4_1: return GgmlType::Q4_1;
    case Storage::Q5_0: return GgmlType::Q5_0;
    case Storage::Q5_1: return GgmlType::Q5_1;
    case Storage::FP8: case Storage::Int4G128: break;
    }
    return GgmlType::F16;
}

uint32_t blockOf(Storage s)
{
    if (s == Storage::FP8 || s == Storage::Int4G128)
        return 1;
    return ::modelatlas::engine::ggmlTypeTraits(ggmlOf(s)).blockSize;
}

// llama.cpp's tensor_type_fallback(): a row that is not a whole number of
// blocks takes a type with 32-element blocks (or F16).
Storage fallback(Storage s, uint64_t ne0)
{
    if (ne0 % blockOf(s) == 0)
        return s;
    Storage r = s;
    switch (s) {
    case Storage::Q2_K: case Storage::Q3_K: r = Storage::Q4_0; break;
    case Storage::Q4_K: r = Storage::Q5_0; break;
    case Storage::Q5_K: r = Storage::Q5_1; break;
    case Storage::Q6_K: r = Storage::Q8_0; break;
    default: break;
    }
    return ne0 % blockOf(r) == 0 ? r : Storage::F16;
}

Storage baseType(Quant q)
{
    switch (q) {
    case Quant::F32: return Storage::F32;
    case Quant::F16: return Storage::F16;
    case Quant::BF16: return Storage::BF16;
    case Quant::FP8: return Storage::FP8;
    case Quant::Q8_0: return Storage::Q8_0;
    case Quant::Q6_K: return Storage::Q6_K;
    case Quant::Q5_K_M: case Quant::Q5_K_S: return Storage::Q5_K;
    case Quant::Q4_K_M: case Quant::Q4_K_S: return Storage::Q4_K;
    case Quant::Q4_0: return Storage::Q4_0;
    case Quant::Q3_K_M: return Storage::Q3_K;
    case Quant::Q2_K: return Storage::Q2_K;
    case Quant::GPTQ_4bit_g128: case Quant::AWQ_4bit_g128: return Storage::Int4G128;
    case Quant::Count: break;
    }
    return Storage::F16;
}

bool useMoreBits(int i, int n) { return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2; }

} // namespace

const QuantInfo &quantInfo(Quant q) { return kQuants[size_t(q) < std::size(kQuants) ? size_t(q) : 1]; }

std::array<Quant, size_t(Quant::Count)> allQuants()
{
    std::array<Quant, size_t(Quant::Count)> a{};
    for (size_t i = 0; i < a.size(); ++i)
        a[i] = Quant(i);
    return a;
}

const std::array<Quant, 12> &fitMatrixQuants()
{
    static const std::array<Quant, 12> q = {Quant::F16, Quant::Q8_0, Quant::FP8, Quant::Q6_K, Quant::Q5_K_M,
                                            Quant::Q5_K_S, Quant::Q4_K_M, Quant::AWQ_4bit_g128, Quant::Q4_K_S,
                                            Quant::Q4_0, Quant::Q3_K_M, Quant::Q2_K};
    return q;
}

std::optional<Quant> quantByName(const QString &text)
{
    QString t = text.trimmed().toLower();
    t.remove(QLatin1Char('_')).remove(QLatin1Char('-')).remove(QLatin1Char(' '));
    if (t == QLatin1String("gptq") || t == QLatin1String("gptq4bit") || t == QLatin1String("gptq4bitg128")
        || t == QLatin1String("gptqint4"))
        return Quant::GPTQ_4bit_g128;
    if (t == QLatin1String("awq") || t == QLatin1String("awq4bit") || t == QLatin1String("awq4bitg128")
        || t == QLatin1String("awqint4"))
        return Quant::AWQ_4bit_g128;
    if (t == QLatin1String("fp16")) return Quant::F16;
    if (t == QLatin1String("fp32")) return Quant::F32;
    if (t == QLatin1String("fp8e4m3")) return Quant::FP8;
    for (const QuantInfo &qi : kQuants) {
        QString id = QString::fromLatin1(qi.id);
        id.remove(QLatin1Char('_')).remove(QLatin1Char('-'));
        if (t == id)
            return qi.quant;
    }
    return std::nullopt;
}

const char *storageName(Storage s)
{
    switch (s) {
    case Storage::FP8: return "FP8";
    case Storage::Int4G128: return "INT4-g128";
    default: return ::modelatlas::engine::ggmlTypeTraits(ggmlOf(s)).name.data();
    }
}

uint64_t storageBytes(Storage s, const TensorDesc &t)
{
    const uint64_t n = t.elements();
    switch (s) {
    case Storage::FP8:
        return n + t.ne1 * t.ne2 * 4;   // one F32 scale per output row
    case Storage::Int4G128: {
        // per group of 128 inputs: 64 B of int4 weights + 2 B scale + 0.5 B zero
        const uint64_t groups = (t.ne0 + 127) / 128 * t.ne1 * t.ne2;
        return n / 2 + groups * 2 + (groups + 1) / 2;
    }
    default: {
        const auto &tr = ::modelatlas::engine::ggmlTypeTraits(ggmlOf(s));
        return (n + tr.blockSize - 1) / tr.blockSize * tr.bytesPerBlock;
    }
    }
}

Storage storageFor(Quant q, const TensorDesc &t, const ModelShape &shape)
{
    const bool gguf = quantInfo(q).gguf;
    // 1-D tensors (norms) are never quantized: F32 in GGUF conversions, the
    // checkpoint's 16 bit in safetensors. The router is kept unquantized too
    // (convert_hf_to_gguf writes ffn_gate_inp as F32).
    if (t.cls == TensorClass::Norm || t.ne1 == 1)
        return gguf ? Storage::F32 : Storage::BF16;
    if (t.cls == TensorClass::Router)
        return gguf ? Storage::F32 : Storage::BF16;

    if (!gguf) {
        // vLLM checkpoints quantize the decoder's Linear layers only.
        if (t.cls == TensorClass::TokenEmbedding || t.cls == TensorClass::Output)
            return Storage::BF16;
        return baseType(q);
    }
    const Storage base = baseType(q);
    if (q == Quant::F32 || q == Quant::F16 || q == Quant::BF16)
        return base;   // no mix: llama_tensor_get_type only runs for quantized defaults

    const int nLayers = shape.nLayers;
    const int nExperts = shape.moe ? shape.moe->nExperts : 0;
    const bool isFalcon = shape.arch == QLatin1String("falcon");
    const int nGqa = shape.nKvHeads > 0 ? shape.nHeads / shape.nKvHeads : 1;
    const int layer = std::max(t.layer, 0);
    Storage s = base;

    const bool outputLike = t.cls == TensorClass::Output || (shape.tiedEmbeddings && t.cls == TensorClass::TokenEmbedding);
    if (outputLike) {
        if (isFalcon || t.ne0 % blockOf(base) != 0)
            s = Storage::Q8_0;
        else if (base != Storage::Q8_0)
            s = Storage::Q6_K;
        return s;   // the fallback cannot apply: Q8_0/Q6_K rows were checked above
    }
    switch (t.cls) {
    case TensorClass::TokenEmbedding:
        break;   // the file type's default type
    case TensorClass::AttnV:
    case TensorClass::AttnKvB:
        if (q == Quant::Q2_K) s = nGqa >= 4 ? Storage::Q4_K : Storage::Q3_K;
        else if (q == Quant::Q3_K_M) s = layer < 2 ? Storage::Q5_K : Storage::Q4_K;
        else if ((q == Quant::Q4_K_M || q == Quant::Q5_K_M) && useMoreBits(layer, nLayers)) s = Storage::Q6_K;
        else if (q == Quant::Q4_K_S && layer < 4) s = Storage::Q5_K;
        // LLM_TYPE_70B (llama/qwen2 with 80 layers): 8x smaller attn_v, more bits
        if (nLayers == 80 && (s == Storage::Q3_K || s == Storage::Q4_K)) s = Storage::Q5_K;
        if (nExperts == 8) s = Storage::Q8_0;
        break;
    case TensorClass::AttnK:
        if (nExperts == 8) s = Storage::Q8_0;
        break;
    case TensorClass::FfnDown:
    case TensorClass::ExpertDown:
    case TensorClass::SharedExpert:
        // ffn_down, ffn_down_exps and ffn_down_shexp all match "ffn_down"; the
        // shared expert's gate/up (the other two SharedExpert tensors) do not,
        // so only the one whose rows are `hidden` long takes the down rules.
        if (t.cls == TensorClass::SharedExpert && t.ne1 != uint64_t(shape.hidden))
            break;
        if (q == Quant::Q2_K) s = Storage::Q3_K;
        else if (q == Quant::Q3_K_M)
            s = layer < nLayers / 16 ? Storage::Q5_K
              : (!isFalcon || useMoreBits(layer, nLayers)) ? Storage::Q4_K : Storage::Q3_K;
        else if (q == Quant::Q4_K_M) {
            if (isFalcon)
                s = layer < nLayers / 16 ? Storage::Q6_K : useMoreBits(layer, nLayers) ? Storage::Q5_K : Storage::Q4_K;
            else if (useMoreBits(layer, nLayers))
                s = Storage::Q6_K;
        } else if (q == Quant::Q5_K_M && useMoreBits(layer, nLayers)) s = Storage::Q6_K;
        else if (q == Quant::Q4_K_S && !isFalcon && layer < nLayers / 8) s = Storage::Q5_K;
        break;
    case TensorClass::AttnOutput:
        if (!isFalcon) {
            if (nExperts == 8) {
                if (q == Quant::Q2_K || q == Quant::Q3_K_M || q == Quant::Q4_K_S || q == Quant::Q4_K_M)
                    s = Storage::Q5_K;
            } else if (q == Quant::Q2_K) s = Storage::Q3_K;
            else if (q == Quant::Q3_K_M) s = Storage::Q4_K;
        }
        break;
    default:
        break;
    }
    return fallback(s, t.ne0);
}

} // namespace ModelAtlas::Planner
