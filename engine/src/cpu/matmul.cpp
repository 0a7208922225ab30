// Activation conversion, kernel dispatch and the threaded matmul loop.
#include "modelatlas/engine/cpu/matmul.h"

#include "cpu/dot_kernels.h"
#include "cpu/gemm_tiles.h"
#include "cpu/reference_order.h"
#include "modelatlas/engine/cpu/thread_pool.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"

#include <atomic>
#include <cassert>
#include <cmath>
#include <cstring>

namespace modelatlas::engine::cpu {

bool isSupportedWeightType(GgmlType type)
{
    return dotKernel(type, KernelPath::Scalar) != nullptr;
}

ActType actTypeFor(GgmlType weightType)
{
    switch (weightType) {
    case GgmlType::F16: return ActType::F16;
    case GgmlType::BF16: return ActType::BF16;
    case GgmlType::Q8_0:
    case GgmlType::Q4_0:
    case GgmlType::Q5_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_1: return ActType::Q8_0;
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K: return ActType::Q8_K;
    default: return ActType::F32;
    }
}

size_t actRowBytes(ActType type, int n)
{
    switch (type) {
    case ActType::F32: return size_t(n) * 4;
    case ActType::F16:
    case ActType::BF16: return size_t(n) * 2;
    case ActType::Q8_0: return size_t(n / 32) * sizeof(blocks::Q8_0);
    case ActType::Q8_K: return size_t(n / 256) * sizeof(BlockQ8K);
    }
    return 0;
}

namespace {

// As the reference's quantize_row_q8_0: d = max|x| / 127 stored as f16, q = round(x / d)
// with the unrounded d.
void quantizeQ8_0(const float *x, void *dst, int n)
{
    auto *out = static_cast<uint8_t *>(dst);
    for (int b = 0; b < n / 32; ++b) {
        const float *v = x + 32 * b;
        float amax = 0.0f;
        for (int j = 0; j < 32; ++j)
            amax = std::fmax(amax, std::fabs(v[j]));
        const float d = amax / 127.0f;
        const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        blocks::Q8_0 blk;
        blk.d = f32ToF16(d);
        for (int j = 0; j < 32; ++j)
            blk.qs[j] = int8_t(std::nearbyint(v[j] * id));
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}

// As the reference's quantize_row_q8_K: the scale comes from the value of
// largest magnitude (sign included), q = nearest(-127/max * x) capped at 127.
void quantizeQ8_K(const float *x, void *dst, int n)
{
    auto *out = static_cast<BlockQ8K *>(dst);
    for (int b = 0; b < n / 256; ++b) {
        const float *v = x + 256 * b;
        BlockQ8K &blk = out[b];
        float max = 0.0f, amax = 0.0f;
        for (int j = 0; j < 256; ++j) {
            const float ax = std::fabs(v[j]);
            if (ax > amax) {
                amax = ax;
                max = v[j];
            }
        }
        if (amax == 0.0f) {
            blk.d = 0.0f;
            std::memset(blk.qs, 0, sizeof blk.qs);
            std::memset(blk.bsums, 0, sizeof blk.bsums);
            continue;
        }
        const float iscale = -127.0f / max;
        for (int j = 0; j < 256; ++j) {
            const int q = int(std::nearbyint(iscale * v[j]));
            blk.qs[j] = int8_t(q < 127 ? q : 127);
        }
        for (int j = 0; j < 16; ++j) {
            int s = 0;
            for (int l = 0; l < 16; ++l)
                s += blk.qs[16 * j + l];
            blk.bsums[j] = int16_t(s);
        }
        blk.d = 1.0f / iscale;
    }
}

} // namespace

void quantizeActivations(ActType type, const float *x, void *dst, int n, KernelPath path)
{
    const bool simd = path != KernelPath::Scalar;
    switch (type) {
    case ActType::F32:
        std::memcpy(dst, x, size_t(n) * 4);
        return;
    case ActType::F16: f32ToF16Row(x, dst, n); return;
    case ActType::BF16: {
        auto *out = static_cast<uint8_t *>(dst);
        for (int i = 0; i < n; ++i) {
            const uint16_t h = f32ToBf16(x[i]);
            std::memcpy(out + 2 * i, &h, 2);
        }
        return;
    }
    case ActType::Q8_0: simd ? kernels::quantizeQ8_0Avx2(x, dst, n) : quantizeQ8_0(x, dst, n); return;
    case ActType::Q8_K: simd ? kernels::quantizeQ8_KAvx2(x, dst, n) : quantizeQ8_K(x, dst, n); return;
    }
}

DotFn dotKernel(GgmlType t, KernelPath path)
{
    const bool simd = path != KernelPath::Scalar;
    using namespace kernels;
    switch (t) {
    case GgmlType::F32: return simd ? dotF32Avx2 : dotF32Scalar;
    case GgmlType::F16: return simd ? dotF16Avx2 : dotF16Scalar;
    case GgmlType::BF16: return simd ? dotBF16Avx2 : dotBF16Scalar;
    case GgmlType::Q8_0: return simd ? dotQ8_0Avx2 : dotQ8_0Scalar;
    case GgmlType::Q4_0: return simd ? dotQ4_0Avx2 : dotQ4_0Scalar;
    case GgmlType::Q5_0: return simd ? dotQ5_0Avx2 : dotQ5_0Scalar;
    case GgmlType::Q4_1: return simd ? dotQ4_1Avx2 : dotQ4_1Scalar;
    case GgmlType::Q5_1: return simd ? dotQ5_1Avx2 : dotQ5_1Scalar;
    case GgmlType::Q4_K: return simd ? dotQ4_KAvx2 : dotQ4_KScalar;
    case GgmlType::Q5_K: return simd ? dotQ5_KAvx2 : dotQ5_KScalar;
    case GgmlType::Q6_K: return simd ? dotQ6_KAvx2 : dotQ6_KScalar;
    default: return nullptr;
    }
}

DotFn dotKernelBatched(GgmlType t, KernelPath path, int n)
{
    const bool simd = path != KernelPath::Scalar;
    using namespace kernels;
    switch (t) {
    case GgmlType::F32: return n % 16 ? nullptr : simd ? dotF32BatchedAvx2 : dotF32BatchedScalar;
    case GgmlType::F16: return n % 16 ? nullptr : simd ? dotF16BatchedAvx2 : dotF16BatchedScalar;
    case GgmlType::BF16: return n % 32 ? nullptr : simd ? dotBF16BatchedAvx2 : dotBF16BatchedScalar;
    default: return nullptr;
    }
}

namespace {

// Runs fn(rowBegin, rowEnd) over [0, rows) in tiles of `tile` rows. Each
// thread owns a contiguous share of the tiles and takes them in order, so
// its weights are one sequential stream that the prefetches ahead of the
// kernels serve. Tiles are handed out one at a time, not fixed up front:
// a thread done with its share takes the next tiles of the others', so on a
// busy machine the share of a thread the OS has descheduled is taken over
// instead of leaving the others spinning at the barrier. A row's result does
// not depend on the thread computing it.
template <typename Fn>
void forEachRowTile(ThreadPool &pool, int rows, int tile, const Fn &fn)
{
    constexpr int kMaxShares = 64;
    const int nTiles = (rows + tile - 1) / tile;
    const int nShares = pool.size() < kMaxShares ? pool.size() : kMaxShares;
    std::atomic<int> next[kMaxShares];
    for (int k = 0; k < nShares; ++k) {
        int b, e;
        ThreadPool::split(nTiles, k, nShares, b, e);
        next[k].store(b, std::memory_order_relaxed);
    }
    pool.run([&](int ith, int) {
        for (int k = 0; k < nShares; ++k) {
            const int share = (ith + k) % nShares;
            int b, e;
            ThreadPool::split(nTiles, share, nShares, b, e);
            for (int t = next[share].fetch_add(1, std::memory_order_relaxed); t < e;
                 t = next[share].fetch_add(1, std::memory_order_relaxed)) {
                const int rb = t * tile;
                fn(rb, rb + tile < rows ? rb + tile : rows);
            }
        }
    });
}

// Matmuls through the multi-token tiles (gemm_tiles.h): pack the quantised
// activations where the tile needs it, then hand out row tiles of 64 rows (a
// tile's rows stay in L2 while every token passes over them).
void matmulTiles(const WeightMatrix &w, int B, float *y, ActBuffer &act, ThreadPool &pool, bool avx512)
{
    using namespace kernels;
    const size_t bytes = avx512 ? tilePackBytesAvx512(w.type, B, w.cols) : tilePackBytesAvx2(w.type, B, w.cols);
    if (bytes > 0) {
        if (act.packed.size() < bytes)
            act.packed.resize(bytes);
        const uint8_t *src = act.bytes.data();
        // Tokens [t0, t1), t0 even: the AVX-512 packs interleave token pairs.
        const auto pack = [&](int t0, int t1) {
            if (avx512)
                tilePackAvx512(w.type, w.cols, src, act.rowBytes, B, t0, t1, act.packed.data());
            else
                tilePackAvx2(w.type, w.cols, src, act.rowBytes, B, t0, t1, act.packed.data());
        };
        // Packing is O(B*cols), like quantising: a dispatch only pays for batches.
        const int nPairs = (B + 1) / 2;
        if (B >= 8) {
            pool.run([&](int ith, int nth) {
                int p0, p1;
                ThreadPool::split(nPairs, ith, nth, p0, p1);
                if (p0 < p1)
                    pack(2 * p0, 2 * p1 < B ? 2 * p1 : B);
            });
        } else {
            pack(0, B);
        }
    }
    const size_t rows = size_t(w.rows);
    forEachRowTile(pool, w.rows, 64, [&](int rb, int re) {
        if (avx512)
            tileGemmAvx512(w.type, w.cols, w.data, w.rowBytes, rb, re, act.bytes.data(), act.rowBytes,
                           act.packed.data(), B, y, rows);
        else
            tileGemmAvx2(w.type, w.cols, w.data, w.rowBytes, rb, re, act.bytes.data(), act.rowBytes,
                         act.packed.data(), B, y, rows);
    });
}

enum class TileKind { None, Avx2, Avx512 };

// Which multi-token tile takes a matmul, if any. One token takes a tile only
// where it keeps the one-token float order and gains: the K-quants (their
// tiles unpack a super-block's scales with SIMD, the dot kernels in scalar
// code) and the legacy quants (eight rows' running sums side by side in one vector). F16's
// one-token order differs from its batched one, and Q8_0's token-pair tile
// would leave half its lanes idle.
TileKind tileFor(GgmlType type, int cols, int B, KernelPath path)
{
    const bool oneTokenTile = type == GgmlType::Q4_0 || type == GgmlType::Q5_0 || type == GgmlType::Q4_1
                           || type == GgmlType::Q5_1 || type == GgmlType::Q4_K || type == GgmlType::Q5_K
                           || type == GgmlType::Q6_K;
    if (path == KernelPath::Scalar || (B == 1 && !oneTokenTile))
        return TileKind::None;
    if (path == KernelPath::Avx512 && kernels::hasTileAvx512(type, cols))
        return TileKind::Avx512;
    return kernels::hasTileAvx2(type, cols) ? TileKind::Avx2 : TileKind::None;
}

} // namespace

void matmul(const WeightMatrix &w, const float *x, int B, float *y, ActBuffer &act, ThreadPool &pool,
            KernelPath path)
{
    const ActType type = actTypeFor(w.type);
    if (!(act.valid && act.src == x && act.type == type && act.rows == B && act.cols == w.cols)) {
        act.src = x;
        act.type = type;
        act.rows = B;
        act.cols = w.cols;
        act.rowBytes = actRowBytes(type, w.cols);
        if (act.bytes.size() < act.rowBytes * size_t(B))
            act.bytes.resize(act.rowBytes * size_t(B));
        // Quantising is O(B*cols) against the matmul's O(B*cols*rows): split
        // across threads only for batches, where it is worth a dispatch.
        if (B >= 8) {
            pool.run([&](int ith, int nth) {
                int t0, t1;
                ThreadPool::split(B, ith, nth, t0, t1);
                for (int t = t0; t < t1; ++t)
                    quantizeActivations(type, x + size_t(t) * w.cols, act.bytes.data() + t * act.rowBytes, w.cols,
                                        path);
            });
        } else {
            for (int t = 0; t < B; ++t)
                quantizeActivations(type, x + size_t(t) * w.cols, act.bytes.data() + t * act.rowBytes, w.cols,
                                    path);
        }
        act.valid = true;
    }
    switch (tileFor(w.type, w.cols, B, path)) {
    case TileKind::Avx512: matmulTiles(w, B, y, act, pool, true); return;
    case TileKind::Avx2: matmulTiles(w, B, y, act, pool, false); return;
    case TileKind::None: break;
    }
    const DotFn batched = B >= 2 ? dotKernelBatched(w.type, path, w.cols) : nullptr;
    const DotFn dot = batched ? batched : dotKernel(w.type, path);
    // Four rows at a time for the batched F32 order on AVX2 (same results; F16
    // batches take the tiles above).
    using Dot4Fn = void (*)(int, const void *, size_t, const void *, float *);
    const Dot4Fn batched4 =
        batched && path != KernelPath::Scalar && w.type == GgmlType::F32 ? kernels::dotF32Batched4Avx2 : nullptr;
    assert(dot);
    const uint8_t *xq = act.bytes.data();
    const size_t xStride = act.rowBytes;
    const int rows = w.rows, cols = w.cols;
    // Tiles of 16 rows x all tokens: a tile's weight rows stay in L1/L2 while
    // every token of the batch passes over them.
    forEachRowTile(pool, rows, 16, [&](int rb, int re) {
        for (int t = 0; t < B; ++t) {
            const uint8_t *xt = xq + size_t(t) * xStride;
            float *yt = y + size_t(t) * rows;
            int r = rb;
            if (batched4) {
                for (; r + 4 <= re; r += 4)
                    batched4(cols, w.row(r), w.rowBytes, xt, yt + r);
            }
            for (; r < re; ++r)
                yt[r] = dot(cols, w.row(r), xt);
        }
    });
}

void dotF16RowsShared(const SharedF16Dots &d, KernelPath path)
{
    assert(d.nx >= 1 && d.nx <= kMaxSharedDots && (!d.batched || d.n % kRefLanes == 0));
    if (path != KernelPath::Scalar)
        kernels::dotF16RowsSharedAvx2(d);
    else
        kernels::dotF16RowsSharedScalar(d);
}

void roundToF16(float *x, int n)
{
    static const bool f16c = cpuFeatures().f16c;
    if (f16c) {
        kernels::roundToF16F16c(x, n);
        return;
    }
    for (int i = 0; i < n; ++i)
        x[i] = f16ToF32(f32ToF16(x[i]));
}

void dotQ8_0RowsShared(const SharedQ8_0Rows &d, const void *x, size_t xStride, KernelPath path)
{
    assert(d.nx >= 1 && d.nx <= kMaxSharedDots && d.n % blocks::kQK == 0);
    if (path != KernelPath::Scalar)
        kernels::dotQ8_0RowsSharedAvx2(d, x, xStride);
    else
        kernels::dotQ8_0RowsSharedScalar(d, x, xStride);
}

void mixQ8_0RowsShared(const SharedQ8_0Rows &d, const float *w, size_t wStride, KernelPath path)
{
    assert(d.nx >= 1 && d.nx <= kMaxSharedDots && d.n % blocks::kQK == 0);
    if (path != KernelPath::Scalar)
        kernels::mixQ8_0RowsSharedAvx2(d, w, wStride);
    else
        kernels::mixQ8_0RowsSharedScalar(d, w, wStride);
}

void f32ToF16Row(const float *x, void *dst, int n)
{
    static const bool f16c = cpuFeatures().f16c;
    if (f16c) {
        kernels::f32ToF16RowF16c(x, dst, n);
        return;
    }
    auto *out = static_cast<uint8_t *>(dst);
    for (int i = 0; i < n; ++i) {
        const uint16_t h = f32ToF16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}

void dequantizeRow(const WeightMatrix &w, int r, float *out)
{
    const Result<void> ok = dequantize(w.type, w.row(r), out, uint64_t(w.cols));
    assert(ok.ok());
    (void)ok;
}

} // namespace modelatlas::engine::cpu
