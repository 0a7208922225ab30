#pragma once
// The first half of sampling on the device (runtime/sampler.h): the
// repetition penalty and the selection of the best candidates, so a decode
// step copies k tokens to the host instead of the vocabulary's logits.
// Device pointers; asynchronous on `stream`. CUDA builds only.

#include "modelatlas/engine/result.h"
#include "modelatlas/engine/runtime/sampler.h"

#include <cuda_runtime_api.h>

namespace modelatlas::engine::cuda {

// out = logits (vocab values), the logits of ids (nIds distinct token ids)
// changed as Sampler's repetition penalty does: positive ones divided by
// `penalty`, others multiplied.
Result<void> penaliseLogits(const float *logits, int vocab, const int32_t *ids, int nIds, float penalty, float *out,
                            cudaStream_t stream = nullptr);

// The k (1..n) largest of values[0..n) with their indices, ties to the lower
// index, into out (k entries) in no particular order.
Result<void> selectTopK(const float *values, int n, int k, TokenLogit *out, cudaStream_t stream = nullptr);

} // namespace modelatlas::engine::cuda
