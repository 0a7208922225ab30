#pragma once
// Matrix-vector and matrix-matrix products with weights in their GGUF types,
// used in place from the mapping.
//
// Activations are converted once per matmul into the "dot type" of the weight
// type, as the reference implementation does, so weights are never dequantised
// to F32: F16 weights meet F16 activations, Q8_0/Q4_0 meet Q8_0 (32-element
// blocks, f16 scale), K-quants meet Q8_K (256-element blocks, f32 scale, int16
// partial sums per 16). The quantised dot products are then exact integer
// sums per block, scaled once per block: the SIMD paths differ from the scalar
// reference only in the order of float additions.
//
// Prefill passes a batch of B activation rows: each is quantised once and
// every weight row meets all B of them while it is hot in L1/L2, which is
// where prefill speed comes from (the weights are streamed B times less often).

#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace modelatlas::engine::cpu {

class ThreadPool;

// The activation formats.
enum class ActType { F32, F16, BF16, Q8_0, Q8_K };

// Q8_K: what K-quant weights are multiplied with.
struct BlockQ8K {
    float d;              // scale: x ~= d * qs
    int8_t qs[256];
    int16_t bsums[16];    // sum of each 16 qs: folds the K-quants' per-sub-block mins in
};
static_assert(sizeof(BlockQ8K) == 292);

// True for weight types the CPU backend multiplies directly.
bool isSupportedWeightType(GgmlType type);
ActType actTypeFor(GgmlType weightType);
// Bytes of one activation row of n elements (n a multiple of the act block size).
size_t actRowBytes(ActType type, int n);
// Converts n floats to the activation format. Every path gives the same bytes
// (the SIMD quantisers repeat the scalar one's operations); the default is the
// scalar reference.
void quantizeActivations(ActType type, const float *x, void *dst, int n, KernelPath path = KernelPath::Scalar);

// dot(weight row, activation row) for n elements, both already in their formats.
using DotFn = float (*)(int n, const void *w, const void *x);
// The kernel for a weight type on a path; nullptr for unsupported types.
DotFn dotKernel(GgmlType weightType, KernelPath path);
// The summation order the reference uses when several tokens are multiplied at
// once (one fused 16-lane accumulator, reduced once; see cpu/reference_order.h)
// where it has one: F32/F16 rows of a multiple of 16 elements, BF16 of 32;
// nullptr otherwise, and then the reference takes dotKernel's one-token order
// for batches too. Its logits depend on which one ran, so batches (B >= 2) use
// this one when it exists.
DotFn dotKernelBatched(GgmlType weightType, KernelPath path, int n);

// A 2-D weight as stored: `rows` rows of `cols` elements (ggml ne[1] x ne[0]),
// rows contiguous, each rowBytes long.
struct WeightMatrix {
    GgmlType type = GgmlType::F32;
    const uint8_t *data = nullptr;   // in place, in the file mapping
    int rows = 0;                    // output features
    int cols = 0;                    // input features
    size_t rowBytes = 0;
    const uint8_t *row(int r) const { return data + size_t(r) * rowBytes; }
};

// Scratch for the quantised activations of one matmul input, reused across
// matmuls that read the same input (q, k and v all read the normed x).
// Call invalidate() whenever the float input changes.
struct ActBuffer {
    std::vector<uint8_t> bytes;   // (B, actRowBytes(type, cols))
    std::vector<uint8_t> packed;  // the multi-token tiles' per-matmul side buffer (gemm_tiles.h)
    const float *src = nullptr;
    ActType type = ActType::F32;
    int rows = 0;
    int cols = 0;
    size_t rowBytes = 0;
    bool valid = false;
    void invalidate() { valid = false; }
};

// y (B, w.rows) = x (B, w.cols) * w^T, rows split across the pool.
void matmul(const WeightMatrix &w, const float *x, int B, float *y, ActBuffer &act, ThreadPool &pool,
            KernelPath path);

// Attention's F16 dots: out[g * outStride + r] = the F16 dot of cache row r
// (rows + r * stride, n F16 values) with vector g (x + g * xStride, n floats
// that are F16 values: a query rounded to F16, or probabilities rounded so),
// for r < count and g < nx <= kMaxSharedDots, in dotKernel(F16)'s one-token
// order (any n) or, batched, in dotKernelBatched(F16)'s (n a multiple of 16).
// Every path gives the same floats. The nx vectors are the query heads of one
// GQA group: a long row (the transposed value cache's) is widened once for all.
constexpr int kMaxSharedDots = 8;
struct SharedF16Dots {
    int n = 0;
    const void *rows = nullptr;
    size_t stride = 0;
    int count = 0;
    const float *x = nullptr;
    size_t xStride = 0;
    int nx = 1;
    bool batched = false;
    float *out = nullptr;
    size_t outStride = 0;
};
void dotF16RowsShared(const SharedF16Dots &d, KernelPath path);
// Attention over a Q8_0 cache, the query heads of one GQA group at once:
// `count` cache rows (rows + r * stride, n values in Q8_0 blocks, n a multiple
// of 32) against nx <= kMaxSharedDots heads. Each row is read once for all of
// them. Every path gives the same floats.
struct SharedQ8_0Rows {
    int n = 0;
    const void *rows = nullptr;
    size_t stride = 0;
    int count = 0;
    int nx = 1;
    float *out = nullptr;
    size_t outStride = 0;
};
// Scores: out[g * outStride + r] = dotKernel(Q8_0)'s dot of row r (the keys)
// with query g, Q8_0 blocks at x + g * xStride bytes.
void dotQ8_0RowsShared(const SharedQ8_0Rows &d, const void *x, size_t xStride, KernelPath path);
// Value mix: out[g * outStride + i] = the sum over rows r of w[g * wStride + r]
// times row r's value i, rows in order, each term one fused multiply-add of
// (w times the block's scale) and the int8 value, from zero.
void mixQ8_0RowsShared(const SharedQ8_0Rows &d, const float *w, size_t wStride, KernelPath path);
// F32 -> F16 (round to nearest even), F16C when the CPU has it: same bits either way.
void f32ToF16Row(const float *x, void *dst, int n);
// x[i] = f16ToF32(f32ToF16(x[i])): n floats rounded to F16 precision in place, F16C when the CPU has it.
void roundToF16(float *x, int n);

// One weight row dequantised to F32 (embedding lookups).
void dequantizeRow(const WeightMatrix &w, int r, float *out);

} // namespace modelatlas::engine::cpu
