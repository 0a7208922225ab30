#pragma once
// The mutable state of one session: activation buffers for a batch of tokens
// and the KV cache. Plain vectors sized once at session creation, so the
// forward pass never allocates (the caller owns the logits).

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/model/config.h"

#include <cstdint>
#include <vector>

namespace modelatlas::engine {

// K and V of every past position, F16 (half the memory of F32; the reference
// implementation's default, and what the attention dot products round to anyway).
struct KvCache {
    int nLayers = 0;
    int contextLength = 0;
    int kvDim = 0;
    std::vector<uint16_t> key;     // (layer, contextLength, kvDim) f16 bits
    std::vector<uint16_t> value;   // (layer, contextLength, kvDim) f16 bits

    void allocate(const Config &c, int ctx);
    uint16_t *keyAt(int layer, int pos) { return key.data() + (size_t(layer) * contextLength + pos) * kvDim; }
    uint16_t *valueAt(int layer, int pos) { return value.data() + (size_t(layer) * contextLength + pos) * kvDim; }
    size_t bytes() const { return (key.size() + value.size()) * sizeof(uint16_t); }
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
    std::vector<uint16_t> qh;    // (nThreads, headDim) one query head rounded to f16, per thread
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
