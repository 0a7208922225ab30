#pragma once
// A double-precision causal attention over a cache as the device stores it,
// the reference of the CUDA attention tests (on the GPU and the host
// emulation of its kernels).

#include "modelatlas/engine/runtime/kv_cache_type.h"

#include <cstdint>
#include <random>
#include <vector>

namespace modelatlas::engine::test {

struct AttentionShape {
    int nHeads, nKvHeads, headDim;
    int pos0, nTokens;   // queries at positions pos0 .. pos0 + nTokens - 1
    KvCacheType kvType;
    int window = 0;      // > 0: each query sees only its last `window` positions
    float scale = 0.0f;  // of the scores; 0: 1 / sqrt(headDim)
    int ring = 0;        // > 0: the cache holds position p in slot p mod ring (window layers)

    float scoreScale() const;

    int kvDim() const { return nKvHeads * headDim; }
    int qDim() const { return nHeads * headDim; }
};

// Values as the cache stores them: F16 bits, or Q8_0 blocks made by the CPU
// quantiser (the device's storeKv must write the same bytes). Rows of kvDim
// values are whole blocks, so all rows together quantise as one run.
std::vector<uint8_t> encodeKv(KvCacheType type, const std::vector<float> &values);

// What the cache reads back from encodeKv()'s bytes.
std::vector<float> decodeKv(KvCacheType type, const std::vector<uint8_t> &bytes, size_t n);

// Row t: query t (of q, (nTokens, qDim)) at position pos0 + t over positions
// 0..pos0 + t (the window's last ones) of key and value ((positions, kvDim), as the cache reads them),
// in double, with the query rounded as the cache's dot rounds it.
std::vector<float> referenceAttention(const std::vector<float> &key, const std::vector<float> &value,
                                      const std::vector<float> &q, const AttentionShape &shape);

// n draws of N(0, 1).
std::vector<float> normalVector(size_t n, std::mt19937 &rng);

} // namespace modelatlas::engine::test
