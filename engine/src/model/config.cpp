// Hyper-parameters from GGUF metadata. Every count is range-checked before it
// sizes anything: a hostile block_count must be an error, not a huge loop.
#include "modelatlas/engine/model/config.h"

#include <cmath>

namespace modelatlas::engine {

bool isSupportedArchitecture(const std::string &arch)
{
    return arch == "llama" || arch == "qwen2" || arch == "qwen3" || arch == "phi3" || arch == "gemma3";
}

namespace {
constexpr uint64_t kMaxDim = 1u << 16;
constexpr uint64_t kMaxLayers = 1024;
constexpr uint64_t kMaxHeads = 1024;
constexpr uint64_t kMaxCtx = 1u << 24;

Result<float> optionalPositiveF32(const GgufFile &f, const std::string &key, float fallback)
{
    if (!f.has(key))
        return fallback;
    Result<float> v = f.getF32(key);
    if (!v)
        return v.error();
    if (!(v.value() > 0.0f && std::isfinite(v.value())))
        return makeError(f.path(), ": ", key, " ", v.value(), " must be a positive number");
    return v.value();
}

// Linear position scaling (rope.scaling.type "linear", llama.cpp's default
// when only a factor is given) divides positions by the factor; other types
// keep their own tables (rope_freqs) or are refused elsewhere.
Result<void> readRopeScaling(const GgufFile &f, const std::string &p, Config &c)
{
    std::string type = "linear";
    if (f.has(p + "rope.scaling.type")) {
        Result<std::string> t = f.getString(p + "rope.scaling.type");
        if (!t)
            return t.error();
        type = t.value();
    }
    if (type != "linear" || !f.has(p + "rope.scaling.factor"))
        return {};
    Result<float> factor = optionalPositiveF32(f, p + "rope.scaling.factor", 1.0f);
    if (!factor)
        return factor.error();
    c.ropeFreqScale = 1.0f / factor.value();
    return {};
}

// Gemma 3, as llama.cpp runs it (src/models/gemma3.cpp): embeddings scaled by
// sqrt(dim), post-attention and post-FFN norms, GeGLU, and every
// `period`-th layer global with the others attending to a sliding window at
// their own RoPE base; the 27B (62 layers) scales queries by 1/sqrt(dim/heads).
Result<void> readGemma3(const GgufFile &f, const std::string &p, Config &c)
{
    c.scaleEmbeddings = true;
    c.postNorms = true;
    c.ffnActivation = FfnActivation::GeluTanh;
    if (c.nLayers == 62)
        c.attentionScale = 1.0f / std::sqrt(float(c.dim / c.nHeads));
    if (c.slidingWindow <= 0)
        return {};
    c.slidingWindowPeriod = 6;
    if (f.has(p + "attention.sliding_window_pattern")) {
        Result<uint64_t> v = f.getUIntInRange(p + "attention.sliding_window_pattern", 1, kMaxLayers);
        if (!v)
            return v.error();
        c.slidingWindowPeriod = int(v.value());
    }
    Result<float> localBase = optionalPositiveF32(f, p + "rope.freq_base_swa", 10000.0f);
    if (!localBase)
        return localBase.error();
    c.ropeFreqBaseLocal = localBase.value();
    return {};
}

int optionalInt(const GgufFile &f, const std::string &key, int fallback)
{
    if (!f.has(key))
        return fallback;
    const Result<int32_t> v = f.getI32(key);
    return v.ok() ? v.value() : fallback;
}
} // namespace

Result<Config> readConfig(const GgufFile &f)
{
    Config c;
    Result<std::string> arch = f.getString("general.architecture");
    if (!arch)
        return makeError(f.path(), ": not a model file: ", arch.message());
    c.architecture = arch.value();
    if (!isSupportedArchitecture(c.architecture))
        return makeError(f.path(), ": unsupported architecture '", c.architecture,
                         "' (this engine runs llama, qwen2, qwen3, phi3 and gemma3)");
    if (f.has("general.name")) {
        if (Result<std::string> n = f.getString("general.name"))
            c.name = n.value();
    }
    const std::string p = c.architecture + ".";

    auto need = [&](const std::string &key, uint64_t lo, uint64_t hi, int &out) -> Result<void> {
        Result<uint64_t> v = f.getUIntInRange(p + key, lo, hi);
        if (!v)
            return v.error();
        out = static_cast<int>(v.value());
        return {};
    };
    if (auto r = need("block_count", 1, kMaxLayers, c.nLayers); !r)
        return r.error();
    if (auto r = need("embedding_length", 1, kMaxDim, c.dim); !r)
        return r.error();
    if (auto r = need("attention.head_count", 1, kMaxHeads, c.nHeads); !r)
        return r.error();
    if (auto r = need("feed_forward_length", 1, kMaxDim * 8, c.hiddenDim); !r)
        return r.error();
    c.nKvHeads = c.nHeads;
    if (f.has(p + "attention.head_count_kv")) {
        if (auto r = need("attention.head_count_kv", 1, kMaxHeads, c.nKvHeads); !r)
            return r.error();
    }
    if (f.has(p + "attention.key_length")) {
        if (auto r = need("attention.key_length", 2, 4096, c.headDim); !r)
            return r.error();
    } else {
        if (c.dim % c.nHeads != 0)
            return makeError(f.path(), ": ", p, "embedding_length ", c.dim, " is not a multiple of head_count ",
                             c.nHeads);
        c.headDim = c.dim / c.nHeads;
    }
    if (c.nHeads % c.nKvHeads != 0)
        return makeError(f.path(), ": ", p, "attention.head_count ", c.nHeads,
                         " is not a multiple of head_count_kv ", c.nKvHeads);
    c.contextLength = 2048;
    if (f.has(p + "context_length")) {
        if (auto r = need("context_length", 1, kMaxCtx, c.contextLength); !r)
            return r.error();
    }
    c.ropeDim = c.headDim;
    if (f.has(p + "rope.dimension_count")) {
        if (auto r = need("rope.dimension_count", 2, uint64_t(c.headDim), c.ropeDim); !r)
            return r.error();
        if (c.ropeDim % 2 != 0)
            return makeError(f.path(), ": ", p, "rope.dimension_count ", c.ropeDim, " is odd");
    }
    if (f.has(p + "rope.freq_base")) {
        Result<float> v = f.getF32(p + "rope.freq_base");
        if (!v)
            return v.error();
        if (!(v.value() > 1.0f))
            return makeError(f.path(), ": ", p, "rope.freq_base ", v.value(), " must be > 1");
        c.ropeFreqBase = v.value();
    }
    if (f.has(p + "attention.layer_norm_rms_epsilon")) {
        Result<float> v = f.getF32(p + "attention.layer_norm_rms_epsilon");
        if (!v)
            return v.error();
        if (!(v.value() > 0.0f && v.value() < 1.0f))
            return makeError(f.path(), ": ", p, "attention.layer_norm_rms_epsilon ", v.value(), " out of range");
        c.normEps = v.value();
    }
    if (f.has(p + "attention.sliding_window")) {
        if (auto r = need("attention.sliding_window", 0, kMaxCtx, c.slidingWindow); !r)
            return r.error();
    }
    if (auto r = readRopeScaling(f, p, c); !r)
        return r.error();
    // llama's converter permutes q/k so adjacent pairs rotate; Qwen, Phi-3 and
    // Gemma keep the Hugging Face layout, which rotates halves.
    c.ropeStyle = c.architecture == "llama" ? cpu::RopeStyle::Normal : cpu::RopeStyle::Neox;
    c.qkvBias = c.architecture == "qwen2";
    c.qkNorm = c.architecture == "qwen3" || c.architecture == "gemma3";
    c.attentionScale = 1.0f / std::sqrt(float(c.headDim));
    if (c.architecture == "gemma3") {
        if (auto r = readGemma3(f, p, c); !r)
            return r.error();
    }
    c.bosToken = optionalInt(f, "tokenizer.ggml.bos_token_id", -1);
    c.eosToken = optionalInt(f, "tokenizer.ggml.eos_token_id", -1);
    c.eotToken = optionalInt(f, "tokenizer.ggml.eot_token_id", -1);

    const GgufTensorInfo *embd = f.findTensor("token_embd.weight");
    if (!embd)
        return makeError(f.path(), ": missing tensor token_embd.weight");
    if (embd->nDims != 2 || embd->ne[0] != uint64_t(c.dim) || embd->ne[1] < 1 || embd->ne[1] > (1u << 24))
        return makeError(f.path(), ": tensor token_embd.weight has shape ", embd->shapeString(), ", expected [",
                         c.dim, ", n_vocab]");
    c.vocabSize = static_cast<int>(embd->ne[1]);
    c.tiedEmbeddings = f.findTensor("output.weight") == nullptr;
    return c;
}

} // namespace modelatlas::engine
