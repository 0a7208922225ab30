#pragma once

#include "util/Result.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace ModelAtlas::Planner {

// What a weight tensor is for. The quantization mixes (QuantMix.h) pick a
// storage type per class, and the memory breakdown is reported per group.
enum class TensorClass {
    TokenEmbedding,
    Output,          // lm_head / output.weight
    AttnQ, AttnK, AttnV, AttnOutput,
    AttnKvB,         // MLA kv_b (llama.cpp treats it like attn_v)
    AttnOther,       // MLA q_a/q_b/kv_a, fused qkv, sinks, biases
    FfnGate, FfnUp, FfnDown,            // dense FFN
    ExpertGate, ExpertUp, ExpertDown,   // routed experts (3D in GGUF)
    SharedExpert,                        // shared expert FFN (always active)
    Router,                              // ffn_gate_inp: never quantized
    Norm,                                // 1-D: kept in F32 (GGUF) / 16 bit (safetensors)
    Other,
};

// Groups the breakdown shows (Memory chart).
enum class WeightGroup { Embeddings, Attention, Ffn, Experts, Norms, Output, Other, Count };
WeightGroup groupOf(TensorClass c);
const char *groupName(WeightGroup g);

// One weight tensor as a shape: ne0 is the row (contiguous) dimension as in
// ggml; ne1 rows; ne2 experts (1 for ordinary tensors).
struct TensorDesc
{
    TensorClass cls = TensorClass::Other;
    int layer = -1;              // -1: not in a repeating block
    uint64_t ne0 = 1, ne1 = 1, ne2 = 1;
    uint64_t elements() const { return ne0 * ne1 * ne2; }
};

struct MoeShape
{
    int nExperts = 0;
    int expertsPerToken = 0;
    int sharedExperts = 0;
    int expertFfn = 0;
    int firstDenseLayers = 0;
    int layerStep = 1;           // 2: every second layer is MoE (Llama 4 Maverick)
    bool isMoeLayer(int layer) const
    {
        return nExperts > 0 && layer >= firstDenseLayers && (layer - firstDenseLayers) % layerStep == layerStep - 1;
    }
};

struct MlaShape
{
    int qLoraRank = 0, kvLoraRank = 0, qkRopeHeadDim = 0, qkNopeHeadDim = 0, vHeadDim = 0;
};

struct SlidingWindowShape
{
    int window = 0;
    int localLayers = 0;         // layers that attend to at most `window` tokens
};

// Hyper-parameters of a decoder-only transformer, from the catalog's
// `architectures` table (config.json) or from a GGUF header.
struct ModelShape
{
    QString id, name;
    QString arch;                // GGUF general.architecture when known ("llama", "falcon", ...)
    int nLayers = 0, hidden = 0, nHeads = 0, nKvHeads = 0, headDim = 0, vocab = 0, ffn = 0;
    int maxContext = 0;          // max_position / context_length (0: unknown)
    bool tiedEmbeddings = false;
    std::optional<MoeShape> moe;
    std::optional<MlaShape> mla;
    std::optional<SlidingWindowShape> swa;
    double catalogParamsB = 0;   // the catalog's params_total_b, for cross-checks (0: unknown)
    double catalogActiveB = 0;

    bool isMoe() const { return moe && moe->nExperts > 0; }
    // Checks that the shape can be planned; the message names the bad field.
    Status validate() const;
    // The weight tensors a llama.cpp conversion of this model holds (norms
    // included, biases and tiny extras left out), in layer order.
    std::vector<TensorDesc> tensors() const;
    // KV-cache elements per token per layer (K and V together) at full context.
    uint64_t kvElementsPerTokenPerLayer() const;
};

// Builds a shape from an `architectures` record (docs/CATALOG_FORMAT.md):
// the column values plus the moe/mla/sliding_window JSON texts.
struct ArchitectureRow
{
    QString model, name;
    double nLayers = 0, hidden = 0, nHeads = 0, nKvHeads = 0, headDim = 0, vocab = 0, ffn = 0, maxPosition = 0;
    bool tieEmbeddings = false;
    QString moeJson, mlaJson, slidingWindowJson;
    double paramsTotalB = 0, paramsActiveB = 0, contextTokens = 0;
};
Result<ModelShape> shapeFromArchitecture(const ArchitectureRow &row);

} // namespace ModelAtlas::Planner
