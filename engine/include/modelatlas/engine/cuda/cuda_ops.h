#pragma once
// The element-wise and per-row operations of a forward pass on the device, in
// F32, following the CPU reference (cpu/ops.h) closely enough for a tight
// tolerance, plus moving activations between host and device. All pointers
// to device memory; kernels run asynchronously on `stream` (default: the
// legacy default stream). CUDA builds only, like every header of this folder
// but cuda_device.h, cuda_backend.h and backend_choice.h.

#include "modelatlas/engine/cpu/ops.h"
#include "modelatlas/engine/result.h"

#include <cuda_runtime_api.h>

#include <cstdint>

namespace modelatlas::engine::cuda {

// out = x / sqrt(mean(x^2) + eps) * weight for each of `rows` rows of n; out may alias x.
Result<void> rmsNorm(float *out, const float *x, const float *weight, int n, int rows, float eps,
                     cudaStream_t stream = nullptr);

// Rotates the first ropeDim dims of each head in place; x holds nTokens rows of
// nHeads * headDim, token t at position pos0 + t. freqFactors (ropeDim / 2
// values on the device, Llama 3.1+ rope_freqs) may be null; freqScale is
// 1 / the linear scaling factor (cpu::ropeTable). With devicePos0 the kernel
// reads pos0 there instead (a CUDA graph replayed at every position).
Result<void> rope(float *x, int nTokens, int nHeads, int headDim, int ropeDim, int pos0, float freqBase,
                  const float *freqFactors, float freqScale, cpu::RopeStyle style, cudaStream_t stream = nullptr,
                  const int *devicePos0 = nullptr);

// gate = silu(gate) * up over n values.
Result<void> swiglu(float *gate, const float *up, int64_t n, cudaStream_t stream = nullptr);

// gate = gelu(gate) * up over n values: Gemma's GeGLU, GELU in its tanh form.
Result<void> geglu(float *gate, const float *up, int64_t n, cudaStream_t stream = nullptr);

// x += y over n values: residual connections.
Result<void> addInPlace(float *x, const float *y, int64_t n, cudaStream_t stream = nullptr);

// Adds v (width values) to each of the rows of x: biases.
Result<void> addToRows(float *x, const float *v, int width, int rows, cudaStream_t stream = nullptr);

Result<void> copyToDevice(void *deviceDst, const void *hostSrc, uint64_t bytes);
Result<void> copyToHost(void *hostDst, const void *deviceSrc, uint64_t bytes);
// Waits for the queued kernels; returns the first fault any of them hit.
Result<void> synchronize();

} // namespace modelatlas::engine::cuda
