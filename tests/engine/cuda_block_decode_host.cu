// Host build of the kernels' block decoding (see cuda_block_decode_host.h).
#include "cuda_block_decode_host.h"

#include "cuda/block_dot.cuh"

#include <cmath>

namespace modelatlas::engine::test {

namespace {

constexpr int kLanes = 32;

template <class Rows>
float warpRowDot(const uint8_t *row, const uint8_t *act, int cols)
{
    const int nBlocks = cols / Rows::kElems;
    const int nSlices = nBlocks * Rows::kSlices;
    float lanes[kLanes] = {};
    for (int lane = 0; lane < kLanes; ++lane) {
        for (int s = lane; s < nSlices; s += kLanes) {
            const int b = s / Rows::kSlices;
            Rows::accumulate(lanes[lane], row + size_t(b) * Rows::kBytes, s % Rows::kSlices,
                             act + size_t(b) * Rows::kActBytes);
        }
        if constexpr (Rows::kHasTail) {
            for (int i = nBlocks * Rows::kElems + lane; i < cols; i += kLanes)
                lanes[lane] = std::fma(Rows::element(row, i), reinterpret_cast<const float *>(act)[i], lanes[lane]);
        }
    }
    // warpSum: every lane adds its partner's value at xor distance 16, 8, 4, 2, 1.
    for (int offset = kLanes / 2; offset > 0; offset /= 2) {
        float next[kLanes];
        for (int lane = 0; lane < kLanes; ++lane)
            next[lane] = lanes[lane] + lanes[lane ^ offset];
        for (int lane = 0; lane < kLanes; ++lane)
            lanes[lane] = next[lane];
    }
    return lanes[0];
}

} // namespace

bool emulateWarpRowDot(GgmlType type, const uint8_t *row, const uint8_t *act, int cols, float &out)
{
    using namespace cuda::kernels;
    switch (type) {
    case GgmlType::F32: out = warpRowDot<F32Rows>(row, act, cols); return true;
    case GgmlType::F16: out = warpRowDot<F16Rows>(row, act, cols); return true;
    case GgmlType::BF16: out = warpRowDot<BF16Rows>(row, act, cols); return true;
    case GgmlType::Q8_0: out = warpRowDot<Q8_0Rows>(row, act, cols); return true;
    case GgmlType::Q4_0: out = warpRowDot<Q4_0Rows>(row, act, cols); return true;
    case GgmlType::Q4_K: out = warpRowDot<Q4_KRows>(row, act, cols); return true;
    case GgmlType::Q5_K: out = warpRowDot<Q5_KRows>(row, act, cols); return true;
    case GgmlType::Q6_K: out = warpRowDot<Q6_KRows>(row, act, cols); return true;
    default: return false;
    }
}

} // namespace modelatlas::engine::test
