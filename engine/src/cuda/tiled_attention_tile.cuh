#pragma once
// The tile of the tensor-core prompt attention (tiled_attention.cu), a
// FlashAttention-2 arrangement over the F16 cache. A CTA of four warps takes
// 64 query rows of one KV head, a row being a (token, head of the group)
// pair, so that the group's heads share every K/V tile the CTA reads. It
// walks one split of the cached positions (attention_partials.cuh), 64
// positions per tile. Warp w owns rows 16 w .. +15; lane l = 4 g + t holds
// rows g and g + 8 of them:
//   S = Q K^T: the queries, rounded to F16 as the CPU backend rounds them,
//     stay in registers as A fragments; the key tile in shared memory (a row
//     per position) gives the B fragments. F16 products are exact, so the f32
//     sums differ from the CPU's only in their order.
//   online softmax: a row's 64 scores lie in the four lanes of a quad, which
//     combine their maxima and, at the end, their sums.
//   O += P V: the score accumulators of n-tiles 2j and 2j + 1 are, register
//     for register, the A fragment of P for keys 16 j .. +15. P is split into
//     hi and lo halves (mma_tile_f16.cuh), so the weights keep about 22 bits
//     as in the split kernel's f32 arithmetic. The value tile is stored
//     transposed (a row per dimension) so that its B fragments are word loads.
// Everything here is host code too: tests run the kernel lane by lane
// (tests/engine/cuda_tiled_attention_host.cu).

#include "cuda/attention_partials.cuh"
#include "cuda/mma_tile_f16.cuh"

#include <cmath>

namespace modelatlas::engine::cuda::kernels {

constexpr int kTiledRows = 64;       // query rows per CTA
constexpr int kTiledThreads = 128;   // four warps
constexpr int kTiledWarpRows = 16;   // the m of one mma
constexpr int kTiledKeys = 64;       // cached positions per tile
constexpr int kTiledKeyTiles = kTiledKeys / 8;    // S n-tiles of a warp
constexpr int kTiledKeySteps = kTiledKeys / 16;   // P V k-steps of a tile
static_assert(kSplitPositions % kTiledKeys == 0, "a split is whole tiles");

template <int D>
struct alignas(16) TiledAttentionTile {
    static_assert(D % 16 == 0, "the head is whole mma k-steps");
    // 8 halves of padding shift each row by four banks (as kF16RowHalves).
    uint16_t key[kTiledKeys][D + 8];
    uint16_t valueT[D][kTiledKeys + 8];
};

// A query row: its token in the batch and its head in the model.
struct TiledRow {
    int token;
    int head;
};

// Row r of the CTA's row block `block`, for KV head kvHead: rows run over
// (token, head of the group) pairs, token-major. Rows past the batch repeat
// its last row: computed like it, never stored (tiledRowStored).
MA_HOST_DEVICE __forceinline__ TiledRow tiledRow(int block, int r, int kvHead, int group, int nTokens)
{
    const int last = nTokens * group - 1;
    const int i = block * kTiledRows + r;
    const int row = i < last ? i : last;
    return {row / group, kvHead * group + row % group};
}

MA_HOST_DEVICE __forceinline__ bool tiledRowStored(int block, int r, int group, int nTokens)
{
    return block * kTiledRows + r < nTokens * group;
}

// The positions a CTA walks in split `split`, whole tiles from `first` to
// `last`: from the split's start, or from the tile holding the first
// position its first row's window shows, up to its last row's position. None
// (first > last) when the split lies past its rows or before their windows.
struct TiledSpan {
    int first;
    int last;
    int visible;   // the first position any of the CTA's rows sees
};
MA_HOST_DEVICE inline TiledSpan tiledSpan(int split, int ctaFirstPos, int ctaLastPos, int window)
{
    const int start = split * kSplitPositions, end = start + kSplitPositions - 1;
    const int visible = firstVisible(ctaFirstPos, window);
    const int tileOfVisible = visible / kTiledKeys * kTiledKeys;
    return {start > tileOfVisible ? start : tileOfVisible, end < ctaLastPos ? end : ctaLastPos, visible};
}

// Load task `task` (< kTiledKeys * D / 8) of the tile of positions p0 ..:
// 8 values of one position's key and value rows, position p from its slot
// (slotOf: a window layer's ring). Positions outside first .. last are zero,
// so that whatever the cache holds there cannot reach the sums. key and
// value point at the KV head's first value in the layer, rows of rowBytes,
// 16-byte aligned.
template <int D>
MA_HOST_DEVICE inline void loadTiledKv(TiledAttentionTile<D> &tile, const uint8_t *key, const uint8_t *value,
                                       uint64_t rowBytes, int p0, int first, int last, int ring, int task)
{
    constexpr int kGroups = D / 8;
    const int p = task / kGroups, v = 8 * (task % kGroups);
    uint4 k = make_uint4(0, 0, 0, 0), val = k;
    if (p0 + p >= first && p0 + p <= last) {
        const uint64_t at = uint64_t(slotOf(p0 + p, ring)) * rowBytes + 2 * uint64_t(v);
        k = *reinterpret_cast<const uint4 *>(key + at);
        val = *reinterpret_cast<const uint4 *>(value + at);
    }
    *reinterpret_cast<uint4 *>(&tile.key[p][v]) = k;
    const uint32_t words[4] = {val.x, val.y, val.z, val.w};
#pragma unroll
    for (int i = 0; i < 8; ++i)
        tile.valueT[v + i][p] = uint16_t(words[i / 2] >> (16 * (i % 2)));
}

// The lane's A fragments of its two rows' queries (D floats at rowG and at
// rowG8), rounded to F16, for each 16 values of the head.
template <int D>
struct TiledQueryF16 {
    uint32_t a[D / 16][4];
};

template <int D>
MA_HOST_DEVICE inline void loadTiledQuery(TiledQueryF16<D> &query, const float *rowG, const float *rowG8, int lane)
{
    const int t = lane % 4;
#pragma unroll
    for (int ks = 0; ks < D / 16; ++ks) {
        const int c = 16 * ks + 2 * t;
        query.a[ks][0] = packHalves(rowG[c], rowG[c + 1]);
        query.a[ks][1] = packHalves(rowG8[c], rowG8[c + 1]);
        query.a[ks][2] = packHalves(rowG[c + 8], rowG[c + 9]);
        query.a[ks][3] = packHalves(rowG8[c + 8], rowG8[c + 9]);
    }
}

// The lane's scores of the tile at p0 (n-tile nt holds keys p0 + 8 nt +
// accumulatorToken), scaled; a key past its row's position (rowPos[0] for
// row g, rowPos[1] for g + 8) gets -inf, the causal mask, and so does one
// before the row's window (rowFirst, firstVisible).
MA_HOST_DEVICE inline void maskScores(float (&s)[kTiledKeyTiles][4], int p0, const int (&rowFirst)[2],
                                      const int (&rowPos)[2], float scale, int lane)
{
#pragma unroll
    for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            const int keyPos = p0 + 8 * nt + accumulatorToken(lane, i);
            s[nt][i] = keyPos >= rowFirst[i / 2] && keyPos <= rowPos[i / 2] ? s[nt][i] * scale : -INFINITY;
        }
    }
}

