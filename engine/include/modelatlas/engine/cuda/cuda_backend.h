#pragma once
// The CUDA backend of a Session: the model's weights uploaded to one GPU in
// their GGUF types, an F16 or Q8_0 KV cache there, and each forward pass run as one
// chain of kernels (cuda_ops.h, cuda_attention.h, device_matrix.h) over a
// token (decode) or a batch of up to 64 (prompts). Everything it allocates is
// freed with it.

#include "modelatlas/engine/runtime/backend.h"

#include <memory>

namespace modelatlas::engine::cuda {

// The longest head the attention kernel takes (its query lives in shared memory).
inline constexpr int kMaxAttentionHeadDim = 256;

// Errors say why the GPU cannot run this model: no driver or device, a weight
// type or head size without a kernel, or not enough device memory (naming
// what did not fit).
// params.batchSize is ignored: prompts go through in batches of the backend's own size (maxBatch()).
Result<std::unique_ptr<Backend>> makeCudaBackend(std::shared_ptr<const Model> model, const BackendParams &params,
                                                 int device);

} // namespace modelatlas::engine::cuda
