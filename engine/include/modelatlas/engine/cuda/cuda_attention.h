#pragma once
// Attention on the device: the session's F16 or Q8_0 KV cache and split-KV
// ("flash decoding") causal attention of query tokens over it. Splitting the
// cached positions over CTAs keeps every SM busy at any context length, where
// one CTA per head would leave most of an H100 idle for 32 heads at decode.

#include "modelatlas/engine/cuda/cuda_backend.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/runtime/kv_cache_type.h"

#include <cuda_runtime_api.h>

#include <cstdint>
#include <vector>

namespace modelatlas::engine::cuda {

// K and V of past positions, laid out (layer, slot) in rows of kvDim values
// in the cache's type (F16 bits, or Q8_0 blocks) as on the CPU
// (runtime/run_state.h). A layer keeps every position in its own slot, or,
// a sliding-window layer with ring[layer] > 0, position p in slot p mod ring
// (the CPU's WindowRing without its mirror copy: the GPU reads each position's
// row on its own, so a window need not lie contiguous). Device pointers owned
// by the caller.
struct DeviceKvCache {
    KvCacheType type = KvCacheType::F16;
    int nLayers = 0;
    int contextLength = 0;
    int kvDim = 0;
    std::vector<int> ring;   // per layer, 0 for every position; empty: no rings
    uint8_t *key = nullptr;
    uint8_t *value = nullptr;

    uint64_t rowBytes() const { return kvCacheBytes(type, uint64_t(kvDim)); }
    int ringOf(int layer) const { return ring.empty() ? 0 : ring[size_t(layer)]; }
    int slots(int layer) const { return ringOf(layer) > 0 ? ringOf(layer) : contextLength; }
    // Where `layer`'s rows start in key and value, in bytes.
    uint64_t layerOffset(int layer) const
    {
        uint64_t rows = 0;
        for (int l = 0; l < layer; ++l)
            rows += uint64_t(slots(l));
        return rows * rowBytes();
    }
    uint64_t bytesPerTensor() const { return layerOffset(nLayers); }
};

// Position arguments below: with devicePos the kernels read the first
// token's position there (a CUDA graph replayed at every position), and the
// host value `pos` is only its upper bound (checks and grid size).

// Writes the K and V of nTokens consecutive tokens ((nTokens, kvDim) floats
// each, on the device) at positions pos.. of `layer`, rounded to F16 (nearest
// even) or quantised to Q8_0, the same bits as on the CPU.
Result<void> storeKv(const DeviceKvCache &kv, int layer, int pos, int nTokens, const float *k, const float *v,
                     cudaStream_t stream = nullptr, const int *devicePos = nullptr);

// Device scratch attention() needs for nTokens queries over a cache of
// `contextLength` positions.
uint64_t attentionScratchBytes(int nHeads, int headDim, int contextLength, int nTokens);

// The smallest prompt batch the tensor-core attention takes, and whether it
// takes heads of headDim: a caller grouping a prompt's queries to bound the
// scratch keeps groups at least this large where it does.
inline constexpr int kTiledAttentionMinTokens = 9;
bool tiledAttentionTakesHeads(int headDim);

// A layer's attention heads: query head h reads KV head h / (nHeads /
// nKvHeads); scores are q . k times `scale` (Config::attentionScale); with
// window > 0 (a sliding-window layer) a token sees only its last `window`
// positions.
struct AttentionHeads {
    int nHeads = 0;
    int nKvHeads = 0;
    int headDim = 0;
    float scale = 0.0f;
    int window = 0;
};

// Row t of out (nTokens, nHeads * headDim) = softmax(scale q_t K^T) V for
// query row t of q at position pos0 + t over the cached positions of `layer`
// it sees (store the batch's K/V first): 0..pos0 + t, or the window's last
// ones. As the CPU backend does, queries are rounded to F16 before they meet
// an F16 cache, and quantised to Q8_0 before they meet a Q8_0 cache. Prompt
// batches of at least kTiledAttentionMinTokens with heads of 64, 96 or 128
// run on the tensor cores. scratch:
// attentionScratchBytes() on the device.
Result<void> attention(const DeviceKvCache &kv, int layer, int pos0, int nTokens, const float *q,
                       const AttentionHeads &heads, float *scratch, float *out, cudaStream_t stream = nullptr,
                       const int *devicePos0 = nullptr);

} // namespace modelatlas::engine::cuda