// The largest of the lane's scores of each of its rows.
MA_HOST_DEVICE inline void rowMaxima(const float (&s)[kTiledKeyTiles][4], float (&m)[2])
{
    m[0] = m[1] = -INFINITY;
#pragma unroll
    for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
#pragma unroll
        for (int i = 0; i < 4; ++i)
            m[i / 2] = fmaxf(m[i / 2], s[nt][i]);
    }
}

// One step of the online softmax, lane-local (tileMax is already the
// quad's): raises each row's running max, rescales its running sum and
// output by exp(old max - new max), turns the scores into exp(score - max)
// and adds them to the lane's part of the sum. A row that has seen no
// visible key keeps max -inf and weights 0.
template <int D>
MA_HOST_DEVICE inline void softmaxStep(float (&s)[kTiledKeyTiles][4], const float (&tileMax)[2],
                                       float (&runMax)[2], float (&runSum)[2], float (&o)[D / 8][4])
{
    float alpha[2], reference[2];
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        const float m = fmaxf(runMax[r], tileMax[r]);
        reference[r] = m == -INFINITY ? 0.0f : m;
        alpha[r] = expf(runMax[r] - reference[r]);
        runMax[r] = m;
        runSum[r] *= alpha[r];
    }
#pragma unroll
    for (int nt = 0; nt < kTiledKeyTiles; ++nt) {
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            s[nt][i] = expf(s[nt][i] - reference[i / 2]);
            runSum[i / 2] += s[nt][i];
        }
    }
#pragma unroll
    for (int nt = 0; nt < D / 8; ++nt) {
#pragma unroll
        for (int i = 0; i < 4; ++i)
            o[nt][i] *= alpha[i / 2];
    }
}

// The A fragments, hi and lo halves, of the weights of keys 16 j .. +15,
// each multiplied by its key's factor (keys 2t, 2t + 1, 2t + 8, 2t + 9 of the
// 16: 1 for an F16 cache, the value block's scales for Q8_0): accumulators
// 0-1 of n-tile 2 j are row g's first pair, 2-3 row g + 8's, and n-tile
// 2 j + 1 gives the pairs 8 keys on.
MA_HOST_DEVICE __forceinline__ void probabilityFragments(const float (&s)[kTiledKeyTiles][4], int j,
                                                         const float (&factor)[4], uint32_t (&hi)[4],
                                                         uint32_t (&lo)[4])
{
#pragma unroll
    for (int r = 0; r < 4; ++r) {
        const float(&n)[4] = s[2 * j + r / 2];
        const int pair = 2 * (r / 2);
        splitHalves(n[2 * (r % 2)] * factor[pair], n[2 * (r % 2) + 1] * factor[pair + 1], hi[r], lo[r]);
    }
}

// The lane's part of its rows' partials: slot[r] is row r's (g, g + 8)
// slot, -1 for a row not stored; the out values times outScale, and from
// lane t = 0 the max and the quad's sum (quadSum).
template <int D>
MA_HOST_DEVICE inline void storeTiledPartials(const float (&o)[D / 8][4], float outScale, const float (&runMax)[2],
                                              const float (&quadSum)[2], const int64_t (&slot)[2], int lane,
                                              const Partials &partials)
{
    const int t = lane % 4;
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        if (slot[r] < 0)
            continue;
        float *out = partials.out + uint64_t(slot[r]) * D;
#pragma unroll
        for (int nt = 0; nt < D / 8; ++nt) {
            out[8 * nt + 2 * t] = o[nt][2 * r] * outScale;
            out[8 * nt + 2 * t + 1] = o[nt][2 * r + 1] * outScale;
        }
        if (t == 0) {
            partials.max[slot[r]] = runMax[r];
            partials.sum[slot[r]] = quadSum[r];
        }
    }
}

} // namespace modelatlas::engine::cuda::kernels
