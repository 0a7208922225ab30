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

// The slots a sliding-window layer's cache keeps, for its window and batches
// of up to maxBatch tokens: a ring (position p in slot p mod ring) too long for
// a batch to overwrite a position still in one of its tokens' windows, then a
// copy of the ring's first `mirror` slots, so that every run of positions
// attention reads (the window, the value dots' 16-step before it and their
// span past the token) lies contiguous in the slots, as in a full cache, and
// is summed in the same order. No ring (both 0) when ctx slots take no more.
struct WindowRing {
    int ring = 0;
    int mirror = 0;
    int length() const { return ring + mirror; }
};
WindowRing windowRing(int window, int maxBatch, int ctx);

// K and V of past positions in the cache's type: F16 (half the memory of F32;
// the reference implementation's default, and what the attention dot products
// round to anyway) or Q8_0. Keys are stored a position's row of kvDim values at
// a time. F16 values are stored transposed, as the reference stores them: one
// dimension's values over the positions are one contiguous row, read by the
// value mix as a single dot with the probabilities. Q8_0 values are rows like
// the keys (its blocks run along the dimensions). A global layer keeps every
// position in its own slot; a sliding-window layer keeps a WindowRing when
// that is smaller (Gemma 3 1B at 32k: 22 of its 26 layers hold 1,408 slots,
// not 32,768).
struct KvCache {
    KvCacheType type = KvCacheType::F16;
    int nLayers = 0;
    int contextLength = 0;
    int kvDim = 0;
    int spanCapacity = 0;         // the longest attention span: a score row's length
    size_t rowBytes = 0;
    std::vector<uint8_t> key;     // per layer, its slots' rows
    std::vector<uint8_t> value;   // per layer, F16: kvDim rows of its column length; Q8_0: its slots' rows

    void allocate(const Config &c, int ctx, KvCacheType cacheType, int maxBatch);
    // What allocate would take, without allocating (for estimates before a session).
    static uint64_t bytesFor(const Config &c, int ctx, KvCacheType cacheType, int maxBatch);
    // The slot holding position pos, and the mirror slot holding it too (-1 if none).
    int slot(int layer, int pos) const
    {
        const int ring = m_layers[size_t(layer)].ring.ring;
        return ring > 0 ? pos % ring : pos;
    }
    int mirrorSlot(int layer, int pos) const;
    uint8_t *keyRow(int layer, int s) { return key.data() + m_layers[size_t(layer)].keyOffset + size_t(s) * rowBytes; }
    // Q8_0 only: a slot's value row.
    uint8_t *valueRow(int layer, int s)
    {
        return value.data() + m_layers[size_t(layer)].valueOffset + size_t(s) * rowBytes;
    }
    // F16 only: dimension d's values over the slots.
    uint8_t *valueColumn(int layer, int d)
    {
        return value.data() + m_layers[size_t(layer)].valueOffset + size_t(d) * valueColumnBytes(layer);
    }
    size_t valueColumnBytes(int layer) const { return 2 * size_t(m_layers[size_t(layer)].columnLength); }
    // Where head `kvh` (of headDim values) starts within a row.
    size_t headOffset(int kvh, int headDim) const { return kvCacheBytes(type, uint64_t(kvh) * uint64_t(headDim)); }
    size_t bytes() const { return key.size() + value.size(); }

private:
    struct Totals {
        size_t keyBytes = 0;
        size_t valueBytes = 0;
    };
    // Sets the members and each layer's slots; returns the bytes they take.
    Totals layOut(const Config &c, int ctx, KvCacheType cacheType, int maxBatch);
    struct Slots {
        size_t keyOffset = 0;
        size_t valueOffset = 0;
        int columnLength = 0;   // F16 value columns: the slots, or the full span
        WindowRing ring;
    };
    std::vector<Slots> m_layers;
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
