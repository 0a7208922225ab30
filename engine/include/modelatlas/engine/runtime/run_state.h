#pragma once
// The mutable state of one session: activation buffers for a batch of tokens
// and the KV cache. Plain vectors sized once at session creation, so the
// forward pass never allocates (the caller owns the logits).

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/model/config.h"
#include "modelatlas/engine/runtime/kv_cache_type.h"

#include <cstdint>
#include <vector>

namespace modelatlas::engine {

// K and V of every past position, each position's row of kvDim values in the
// cache's type: F16 (half the memory of F32; the reference implementation's
// default, and what the attention dot products round to anyway) or Q8_0.
struct KvCache {
    KvCacheType type = KvCacheType::F16;
    int nLayers = 0;
    int contextLength = 0;
    int kvDim = 0;
    size_t rowBytes = 0;
    std::vector<uint8_t> key;     // (layer, contextLength) rows
    std::vector<uint8_t> value;   // (layer, contextLength) rows

    void allocate(const Config &c, int ctx, KvCacheType cacheType);
    uint8_t *keyAt(int layer, int pos) { return key.data() + (size_t(layer) * contextLength + pos) * rowBytes; }
    uint8_t *valueAt(int layer, int pos) { return value.data() + (size_t(layer) * contextLength + pos) * rowBytes; }
    // Where head `kvh` (of headDim values) starts within a row.
    size_t headOffset(int kvh, int headDim) const { return kvCacheBytes(type, uint64_t(kvh) * uint64_t(headDim)); }
    size_t bytes() const { return key.size() + value.size(); }
};

struct RunState {
    int maxBatch = 0;
    int nThreads = 0;
    std::vector<float> x;        // (maxBatch, dim) residual stream
    std::vector<float> xb;       // (maxBatch, dim) normed input of a block, then its output
    std::vector<float> q;        // (maxBatch, nHeads*headDim)
    std::vector<float> k;        // (maxBatch, nKvHeads*headDim)
    std::vector<float> v;        // (maxBatch, nKvHeads*headDim)
    std::vector<float> attOut;   // (maxBatch, nHeads*headDim) attention output, input of wo
    std::vector<float> hb;       // (maxBatch, hiddenDim) gate, then silu(gate) * up
    std::vector<float> hb2;      // (maxBatch, hiddenDim) up
    std::vector<float> att;      // (nThreads, contextLength) one head's scores, per thread
    std::vector<uint8_t> qh;     // (nThreads, 2 * headDim) one query head as the cache's dot needs it
                                 // (f16, or q8_0 blocks), per thread
    std::vector<float> attLanes; // (nThreads, 64, headDim) per-lane partial sums of the value mix
    std::vector<float> ropeCos;  // (maxBatch, ropeDim/2)
    std::vector<float> ropeSin;  // (maxBatch, ropeDim/2)
    cpu::ActBuffer actNormed;    // quantised xb, shared by q/k/v and by gate/up
    cpu::ActBuffer actAttn;      // quantised attOut
    cpu::ActBuffer actHidden;    // quantised hb
    cpu::ActBuffer actFinal;     // quantised final-normed rows for the output matmul

    void allocate(const Config &c, int batch, int threads, int ctx);
};

} // namespace modelatlas::engine
