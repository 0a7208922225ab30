// Host emulation of mma.sync (see cuda_mma_emulation.h).
#include "cuda_mma_emulation.h"

#include "cuda/block_dot.cuh"

namespace modelatlas::engine::test {

void emulateMmaS8(const uint32_t (&a)[kLanes][2], const uint32_t (&b)[kLanes], int (&c)[kLanes][4])
{
    auto byteOf = [](uint32_t word, int i) { return int(int8_t(uint8_t(word >> (8 * i)))); };
    int A[16][16] = {}, B[16][8] = {};
    for (int l = 0; l < kLanes; ++l) {
        const int g = l / 4, t = l % 4;
        for (int i = 0; i < 4; ++i) {
            A[g][4 * t + i] = byteOf(a[l][0], i);
            A[g + 8][4 * t + i] = byteOf(a[l][1], i);
            B[4 * t + i][g] = byteOf(b[l], i);
        }
    }
    for (int l = 0; l < kLanes; ++l) {
        const int g = l / 4, t = l % 4;
        for (int i = 0; i < 4; ++i) {
            int sum = 0;
            for (int k = 0; k < 16; ++k)
                sum += A[g + 8 * (i / 2)][k] * B[k][2 * t + i % 2];
            c[l][i] = sum;
        }
    }
}

void emulateMmaF16(const uint32_t (&a)[kLanes][4], const uint32_t (&b)[kLanes][2], float (&c)[kLanes][4])
{
    using cuda::kernels::halfBits;
    auto lowHalf = [](uint32_t word) { return halfBits(uint16_t(word & 0xffffu)); };
    auto highHalf = [](uint32_t word) { return halfBits(uint16_t(word >> 16)); };
    float A[16][16] = {}, B[16][8] = {};
    for (int l = 0; l < kLanes; ++l) {
        const int g = l / 4, t = l % 4;
        for (int r = 0; r < 4; ++r) {
            const int row = g + 8 * (r % 2), col = 2 * t + 8 * (r / 2);
            A[row][col] = lowHalf(a[l][r]);
            A[row][col + 1] = highHalf(a[l][r]);
        }
        for (int r = 0; r < 2; ++r) {
            B[2 * t + 8 * r][g] = lowHalf(b[l][r]);
            B[2 * t + 8 * r + 1][g] = highHalf(b[l][r]);
        }
    }
    for (int l = 0; l < kLanes; ++l) {
        const int g = l / 4, t = l % 4;
        for (int i = 0; i < 4; ++i) {
            double sum = c[l][i];
            for (int k = 0; k < 16; ++k)
                sum += double(A[g + 8 * (i / 2)][k]) * double(B[k][2 * t + i % 2]);
            c[l][i] = float(sum);
        }
    }
}

} // namespace modelatlas::engine::test
