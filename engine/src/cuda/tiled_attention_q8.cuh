#pragma once
// The Q8_0 cache's side of the tiled prompt attention: the arrangement, the
// online softmax and the F16 cache's side are in tiled_attention_tile.cuh. A
// cached row is Q8_0 blocks of 32 values, each an F16 scale and 32 int8.
//   S = Q K^T in int8: each lane quantises its rows' queries to Q8_0 exactly
//     as the CPU backend does for its integer dot (the scale from the whole
//     32-value block), so a block's products are exact int32 sums, two
//     mma.sync m16n8k16 s8 per block, scaled by the query's and the key's
//     block scales.
//   O += P V: the 32 dimensions of a value block share one scale per
//     position, so the weights are multiplied by it before their hi/lo split,
//     and the int8 values, exact as F16, take the F16 cache's value fragments.
//     The scale is taken 128 times (kQ8ValueLift, undone on the output):
//     P d is then about P max|v| rather than P max|v| / 127, above F16's
//     subnormals, where the lo half of a small weight would vanish; values
//     keep the F16 cache's range (|P d 128| < 65504 while max|v| is).

#include "cuda/chunk_decode.cuh"
#include "cuda/tiled_attention_tile.cuh"

#include "modelatlas/engine/runtime/kv_cache_type.h"

namespace modelatlas::engine::cuda::kernels {

template <int D>
struct alignas(16) TiledAttentionTileQ8 {
    static_assert(D % kKvQ8Block == 0, "the head is whole Q8_0 blocks");
    static constexpr int kBlocks = D / kKvQ8Block;
    int8_t key[kTiledKeys][D + 16];   // 16 bytes of padding shift each row by four banks
    float keyScale[kTiledKeys][kBlocks];
    float valueScale[kTiledKeys][kBlocks];
    uint16_t valueT[D][kTiledKeys + 8];   // the int8 values as F16 bits, a row per dimension
};

// Load task `task` (< kTiledKeys * D / 32) of the tile of positions p0 ..:
// one Q8_0 block of one position's key and value rows (2-byte aligned, as
// the cache packs them), position p from its slot (slotOf). Positions
// outside first .. last are zero. key and value point at the KV head's first
// block in the layer, rows of rowBytes.
template <int D>
MA_HOST_DEVICE inline void loadTiledKv(TiledAttentionTileQ8<D> &tile, const uint8_t *key, const uint8_t *value,
                                       uint64_t rowBytes, int p0, int first, int last, int ring, int task)
{
    constexpr int kBlocks = TiledAttentionTileQ8<D>::kBlocks;
    const int p = task / kBlocks, b = task % kBlocks;
    WeightChunk k = {}, v = {};
    if (p0 + p >= first && p0 + p <= last) {
        const uint64_t at = uint64_t(slotOf(p0 + p, ring)) * rowBytes;
        Q8_0Chunks::decode(key + at, b, k);
        Q8_0Chunks::decode(value + at, b, v);
    }
    storeChunk(&tile.key[p][kKvQ8Block * b], k.q);
    tile.keyScale[p][b] = k.scale[0];
    tile.valueScale[p][b] = v.scale[0];
#pragma unroll
    for (int i = 0; i < kKvQ8Block; ++i)
        tile.valueT[kKvQ8Block * b + i][p] = halfBitsOf(float(int8_t(uint8_t(v.q[i / 4] >> (8 * (i % 4))))));
}

MA_HOST_DEVICE __forceinline__ int nearestInt(float x)
{
#ifdef __CUDA_ARCH__
    return __float2int_rn(x);
#else
    return int(std::nearbyint(x));
#endif
}

// The lane's rows' queries as Q8_0 blocks: A fragments (int8 layout, see
// mma_tile.cuh) for each 16 values and each block's F16 scale, row g's in
// [0] and row g + 8's in [1].
template <int D>
struct TiledQueryQ8 {
    uint32_t a[D / 16][2];
    float scale[D / kKvQ8Block][2];
};

// Quantises as cpu::quantizeActivations(Q8_0): d = f16(amax / 127), q =
// nearest(x * 127 / amax) with the unrounded scale. Each lane reads its
// rows' whole blocks for their amax.
template <int D>
MA_HOST_DEVICE inline void loadTiledQuery(TiledQueryQ8<D> &query, const float *rowG, const float *rowG8, int lane)
{
    const int t = lane % 4;
    const float *rows[2] = {rowG, rowG8};
#pragma unroll
    for (int b = 0; b < D / kKvQ8Block; ++b) {
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const float *v = rows[r] + kKvQ8Block * b;
            float amax = 0.0f;
            for (int j = 0; j < kKvQ8Block; ++j)
                amax = fmaxf(amax, fabsf(v[j]));
            const float inverse = amax != 0.0f ? 127.0f / amax : 0.0f;
            query.scale[b][r] = halfBits(halfBitsOf(amax / 127.0f));
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                uint32_t word = 0;
#pragma unroll
                for (int i = 0; i < 4; ++i)
                    word |= uint32_t(uint8_t(int8_t(nearestInt(v[16 * h + 4 * t + i] * inverse)))) << (8 * i);
                query.a[2 * b + h][r] = word;
            }
        }
    }
}

// s (S n-tile nt) += c, the exact sums of value block b, times the row's
// query scale and the key's scale of that block.
template <int D>
MA_HOST_DEVICE __forceinline__ void addBlockScores(float (&s)[4], const int (&c)[4], const TiledQueryQ8<D> &query,
                                                   const TiledAttentionTileQ8<D> &tile, int nt, int b, int lane)
{
#pragma unroll
    for (int i = 0; i < 4; ++i)
        s[i] = fmaf(float(c[i]), query.scale[b][i / 2] * tile.keyScale[8 * nt + accumulatorToken(lane, i)][b], s[i]);
}

constexpr float kQ8ValueLift = 128.0f;

// The lane's keys' scales of value block b, times kQ8ValueLift, for the
// weights of keys 16 j .. +15 (probabilityFragments' factors).
template <int D>
MA_HOST_DEVICE __forceinline__ void valueBlockFactors(const TiledAttentionTileQ8<D> &tile, int j, int b, int lane,
                                                      float (&factor)[4])
{
    const int key = 16 * j + 2 * (lane % 4);
    factor[0] = tile.valueScale[key][b] * kQ8ValueLift;
    factor[1] = tile.valueScale[key + 1][b] * kQ8ValueLift;
    factor[2] = tile.valueScale[key + 8][b] * kQ8ValueLift;
    factor[3] = tile.valueScale[key + 9][b] * kQ8ValueLift;
}

// The tile, query, head stride and output scale of each cache type.
template <KvCacheType T, int D>
struct TiledCache {
    using Tile = TiledAttentionTile<D>;
    using Query = TiledQueryF16<D>;
    static constexpr uint64_t kHeadBytes = 2 * D;
    static constexpr float kOutScale = 1.0f;
};

template <int D>
struct TiledCache<KvCacheType::Q8_0, D> {
    using Tile = TiledAttentionTileQ8<D>;
    using Query = TiledQueryQ8<D>;
    static constexpr uint64_t kHeadBytes = D / kKvQ8Block * kKvQ8BlockBytes;
    static constexpr float kOutScale = 1.0f / kQ8ValueLift;
};

} // namespace modelatlas::engine::cuda::kernels
