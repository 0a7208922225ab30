#pragma once
// A loaded Model's weights on one device, in their GGUF types. The token
// embedding stays in host memory (decode looks up one row per token there);
// when the output projection is tied to it, that matrix is uploaded as `output`.

#include "modelatlas/engine/cuda/device_allocator.h"
#include "modelatlas/engine/cuda/device_matrix.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/result.h"

#include <vector>

namespace modelatlas::engine::cuda {

struct DeviceLayerWeights {
    const float *attnNorm = nullptr;
    DeviceMatrix wq, wk, wv, wo;
    const float *bq = nullptr, *bk = nullptr, *bv = nullptr;   // qwen2
    const float *qNorm = nullptr, *kNorm = nullptr;            // qwen3
    const float *attnPostNorm = nullptr;                       // gemma3
    const float *ffnNorm = nullptr;
    DeviceMatrix wGate, wUp, wDown;
    const float *ffnPostNorm = nullptr;                        // gemma3
};

struct DeviceWeights {
    std::vector<DeviceLayerWeights> layers;
    const float *outputNorm = nullptr;
    DeviceMatrix output;
    const float *ropeFreqs = nullptr;   // null unless the model has rope_freqs
};

// Uploads every weight, category Weights. On error the allocator still holds
// what was uploaded so far; destroying it frees that.
Result<DeviceWeights> uploadWeights(DeviceAllocator &allocator, const Model &model);

} // namespace modelatlas::engine::cuda
