#pragma once
// The tensor-core prompt attention (engine/src/cuda/tiled_attention.cu) run
// on the host, so that tests check its tile on any machine, GPU or not.

#include "modelatlas/engine/runtime/kv_cache_type.h"

#include <cstdint>

namespace modelatlas::engine::test {

// out ((nTokens, nHeads * headDim) floats) = attention of queries q at
// positions pos0 .. pos0 + nTokens - 1 over one layer's cache of `type`
// (key and value: its first slot, rows of rowBytes, 16-byte aligned; with
// window > 0 each query sees its last `window` positions, with ring > 0
// position p lies in slot p mod ring), as the device
// computes it: every CTA's tiles loaded by the kernel's own functions, each
// warp's mma.sync computed from its lanes' fragments, the quads' reductions
// in the shuffles' order, then the merge of attention.cu. False for a head
// length the kernel does not take.
bool emulateTiledAttention(KvCacheType type, const uint8_t *key, const uint8_t *value, uint64_t rowBytes, int pos0,
                           int nTokens, const float *q, int nHeads, int nKvHeads, int headDim, int window, int ring,
                           float *out);

} // namespace modelatlas::engine::test
