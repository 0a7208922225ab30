#pragma once
// Causal attention of prompt batches on the tensor cores (tiled_attention.cu),
// writing the split kernel's partials; attention() (attention.cu) chooses it
// and merges.

#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/runtime/kv_cache_type.h"

#include <cuda_runtime_api.h>

#include <cstdint>

namespace modelatlas::engine::cuda {

namespace kernels {
struct Partials;   // attention_partials.cuh
}

// Whether the tiled kernel takes nTokens queries over a cache of `type` with
// heads of headDim: F16 or Q8_0 caches, at least kTiledAttentionMinTokens
// (cuda_attention.h: below it the split kernel's CTA per (head, token) costs
// little, and a decode step keeps its graph), heads of 64, 96 or 128 (the
// output rows live in registers, so the head length is a template argument).
bool tiledAttentionTakes(KvCacheType type, int headDim, int nTokens);

// The partials of queries pos0 .. pos0 + nTokens - 1 (q: (nTokens, nHeads,
// headDim) floats) over positions 0 .. pos0 + t (with window > 0, the last
// `window` of them) of one layer's cache of `type` (key, value: its first
// slot; rows of rowBytes; ring > 0: position p in slot p mod ring), for every
// split a token sees. The caller has checked the shapes; launch errors come back.
Result<void> tiledAttention(KvCacheType type, const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0,
                            int nTokens, const float *q, int nHeads, int nKvHeads, int headDim, float scale,
                            int window, int ring, const kernels::Partials &partials, cudaStream_t stream);

} // namespace modelatlas::engine::cuda
