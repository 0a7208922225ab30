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

// K and V of every past position in the cache's type: F16 (half the memory
// of F32; the reference implementation's default, and what the attention dot
// products round to anyway) or Q8_0. Keys are stored a position's row of kvDim
// values at a time. F16 values are stored transposed, as the reference stores
// them: one dimension's values over every position are one contiguous row,
// read by the value mix as a single dot with the probabilities. Q8_0 values
// are rows like the keys (its blocks run along the dimensions).
struct KvCache {
    KvCacheType type = KvCacheType::F16;
    int nLayers = 0;
    int contextLength = 0;
    int kvDim = 0;
    int spanCapacity = 0;         // positions of a transposed value row: the longest attention span
    size_t rowBytes = 0;
    std::vector<uint8_t> key;     // (layer, contextLength) rows
    std::vector<uint8_t> value;   // F16: (layer, kvDim) rows of spanCapacity; Q8_0: (layer, contextLength) rows

    void allocate(const Config &c, int ctx, KvCacheType cacheType);
    uint8_t *keyAt(int layer, int pos) { return key.data() + (size_t(layer) * contextLength + pos) * rowBytes; }
    // Q8_0 only: the value row of a position.
    uint8_t *valueAt(int layer, int pos) { return value.data() + (size_t(layer) * contextLength + pos) * rowBytes; }
    // F16 only: dimension d's values over the positions.
    uint8_t *valueColumn(int layer, int d) { return value.data() + (size_t(layer) * kvDim + d) * valueColumnBytes(); }
    size_t valueColumnBytes() const { return 2 * size_t(spanCapacity); }
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
    std::vector<float> att;      // (nThreads, sharedHeads, spanCapacity) the scores of the heads one
                                 // attention work item takes, per thread (through attSlice)
    std::vector<float> qf;       // (nThreads, sharedHeads, headDim) those heads' queries rounded to F16
                                 // (through querySlice)
    std::vector<uint8_t> qh;     // (nThreads, sharedHeads heads in Q8_0 blocks) those heads' queries for
                                 // a Q8_0 cache (through qhSliceBytes)
    std::vector<float> ropeCos;  // (maxBatch, ropeDim/2)
    std::vector<float> ropeSin;  // (maxBatch, ropeDim/2)
    // The sliding-window layers' tables at their own base (gemma3); empty without such layers.
    std::vector<float> ropeCosLocal, ropeSinLocal;
    cpu::ActBuffer actNormed;    // quantised xb, shared by q/k/v and by gate/up
    cpu::ActBuffer actAttn;      // quantised attOut
    cpu::ActBuffer actHidden;    // quantised hb
    cpu::ActBuffer actFinal;     // quantised final-normed rows for the output matmul

    void allocate(const Config &c, int batch, int threads, int ctx);
    // Thread ith's part of att and of qf, 64-byte aligned: the attention dots'
    // 32-byte loads of them then never straddle a cache line (straddling ones
    // cost a prompt's key dots about 15% of their samples in one profile).
    float *attSlice(int ith) { return alignedSlice(att, ith, attSliceFloats); }
    float *querySlice(int ith) { return alignedSlice(qf, ith, querySliceFloats); }
    size_t qhSliceBytes() const { return qh.size() / size_t(nThreads); }
    // The query heads one attention work item may take together: a GQA
    // group's, at most cpu::kMaxSharedDots.
    static int sharedHeads(const Config &c);

private:
    static float *alignedSlice(std::vector<float> &v, int ith, size_t sliceFloats);
    size_t attSliceFloats = 0;
    size_t querySliceFloats = 0;
};

} // namespace modelatlas::engine
