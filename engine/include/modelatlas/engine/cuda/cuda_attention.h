#pragma once
// Decode attention on the device: the session's F16 KV cache and split-KV
// ("flash decoding") attention of one query token over it. Splitting the
// cached positions over CTAs keeps every SM busy at any context length, where
// one CTA per head would leave most of an H100 idle for 32 heads.

#include "modelatlas/engine/result.h"

#include <cstdint>

namespace modelatlas::engine::cuda {

// K and V of every past position, F16 bits, laid out (layer, position, kvDim)
// as on the CPU (runtime/run_state.h). Device pointers owned by the caller.
struct DeviceKvCache {
    int nLayers = 0;
    int contextLength = 0;
    int kvDim = 0;
    uint16_t *key = nullptr;
    uint16_t *value = nullptr;

    uint64_t bytesPerTensor() const { return uint64_t(nLayers) * uint64_t(contextLength) * uint64_t(kvDim) * 2; }
};

// The longest head the attention kernel takes (its query lives in shared memory).
inline constexpr int kMaxAttentionHeadDim = 256;

// Writes one token's K and V (kvDim floats each, on the device) at `pos` of
// `layer`, rounded to F16 (nearest even, as on the CPU).
Result<void> storeKv(const DeviceKvCache &kv, int layer, int pos, const float *k, const float *v);

// Device scratch attentionDecode needs for a cache of `contextLength` positions.
uint64_t attentionScratchBytes(int nHeads, int headDim, int contextLength);

// out (nHeads * headDim) = softmax(q K^T / sqrt(headDim)) V for one query token
// at `pos` over cached positions 0..pos of `layer`; query head h reads KV head
// h / (nHeads / nKvHeads). The query is rounded to F16 before the dot products,
// as the CPU backend does. scratch: attentionScratchBytes() on the device.
Result<void> attentionDecode(const DeviceKvCache &kv, int layer, int pos, const float *q, int nHeads, int nKvHeads,
                             int headDim, float *scratch, float *out);

} // namespace modelatlas::engine::cuda
